package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.MelCache;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.Split;
import io.github.mecomp.embed.data.Triplet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library holds the chroma and harmony values once per window, where the front-end repeats them in every
 * frame; every reader must still see the frames as the front-end wrote them. The expectations here are computed
 * from those frames directly, as the library did before it held them compactly.
 */
class ClipLibraryWindowValuesTest {

    private static final FrontEndConfig ALL_SIDES =
            FrontEndConfig.DEFAULT.withCrestChannel(true).withChromaChannel(true).withHarmonyChannel(true);
    private static final int MEL = 64;
    /** The mel bands and the crest factor, each frame's own. */
    private static final int OWN = 65;
    /** Chroma and harmony, the window's. */
    private static final int PER_WINDOW = 18;
    private static final int BANDS = 83;
    private static final int RATE = 22_050;

    @TempDir
    Path dir;

    private final Map<String, Path> files = new LinkedHashMap<>();

    /** Clips of 5, 4 and 2 windows, the last shorter than a crop. */
    @BeforeEach
    void writeClips() throws IOException {
        files.put("set/a", TestAudio.writeWav(dir.resolve("a.wav"), music(5.4, 1), RATE));
        files.put("set/b", TestAudio.writeWav(dir.resolve("b.wav"), music(4.2, 2), RATE));
        files.put("set/c", TestAudio.writeWav(dir.resolve("c.wav"), music(2.5, 3), RATE));
    }

