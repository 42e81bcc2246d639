package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.Triplet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {

    /** A clip whose every value is its window index plus a clip-specific offset, so crops can be read back. */
    static float[][][] clip(int windows, float offset) {
        float[][][] w = new float[windows][2][3];
        for (int i = 0; i < windows; i++) {
            for (float[] f : w[i]) {
                java.util.Arrays.fill(f, offset + i);
            }
        }
        return w;
    }

    private final ClipLibrary library = ClipLibrary.of(Map.of(
            "s/a", clip(12, 0), "s/p", clip(5, 100), "s/n", clip(30, 200)));

    @Test
    void cropsConsecutiveWindowsAnchorsThenPositivesThenNegatives() {
        TrainingBatch b = new BatchAssembler(library, 4, 0).assemble(List.of(new Triplet("s/a", "s/p", "s/n")),
                new SplittableRandom(1));
        assertEquals(List.of("s/a", "s/p", "s/n"), b.keys());
        assertEquals(3 * 4 * 2 * 3, b.data().length);
        for (int row = 0; row < 3; row++) {
            float first = b.data()[row * 24];
            for (int w = 0; w < 4; w++) {
                assertEquals(first + w, b.data()[row * 24 + w * 6], 0f, "row " + row + " window " + w);
            }
        }
    }

    @Test
    void shortClipRepeatsFromItsStart() {
        TrainingBatch b = new BatchAssembler(library, 8, 0).assemble(List.of(new Triplet("s/a", "s/p", "s/n")),
                new SplittableRandom(1));
        int row = 1; // the positive has 5 windows
        float[] expected = {100, 101, 102, 103, 104, 100, 101, 102};
        for (int w = 0; w < 8; w++) {
            assertEquals(expected[w], b.data()[row * 48 + w * 6], 0f);
        }
    }

    @Test
    void cropsReachEveryStartOverManyDraws() {
        BatchAssembler assembler = new BatchAssembler(library, 4, 0);
        SplittableRandom r = new SplittableRandom(7);
        Set<Float> starts = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            starts.add(assembler.assemble(List.of(new Triplet("s/a", "s/p", "s/n")), r).data()[0]);
        }
        assertEquals(9, starts.size(), "a 12-window clip has 9 crops of 4");
    }

    @Test
    void gainShiftsAWholeClipByOneConstantWithinTheRange() {
        TrainingBatch b = new BatchAssembler(library, 4, 6).assemble(List.of(new Triplet("s/a", "s/p", "s/n")),
                new SplittableRandom(3));
        double maxShift = 6 * Math.log(10) / 10;
        for (int row = 0; row < 3; row++) {
            float base = b.data()[row * 24];
            double shift = base - Math.rint(base); // window values are whole numbers before the gain
            for (int i = 0; i < 24; i += 6) {
                assertEquals(shift, b.data()[row * 24 + i] - Math.rint(b.data()[row * 24 + i]), 1e-4);
            }
            assertTrue(Math.abs(shift) <= maxShift + 1e-6);
        }
    }

    @Test
    void gainLeavesTheCrestFactorAlone() {
        // frames of 3 values: 2 mel bands, then the crest factor
        ClipLibrary crest = ClipLibrary.of(Map.of("s/a", clip(12, 0), "s/p", clip(5, 100), "s/n", clip(30, 200)), 2);
        TrainingBatch b = new BatchAssembler(crest, 4, 6).assemble(List.of(new Triplet("s/a", "s/p", "s/n")),
                new SplittableRandom(3));
        for (int row = 0; row < 3; row++) {
            double shift = b.data()[row * 24] - Math.rint(b.data()[row * 24]);
            assertTrue(Math.abs(shift) > 1e-3, "this draw moves the mel bands: " + shift);
            for (int frame = 0; frame < 8; frame++) {
                int at = row * 24 + frame * 3;
                assertEquals(shift, b.data()[at + 1] - Math.rint(b.data()[at + 1]), 1e-4, "mel band 1");
                assertEquals(Math.rint(b.data()[at + 2]), b.data()[at + 2], 0f, "the crest value is untouched");
            }
        }
    }

    @Test
    void levelStatisticsLevelTheMelBandsOnlyAndKeepTheCrestValues() {
        float[] data = {(float) Math.log(4), (float) Math.log(2), 0.7f, (float) Math.log(2), (float) Math.log(8), 0.3f};
        float[] levelled = BandStatistics.levelled(data, 1e-9, 3, 2);
        // mean power (4 + 2 + 2 + 8) / 4 = 4
        assertEquals(Math.log(1), levelled[0], 1e-6);
        assertEquals(Math.log(0.5), levelled[1], 1e-6);
        assertEquals(0.7f, levelled[2], 0f);
        assertEquals(Math.log(2), levelled[4], 1e-6);
        assertEquals(0.3f, levelled[5], 0f);
    }
}
