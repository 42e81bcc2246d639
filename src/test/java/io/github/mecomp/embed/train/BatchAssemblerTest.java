package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.model.PairMasks;
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
    void spreadCropsTakeOneWindowFromEachStretchOfTheClipInOrder() {
        BatchAssembler assembler = new BatchAssembler(library, 4, 0, 0, 0, SpreadCrops.ALL);
        SplittableRandom r = new SplittableRandom(11);
        Set<Float> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            TrainingBatch b = assembler.assemble(List.of(new Triplet("s/a", "s/p", "s/n")), r);
            for (int w = 0; w < 4; w++) {
                float a = b.data()[w * 6]; // the 12-window anchor: stretches of 3 windows
                assertTrue(a >= 3 * w && a < 3 * w + 3, "anchor window " + w + " from its stretch: " + a);
                seen.add(a);
                float n = b.data()[2 * 24 + w * 6] - 200; // the 30-window negative: stretches 0-6, 7-14, 15-21, 22-29
                int from = w * 30 / 4;
                int to = (w + 1) * 30 / 4;
                assertTrue(n >= from && n < to, "negative window " + w + " in [" + from + ", " + to + "): " + n);
            }
        }
        assertEquals(12, seen.size(), "every window of the anchor is drawn over the batches");
        TrainingBatch b = new BatchAssembler(library, 8, 0, 0, 0, SpreadCrops.ALL).assemble(
                List.of(new Triplet("s/a", "s/p", "s/n")), new SplittableRandom(1));
        float[] expected = {100, 101, 102, 103, 104, 100, 101, 102};
        for (int w = 0; w < 8; w++) {
            assertEquals(expected[w], b.data()[48 + w * 6], 0f, "a clip of 5 windows repeats from its start");
        }
    }

    @Test
    void spreadCropsForARelationSpreadItsGroupBatchesOnly() {
        BatchAssembler assembler = new BatchAssembler(library, 4, 0, 0, 0, SpreadCrops.of(List.of("album")));
        List<String> keys = List.of("s/a", "s/n");
        PairMasks masks = PairMasks.ofGroups(new int[] {0, 1});
        SplittableRandom r = new SplittableRandom(3);
        Set<Float> albumFirst = new HashSet<>();
        Set<Float> artistGaps = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            float[] album = assembler.assemble(new GroupSampler.Drawn(keys, masks, "s/album"), r).data();
            albumFirst.add(album[0]);
            assertTrue(album[3 * 6] >= 9, "the album batch's last window comes from the anchor's last stretch");
            float[] artist = assembler.assemble(new GroupSampler.Drawn(keys, masks, "s/artist"), r).data();
            for (int w = 1; w < 4; w++) {
                artistGaps.add(artist[w * 6] - artist[(w - 1) * 6]);
            }
        }
        assertEquals(Set.of(0f, 1f, 2f), albumFirst, "the first stretch of the 12-window clip, every window of it");
        assertEquals(Set.of(1f), artistGaps, "the artist batches keep consecutive windows");
    }

    @Test
    void aSpreadShareSpreadsThatShareOfTheClipsAndKeepsTheRestConsecutive() {
        BatchAssembler assembler = new BatchAssembler(library, 4, 0, 0, 0, SpreadCrops.ALL.withShare(0.5));
        SplittableRandom r = new SplittableRandom(13);
        int consecutive = 0;
        int batches = 400;
        for (int i = 0; i < batches; i++) {
            float[] data = assembler.assemble(List.of(new Triplet("s/a", "s/p", "s/n")), r).data();
            // the 30-window negative: spread windows come from stretches 0-6, 7-14, 15-21, 22-29, never all adjacent
            boolean adjacent = true;
            for (int w = 1; w < 4; w++) {
                adjacent &= data[2 * 24 + w * 6] - data[2 * 24 + (w - 1) * 6] == 1f;
            }
            consecutive += adjacent ? 1 : 0;
        }
        assertTrue(consecutive > 0.4 * batches && consecutive < 0.6 * batches,
                consecutive + " of " + batches + " negatives kept consecutive windows at share 0.5");
    }

    @Test
    void aWholeShareIsSpreadCropsAsBefore() {
        assertSameBatchAndRandomStream(new BatchAssembler(library, 4, 6, 0, 0, SpreadCrops.ALL),
                new BatchAssembler(library, 4, 6, 0, 0, SpreadCrops.ALL.withShare(1.0)));
    }

    @Test
    void withoutSpreadCropsABatchAndTheRandomStreamAreAsBefore() {
        assertSameBatchAndRandomStream(new BatchAssembler(library, 4, 6),
                new BatchAssembler(library, 4, 6, 0, 0, SpreadCrops.NONE));
    }

    /** Both assemble the same batch from the same random state and leave it in the same state. */
    private static void assertSameBatchAndRandomStream(BatchAssembler x, BatchAssembler y) {
        SplittableRandom a = new SplittableRandom(5);
        SplittableRandom b = new SplittableRandom(5);
        Triplet t = new Triplet("s/a", "s/p", "s/n");
        assertTrue(java.util.Arrays.equals(x.assemble(List.of(t), a).data(), y.assemble(List.of(t), b).data()));
        assertEquals(a.nextLong(), b.nextLong());
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

    /** One window of 8 frames x (5 mel bands + 1 side value): value 10 + 10 f + b, the quietest mel bin 10. */
    private static final ClipLibrary GRID;

    static {
        float[][][] w = new float[1][8][6];
        for (int f = 0; f < 8; f++) {
            for (int b = 0; b < 6; b++) {
                w[0][f][b] = 10 + 10 * f + b;
            }
        }
        GRID = ClipLibrary.of(Map.of("s/a", w, "s/p", w, "s/n", w), 5);
    }

    @Test
    void masksSilenceOneRunOfBandsAndOneOfFramesOfTheMelBandsOnly() {
        BatchAssembler masked = new BatchAssembler(GRID, 1, 0, 3, 4);
        SplittableRandom random = new SplittableRandom(11);
        Set<Integer> bandWidths = new HashSet<>();
        Set<Integer> frameWidths = new HashSet<>();
        for (int draw = 0; draw < 200; draw++) {
            float[] d = masked.assemble(List.of(new Triplet("s/a", "s/p", "s/n")), random).data();
            for (int row = 0; row < 3; row++) {
                boolean[][] hit = new boolean[8][6];
                for (int f = 0; f < 8; f++) {
                    for (int b = 0; b < 6; b++) {
                        float v = d[row * 48 + f * 6 + b];
                        hit[f][b] = v != 10 + 10 * f + b;
                        if (hit[f][b]) {
                            assertEquals(10f, v, 0f, "a masked bin takes the window's quietest value");
                        }
                    }
                    assertTrue(!hit[f][5], "the side value is never masked");
                }
                // bands masked in every frame form one run; frames masked in every (other) band form one run
                int bands = 0;
                int frames = 0;
                for (int b = 1; b < 5; b++) {
                    int column = b;
                    boolean all = java.util.stream.IntStream.range(0, 8).allMatch(f -> hit[f][column]);
                    bands += all ? 1 : 0;
                }
                for (int f = 0; f < 8; f++) {
                    boolean[] r = hit[f];
                    frames += r[1] && r[2] && r[3] && r[4] ? 1 : 0;
                }
                int changed = 0;
                for (boolean[] r : hit) {
                    for (boolean h : r) {
                        changed += h ? 1 : 0;
                    }
                }
                assertTrue(changed <= 3 * 8 + 4 * 5, "at most 3 bands and 4 frames: " + changed);
                bandWidths.add(Math.min(bands, 3));
                frameWidths.add(Math.min(frames, 4));
            }
        }
        assertTrue(bandWidths.containsAll(List.of(0, 1, 2, 3)), "band masks of every width: " + bandWidths);
        assertTrue(frameWidths.containsAll(List.of(0, 4)), "frame masks from none to the widest: " + frameWidths);
    }

    @Test
    void withoutMasksABatchAndTheRandomStreamAreAsBefore() {
        assertSameBatchAndRandomStream(new BatchAssembler(library, 4, 6), new BatchAssembler(library, 4, 6, 0, 0));
        Triplet t = new Triplet("s/a", "s/p", "s/n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new BatchAssembler(GRID, 1, 0, 0, 8).assemble(List.of(t), new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("--mask-frames must be below the 8 frames"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new BatchAssembler(GRID, 1, 0, 5, 0));
        assertTrue(e.getMessage().contains("--mask-bands must be below the 5 mel bands"), e.getMessage());
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
