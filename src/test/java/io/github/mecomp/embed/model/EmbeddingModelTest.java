package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class EmbeddingModelTest {

    private static final ModelConfig SMALL = ModelTestData.SMALL;

    @Test
    void embeddingsAreUnitLengthWithShapeNByD() {
        try (EmbeddingModel model = new EmbeddingModel(SMALL, 1)) {
            float[][] e = model.embed(ModelTestData.gaussian(new Random(1), 5, 3, SMALL));
            assertEquals(5, e.length);
            for (float[] v : e) {
                assertEquals(SMALL.embeddingSize(), v.length);
                assertEquals(1.0, ModelTestData.norm(v), 1e-5);
            }
        }
    }

    @Test
    void zeroProjectionGivesZeroVectorNotNaN() {
        try (EmbeddingModel model = new EmbeddingModel(SMALL, 1)) {
            model.array(WeightNames.PROJ_W).assign(0);
            float[][] e = model.embed(ModelTestData.gaussian(new Random(1), 2, 2, SMALL));
            for (float[] v : e) {
                for (float x : v) {
                    assertEquals(0f, x);
                }
            }
        }
    }

    @Test
    void aSongGetsTheSameEmbeddingHoweverItIsBatched() {
        float[][][][] songs = ModelTestData.gaussian(new Random(2), 4, 3, SMALL);
        try (EmbeddingModel model = new EmbeddingModel(SMALL, 3)) {
            float[][] together = model.embed(songs);
            for (int s = 0; s < songs.length; s++) {
                float[][] alone = model.embed(new float[][][][] {songs[s]});
                assertArrayEquals(together[s], alone[0], 1e-6f, "song " + s);
                float[][] reversed = model.embed(new float[][][][] {songs[3 - s], songs[s]});
                assertArrayEquals(together[s], reversed[1], 1e-6f, "song " + s + " second in a batch");
            }
        }
    }

    @Test
    void forwardPassEqualsThePlainJavaNetwork() {
        Random random = new Random(4);
        float[][][][] songs = ModelTestData.gaussian(random, 3, 4, SMALL);
        for (ConvLayout layout : ConvLayout.values()) {
            try (EmbeddingModel model = new EmbeddingModel(SMALL, 5, DataType.DOUBLE, layout)) {
                randomiseBiases(model, new Random(6));
                model.setInputNormalisation(ModelTestData.floats(random, 12, -0.5, 1.0),
                        ModelTestData.floats(random, 12, 0.5, 1.5));
                ReferenceModel reference = new ReferenceModel(SMALL, model.weights());
                float[][] got = model.embed(songs);
                for (int s = 0; s < songs.length; s++) {
                    double[] expected = reference.embed(songs[s]);
                    for (int j = 0; j < expected.length; j++) {
                        assertEquals(expected[j], got[s][j], 1e-6, layout + " song " + s + " component " + j);
                    }
                }
            }
        }
    }

    /** With the window mean, for a song of as many windows as the model takes and for a shorter one. */
    @Test
    void windowMeanForwardPassEqualsThePlainJavaNetwork() {
        forwardPassEqualsThePlainJavaNetwork(SMALL.withWindowMean(true));
    }

    /** With the window mean and sd, and with the sd alone. */
    @Test
    void windowSdForwardPassEqualsThePlainJavaNetwork() {
        forwardPassEqualsThePlainJavaNetwork(SMALL.withWindowMean(true).withWindowSd(true));
        forwardPassEqualsThePlainJavaNetwork(SMALL.withWindowSd(true));
    }

    private static void forwardPassEqualsThePlainJavaNetwork(ModelConfig config) {
        Random random = new Random(14);
        try (EmbeddingModel model = new EmbeddingModel(config, 15, DataType.DOUBLE, ConvLayout.DEFAULT)) {
            randomiseBiases(model, new Random(16));
            ReferenceModel reference = new ReferenceModel(config, model.weights());
            for (int windows : new int[] {4, 2, 1}) {
                float[][][][] song = ModelTestData.gaussian(random, 1, windows, config);
                double[] expected = reference.embed(song[0]);
                float[] got = model.embed(song)[0];
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], got[j], 1e-6, config + ": " + windows + " windows, component " + j);
                }
            }
        }
    }

    @Test
    void defaultConfigForwardPassEqualsThePlainJavaNetwork() {
        ModelConfig config = ModelConfig.DEFAULT;
        float[][][][] song = ModelTestData.gaussian(new Random(9), 1, 3, config);
        try (EmbeddingModel model = new EmbeddingModel(config, 10)) {
            randomiseBiases(model, new Random(11));
            double[] expected = new ReferenceModel(config, model.weights()).embed(song[0]);
            float[] got = model.embed(song)[0];
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[j], got[j], 2e-5, "component " + j);
            }
        }
    }

    @Test
    void embedSongSamplesLongSongsWithWindowSelection() {
        ModelConfig config = SMALL; // K = 4
        float[][][] song = ModelTestData.gaussian(new Random(12), 1, 11, config)[0];
        try (EmbeddingModel model = new EmbeddingModel(config, 13)) {
            float[][][] chosen = {song[0], song[3], song[7], song[10]}; // round(i * 10 / 3)
            assertArrayEquals(model.embed(new float[][][][] {chosen})[0], model.embedSong(song), 0f);
            float[][][] shortSong = Arrays.copyOf(song, 2);
            assertArrayEquals(model.embed(new float[][][][] {shortSong})[0], model.embedSong(shortSong), 0f);
        }
    }

    @Test
    void sameSeedSameWeightsAndOtherSeedOtherWeights() {
        try (EmbeddingModel a = new EmbeddingModel(SMALL, 42);
                EmbeddingModel b = new EmbeddingModel(SMALL, 42);
                EmbeddingModel c = new EmbeddingModel(SMALL, 43)) {
            for (String name : a.trainableNames()) {
                assertEquals(a.array(name), b.array(name), name);
            }
            assertNotEquals(a.array(WeightNames.GRU_W), c.array(WeightNames.GRU_W));
        }
    }

    @Test
    void weightsListsEveryArrayWithItsShapeInOrder() {
        try (EmbeddingModel model = new EmbeddingModel(ModelConfig.DEFAULT, 1)) {
            Map<String, INDArray> w = model.weights();
            assertEquals(List.of("input_mean", "input_std", "conv1_w", "conv1_b", "conv2_w", "conv2_b", "conv3_w",
                    "conv3_b", "conv4_w", "conv4_b", "gru_W", "gru_U", "gru_b", "proj_w", "proj_b"),
                    List.copyOf(w.keySet()));
            assertArrayEquals(new long[] {3, 3, 1, 16}, w.get("conv1_w").shape());
            assertArrayEquals(new long[] {3, 3, 64, 128}, w.get("conv4_w").shape());
            assertArrayEquals(new long[] {128, 384}, w.get("gru_W").shape());
            assertArrayEquals(new long[] {128, 384}, w.get("gru_U").shape());
            assertArrayEquals(new long[] {384}, w.get("gru_b").shape());
            assertArrayEquals(new long[] {128, 32}, w.get("proj_w").shape());
            long total = 0;
            for (INDArray a : w.values()) {
                total += a.length();
            }
            assertEquals(ModelConfig.DEFAULT.weightBytes(), 4 * total);
            w.get("proj_w").assign(0); // a copy: the model keeps its weights
            assertNotEquals(0.0, model.array("proj_w").sumNumber().doubleValue());
        }
    }

    @Test
    void normalisationChangesTheInputTheNetworkSees() {
        float[][][][] songs = ModelTestData.gaussian(new Random(14), 2, 2, SMALL);
        try (EmbeddingModel model = new EmbeddingModel(SMALL, 15)) {
            float[][] before = model.embed(songs);
            float[] mean = new float[12];
            float[] std = new float[12];
            Arrays.fill(mean, 0.5f);
            Arrays.fill(std, 2f);
            model.setInputNormalisation(mean, std);
            assertArrayEquals(mean, model.inputMean());
            assertArrayEquals(std, model.inputStd());
            // shifting and scaling the input by the same amounts gives the old embedding back
            float[][][][] shifted = new float[2][2][16][12];
            for (int s = 0; s < 2; s++) {
                for (int w = 0; w < 2; w++) {
                    for (int f = 0; f < 16; f++) {
                        for (int m = 0; m < 12; m++) {
                            shifted[s][w][f][m] = songs[s][w][f][m] * 2f + 0.5f;
                        }
                    }
                }
            }
            float[][] after = model.embed(shifted);
            for (int s = 0; s < 2; s++) {
                assertArrayEquals(before[s], after[s], 1e-5f);
            }
            assertThrows(IllegalArgumentException.class, () -> model.setInputNormalisation(mean, new float[12]));
        }
    }

    @Test
    void rejectsInputsOfTheWrongShape() {
        try (EmbeddingModel model = new EmbeddingModel(SMALL, 1)) {
            assertThrows(IllegalArgumentException.class,
                    () -> model.embed(ModelTestData.gaussian(new Random(1), 1, 5, SMALL))); // K' > K = 4
            assertThrows(IllegalArgumentException.class,
                    () -> model.embed(new float[][][][] {new float[2][16][12], new float[3][16][12]}));
            assertThrows(IllegalArgumentException.class,
                    () -> model.embed(new float[][][][] {new float[2][15][12]}));
            assertThrows(IllegalArgumentException.class,
                    () -> model.trainStep(ModelTestData.gaussian(new Random(1), 4, 2, SMALL))); // not 3B
        }
    }

    @Test
    void buildingTheGradientGraphPrintsNothing() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (EmbeddingModel model = new EmbeddingModel(SMALL, 16)) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            model.trainStep(ModelTestData.gaussian(new Random(16), 3, 2, SMALL));
            model.gradients(ModelTestData.gaussian(new Random(17), 3, 3, SMALL));
            System.out.println("still here");
        } finally {
            System.setOut(original);
        }
        assertEquals("still here" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void saveAndLoadRoundTripBitExactlyAndResumeGivesTheSameNextStep(@TempDir Path dir) throws Exception {
        Random random = new Random(18);
        float[][][][] batch1 = ModelTestData.gaussian(random, 6, 3, SMALL);
        float[][][][] batch2 = ModelTestData.gaussian(random, 6, 3, SMALL);
        float[][][][] songs = ModelTestData.gaussian(random, 3, 4, SMALL);
        Path saved = dir.resolve("checkpoint");
        try (EmbeddingModel model = new EmbeddingModel(SMALL, 19)) {
            model.setInputNormalisation(ModelTestData.floats(random, 12, -1, 2), ModelTestData.floats(random, 12, 0.5, 1));
            model.setHyper(TrainingHyper.DEFAULT.withMargin(0.3).withLearningRate(0.01));
            model.trainStep(batch1);
            model.trainStep(batch2);
            model.save(saved);
            assertTrue(Files.exists(saved.resolve("model.json")));
            assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith(".")),
                    "no temporary folder left");

            try (EmbeddingModel loaded = EmbeddingModel.load(saved)) {
                assertEquals(model.config(), loaded.config());
                assertEquals(model.hyper(), loaded.hyper());
                assertEquals(2, loaded.adamStep());
                assertEquals(model.seed(), loaded.seed());
                Map<String, INDArray> a = model.weights();
                Map<String, INDArray> b = loaded.weights();
                assertEquals(a.keySet(), b.keySet());
                for (String name : a.keySet()) {
                    assertArrayEquals(a.get(name).shape(), b.get(name).shape(), name);
                    assertArrayEquals(bits(a.get(name)), bits(b.get(name)), name);
                }
                float[][] ea = model.embed(songs);
                float[][] eb = loaded.embed(songs);
                for (int s = 0; s < ea.length; s++) {
                    assertArrayEquals(ea[s], eb[s], 0f);
                }

                // the next Adam step is the same with or without the save
                double lossA = model.trainStep(batch1);
                double lossB = loaded.trainStep(batch1);
                assertEquals(lossA, lossB, 0.0);
                for (String name : model.trainableNames()) {
                    assertArrayEquals(bits(model.array(name)), bits(loaded.array(name)), name + " after the step");
                }
            }

            // saving again replaces the checkpoint
            model.save(saved);
            try (EmbeddingModel again = EmbeddingModel.load(saved)) {
                assertEquals(3, again.adamStep());
            }
        }
    }

    @Test
    void refusesToReplaceAFolderThatIsNotASavedModel(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("stuff");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "keep me");
        try (EmbeddingModel model = new EmbeddingModel(ModelTestData.TINY, 1)) {
            assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> model.save(other));
        }
        assertEquals("keep me", Files.readString(other.resolve("notes.txt")));
    }

    @Test
    void trainingSeparatesTwoClustersOfSyntheticSpectrograms() {
        // cluster 0 has its energy in the low bands, cluster 1 in the high bands; every song is noisy
        Random random = new Random(20);
        float[][][][] validation = clusterBatch(random, 8, 3);
        try (EmbeddingModel model = new EmbeddingModel(SMALL, 21)) {
            model.setHyper(TrainingHyper.DEFAULT.withLearningRate(0.01));
            double start = model.loss(validation);
            double firstTrain = 0;
            double lastTrain = 0;
            for (int step = 0; step < 50; step++) {
                double loss = model.trainStep(clusterBatch(random, 8, 3));
                if (step == 0) {
                    firstTrain = loss;
                }
                lastTrain = loss;
            }
            double end = model.loss(validation);
            System.err.printf("two clusters: validation loss %.4f -> %.4f, training loss %.4f -> %.4f%n", start, end,
                    firstTrain, lastTrain);
            assertEquals(50, model.adamStep());
            assertTrue(start > 0.05, "start loss " + start);
            assertTrue(end < 0.5 * start, "validation loss " + start + " -> " + end
                    + " (training " + firstTrain + " -> " + lastTrain + ")");
        }
    }

    /** B triplets: anchor and positive from one cluster, negative from the other. */
    private static float[][][][] clusterBatch(Random random, int triplets, int windows) {
        float[][][][] out = new float[3 * triplets][][][];
        for (int t = 0; t < triplets; t++) {
            int cluster = random.nextInt(2);
            out[t] = clusterSong(random, cluster, windows);
            out[triplets + t] = clusterSong(random, cluster, windows);
            out[2 * triplets + t] = clusterSong(random, 1 - cluster, windows);
        }
        return out;
    }

    private static float[][][] clusterSong(Random random, int cluster, int windows) {
        float[][][] song = new float[windows][SMALL.inputFrames()][SMALL.inputBands()];
        double level = 0.5 * random.nextGaussian();
        for (float[][] window : song) {
            for (float[] frame : window) {
                for (int m = 0; m < frame.length; m++) {
                    boolean loud = cluster == 0 ? m < frame.length / 2 : m >= frame.length / 2;
                    frame[m] = (float) ((loud ? 1.0 : -1.0) + level + random.nextGaussian());
                }
            }
        }
        return song;
    }

    private static void randomiseBiases(EmbeddingModel model, Random random) {
        for (String name : model.trainableNames()) {
            if (name.endsWith("_b")) {
                INDArray b = model.array(name);
                for (long i = 0; i < b.length(); i++) {
                    b.putScalar(i, 0.2 * random.nextGaussian());
                }
            }
        }
    }

    private static long[] bits(INDArray a) {
        if (a.dataType() == DataType.DOUBLE) {
            return Arrays.stream(a.dup('c').data().asDouble()).mapToLong(Double::doubleToRawLongBits).toArray();
        }
        float[] f = a.dup('c').data().asFloat();
        long[] out = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Float.floatToRawIntBits(f[i]);
        }
        return out;
    }
}
