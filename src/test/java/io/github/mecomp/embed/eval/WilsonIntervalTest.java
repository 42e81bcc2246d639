package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

    // Reference values computed independently in double precision from the closed form (Wilson 1927).
    @Test
    void matchesPublishedValueAtHalf() {
        WilsonInterval ci = WilsonInterval.of95(50, 100);
        assertEquals(0.40383, ci.low(), 1e-5);
        assertEquals(0.59617, ci.high(), 1e-5);
    }

    @Test
    void staysInsideUnitIntervalAtTheEdges() {
        WilsonInterval none = WilsonInterval.of95(0, 10);
        assertEquals(0.0, none.low(), 1e-12);
        assertEquals(0.27753, none.high(), 1e-5);
        WilsonInterval all = WilsonInterval.of95(10, 10);
        assertEquals(0.72247, all.low(), 1e-5);
        assertEquals(1.0, all.high(), 1e-12);
    }

    @Test
    void thousandTripletsGiveAboutThreePointsEachSide() {
        WilsonInterval ci = WilsonInterval.of95(700, 1000);
        assertEquals(0.67088, ci.low(), 1e-5);
        assertEquals(0.72759, ci.high(), 1e-5);
    }

    @Test
    void rejectsMoreSuccessesThanTrials() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(11, 10));
    }
}
