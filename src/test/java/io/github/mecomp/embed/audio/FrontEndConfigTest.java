package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrontEndConfigTest {

    @Test
    void defaultsMatchMecompDecoderRate() {
        assertEquals(22_050, FrontEndConfig.DEFAULT.sampleRate());
        assertEquals(1.0, FrontEndConfig.DEFAULT.windowSeconds());
    }

    @Test
    void framesPerWindowCountsWholeFramesOnly() {
        FrontEndConfig c = new FrontEndConfig(22_050, 1.0, 512, 256, 64, 0, 11_025, 1e-6);
        assertEquals(1 + (22_050 - 512) / 256, c.framesPerWindow());
        assertEquals(257, c.dftBins());
    }

    @Test
    void sixteenKilohertzKeepsFmaxAtNyquist() {
        FrontEndConfig c = FrontEndConfig.DEFAULT.withSampleRate(16_000);
        assertEquals(16_000, c.windowSamples());
        assertTrue(c.fMax() <= 8_000);
    }

    @Test
    void rejectsFrameLengthThatIsNotAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrontEndConfig(22_050, 1.0, 500, 250, 64, 0, 11_025, 1e-6));
        assertTrue(e.getMessage().contains("frameLength"), e.getMessage());
    }

    @Test
    void rejectsFmaxAboveNyquist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrontEndConfig(16_000, 1.0, 512, 256, 64, 0, 11_025, 1e-6));
        assertTrue(e.getMessage().contains("fMax"), e.getMessage());
    }

    @Test
    void rejectsHopLongerThanFrame() {
        assertThrows(IllegalArgumentException.class, () -> new FrontEndConfig(22_050, 1.0, 512, 1024, 64, 0, 11_025, 1e-6));
    }
}