    /**
     * A note that changes every second (so the chroma changes from window to window) over quiet noise, with
     * clicks at random times (so the crest factor changes from frame to frame).
     */
    static float[] music(double seconds, long seed) {
        Random random = new Random(seed);
        float[] x = new float[(int) (seconds * RATE)];
        double hz = 0;
        for (int i = 0; i < x.length; i++) {
            if (i % RATE == 0) {
                hz = 220 * Math.pow(2, random.nextInt(12) / 12.0);
            }
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / RATE) + 0.01 * random.nextGaussian());
            if (random.nextInt(3000) == 0) {
                x[i] = 0.95f;
            }
        }
        return x;
    }

    private ClipLibrary load(FrontEnd frontEnd) throws InterruptedException {
        List<Clip> clips = new ArrayList<>();
        files.forEach((key, file) -> clips.add(new Clip(key.substring("set/".length()), file, Split.TRAIN, Map.of())));
        Dataset set = new Dataset("set", dir, clips, Map.of());
        return ClipLibrary.load(Map.of(set, clips), frontEnd, 1, (file, ok) -> { });
    }

    /** Each clip's windows as the front-end writes them, [window][frame][band]. */
    private Map<String, float[][][]> frames(FrontEndConfig config) throws IOException {
        Map<String, float[][][]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            out.put(e.getKey(), new FrontEnd(config).windows(e.getValue()));
        }
        return out;
    }

    @Test
    void windowsGiveBackEveryFrameAsTheFrontEndWroteIt() throws Exception {
        ClipLibrary library = load(new FrontEnd(ALL_SIDES));
        Map<String, float[][][]> expected = frames(ALL_SIDES);
        boolean crestMoves = false;
        for (String key : files.keySet()) {
            ClipLibrary.ClipWindows clip = library.get(key);
            assertEquals(OWN, clip.frameValues(), "the crest factor stays with its frame");
            assertEquals(PER_WINDOW, clip.windowValues());
            float[][][] want = expected.get(key);
            float[][][] got = library.windows(key);
            assertEquals(want.length, got.length, key);
            for (int w = 0; w < want.length; w++) {
                assertEquals(want[w].length, got[w].length, key);
                for (int f = 0; f < want[w].length; f++) {
                    assertArrayEquals(want[w][f], got[w][f], key + " window " + w + " frame " + f);
                    crestMoves |= want[w][f][MEL] != want[w][0][MEL];
                }
            }
        }
        assertTrue(crestMoves, "the clips' crest factor differs between frames of a window, so it must stay per frame");
    }

    @Test
    void batchesAreBitForBitThoseOfTheFramesAsTheFrontEndWroteThem() throws Exception {
        ClipLibrary library = load(new FrontEnd(ALL_SIDES));
        Map<String, float[][][]> frames = frames(ALL_SIDES);
        List<Triplet> triplets =
                List.of(new Triplet("set/a", "set/b", "set/c"), new Triplet("set/c", "set/a", "set/b"));
        BatchAssembler assembler = new BatchAssembler(library, 3, 6);
        SplittableRandom random = new SplittableRandom(17);
        SplittableRandom same = new SplittableRandom(17);
        for (int draw = 0; draw < 20; draw++) {
            float[] got = assembler.assemble(triplets, random).data();
            assertArrayEquals(batchOfFrames(frames, triplets, 3, 6, MEL, same), got, "draw " + draw);
        }
        assertEquals(same.nextLong(), random.nextLong(), "the same random draws");
    }

    @Test
    void aWindowValueOfMinusZeroComesOutOfABatchAsBefore() {
        // a frame: 2 mel bands, a crest factor, one window value
        float[][][] w = {{{1, 2, -0f, -0f}, {3, 4, 0.5f, -0f}}, {{5, 6, 0.25f, 7}, {8, 9, -0f, 7}}};
        Map<String, float[][][]> frames = Map.of("s/a", w, "s/p", w, "s/n", w);
        ClipLibrary library = ClipLibrary.of(frames, 2, 1);
        assertEquals(1, library.get("s/a").windowValues());
        List<Triplet> triplet = List.of(new Triplet("s/a", "s/p", "s/n"));
        for (double gain : new double[] {0, 6}) {
            float[] got = new BatchAssembler(library, 1, gain).assemble(triplet, new SplittableRandom(4)).data();
            assertArrayEquals(batchOfFrames(frames, triplet, 1, gain, 2, new SplittableRandom(4)), got);
        }
    }

    /**
     * The batch as the assembler made it from frames that each held every value: the same random crop and gain
     * per clip, the gain added to the mel bands and 0 to the rest.
     */
    private static float[] batchOfFrames(Map<String, float[][][]> frames, List<Triplet> triplets, int crop,
                                         double gainDb, int mel, SplittableRandom random) {
        List<String> keys = new ArrayList<>();
        triplets.forEach(t -> keys.add(t.anchor()));
        triplets.forEach(t -> keys.add(t.positive()));
        triplets.forEach(t -> keys.add(t.negative()));
        float[][][] first = frames.get(keys.get(0));
        float[] out = new float[keys.size() * crop * first[0].length * first[0][0].length];
        int i = 0;
        for (String key : keys) {
            float[][][] clip = frames.get(key);
            int start = clip.length > crop ? random.nextInt(clip.length - crop + 1) : 0;
            float shift = gainDb == 0 ? 0f : (float) ((random.nextDouble() * 2 - 1) * gainDb * Math.log(10) / 10);
            for (int w = 0; w < crop; w++) {
                for (float[] frame : clip[(start + w) % clip.length]) {
                    for (int b = 0; b < frame.length; b++) {
                        out[i++] = frame[b] + (b < mel ? shift : 0f);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Exactly equal, not within a tolerance: the library adds a window's values once per frame in the order the
     * frames came, so every double sum is the one taken over the frames.
     */
    @Test
    void bandStatisticsAreThoseOfTheFramesAsTheFrontEndWroteThem() throws Exception {
        ClipLibrary library = load(new FrontEnd(ALL_SIDES));
        Map<String, float[][][]> frames = frames(ALL_SIDES);
        for (double levelFloor : new double[] {0, ALL_SIDES.logFloor()}) {
            BandStatistics want = statisticsOfFrames(frames, levelFloor);
            BandStatistics got = BandStatistics.of(library, files.keySet(), levelFloor);
            assertArrayEquals(want.mean(), got.mean(), 0f, "mean, level floor " + levelFloor);
            assertArrayEquals(want.std(), got.std(), 0f, "std, level floor " + levelFloor);
        }
    }

    /** Mean and std of each band over every frame, the mel bands of each clip levelled first if asked. */
    private static BandStatistics statisticsOfFrames(Map<String, float[][][]> frames, double levelFloor) {
        double[] sum = new double[BANDS];
        double[] sumSq = new double[BANDS];
        long count = 0;
        for (float[][][] clip : frames.values()) {
            float[] flat = new float[clip.length * clip[0].length * BANDS];
            int i = 0;
            for (float[][] w : clip) {
                for (float[] f : w) {
                    System.arraycopy(f, 0, flat, i, BANDS);
                    i += BANDS;
                }
            }
            float[] d = levelFloor > 0 ? BandStatistics.levelled(flat, levelFloor, BANDS, MEL) : flat;
            for (int j = 0; j < d.length; j++) {
                sum[j % BANDS] += d[j];
                sumSq[j % BANDS] += (double) d[j] * d[j];
            }
            count += d.length / BANDS;
        }
        float[] mean = new float[BANDS];
        float[] std = new float[BANDS];
        for (int b = 0; b < BANDS; b++) {
            double m = sum[b] / count;
            mean[b] = (float) m;
            std[b] = (float) Math.max(BandStatistics.MIN_STD, Math.sqrt(Math.max(0, sumSq[b] / count - m * m)));
        }
        return new BandStatistics(mean, std);
    }

    @Test
    void windowValuesAreHeldOnceAndOtherLayoutsAsBefore() throws Exception {
        ClipLibrary library = load(new FrontEnd(ALL_SIDES));
        long perFrame = 0;
        long repeats = 0;
        for (String key : files.keySet()) {
            ClipLibrary.ClipWindows c = library.get(key);
            assertEquals(43, c.frames());
            perFrame += 4L * c.windows() * c.frames() * BANDS;
            repeats += 4L * c.windows() * (c.frames() - 1) * PER_WINDOW;
        }
        assertEquals(perFrame - repeats, library.bytes(), "the 42 repeats of 18 values in each window are gone");

        for (FrontEndConfig config : List.of(FrontEndConfig.DEFAULT, FrontEndConfig.DEFAULT.withCrestChannel(true))) {
            ClipLibrary plain = load(new FrontEnd(config));
            long bytes = 0;
            for (float[][][] w : frames(config).values()) {
                bytes += 4L * w.length * w[0].length * config.valuesPerFrame();
            }
            assertEquals(bytes, plain.bytes(), "nothing held once per window with " + config.sideValues()
                    + " side values, each frame's own");
            assertEquals(0, plain.get("set/a").windowValues());
        }
    }

    @Test
    void aCachedWindowWhoseFramesDisagreeOnAWindowValueIsRefusedByName() throws Exception {
        MelCache cache = new MelCache(dir.resolve("cache"), ALL_SIDES);
        float[][][] broken = new FrontEnd(ALL_SIDES).windows(files.get("set/b"));
        broken[1][42][OWN + 3] += 0.01f;
        cache.getOrCompute(files.get("set/b"), () -> broken);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> load(new FrontEnd(ALL_SIDES, cache)));
        assertTrue(e.getMessage().contains("clip set/b") && e.getMessage().contains("window 1"), e.getMessage());

        e = assertThrows(IllegalStateException.class, () -> ClipLibrary.of(Map.of("s/x", broken), MEL, PER_WINDOW));
        assertTrue(e.getMessage().contains("clip s/x"), e.getMessage());
    }

    @Test
    void aFramesOwnValueMayDifferFromTheFirstFramesAndIsKept() throws Exception {
        MelCache cache = new MelCache(dir.resolve("cache"), ALL_SIDES);
        float[][][] changed = new FrontEnd(ALL_SIDES).windows(files.get("set/b"));
        changed[1][42][MEL] = changed[1][0][MEL] + 1; // the crest factor, each frame's own
        cache.getOrCompute(files.get("set/b"), () -> changed);

        float[][][] got = load(new FrontEnd(ALL_SIDES, cache)).windows("set/b");
        assertArrayEquals(changed[1][42], got[1][42]);
    }
}
