package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.HumanSplit;
import io.github.mecomp.embed.data.MinedTriplet;
import io.github.mecomp.embed.data.MiningConfig;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fine-tuning with the real SameDiff model, kept tiny so that a few epochs take seconds. */
class FineTuningTest {

    private static final ModelConfig TINY = new ModelConfig(8, 8, List.of(2), 1, 4, 4, 3);

    @TempDir
    Path dir;

    /**
     * Twelve clips of 2 random windows each, keyed as human clips, and judgements about them. Two windows, as
     * many as a training crop, so that training and validation share one graph: building graphs is most of
     * what a model this small costs.
     */
    private static Trainer.Data data() {
        Random random = new Random(1);
        Map<String, float[][][]> windows = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            float[][][] w = new float[2][8][8];
            for (float[][] window : w) {
                for (float[] frame : window) {
                    for (int b = 0; b < 8; b++) {
                        frame[b] = (float) random.nextGaussian() + i % 3;
                    }
                }
            }
            windows.put(HumanSplit.SET + "/k" + i, w);
        }
        List<MinedTriplet> judged = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            judged.add(new MinedTriplet(new Triplet("k" + i, "k" + (i + 3) % 12, "k" + (i + 1) % 12), HumanSplit.SET,
                    HumanSplit.RELATION));
        }
        return new Trainer.Data(judged.subList(0, 8), judged.subList(8, 12), ClipLibrary.of(windows),
                new PairRule(List.of(), MiningConfig.defaults()));
    }

    /** A model that has trained a step (so its Adam state is not zero), saved as the start of fine-tuning. */
    private Path init() throws IOException {
        try (EmbeddingModel m = new EmbeddingModel(TINY, 11)) {
            float[] mean = new float[8];
            float[] std = new float[8];
            java.util.Arrays.fill(mean, 1f);
            java.util.Arrays.fill(std, 2f);
            m.setInputNormalisation(mean, std);
            m.trainStep(new float[3][2][8][8]);
            assertEquals(1, m.adamStep());
            m.save(dir.resolve("init"));
        }
        return dir.resolve("init");
    }

    private static TrainingConfig config() {
        return TrainingConfig.FINE_TUNE.toBuilder().maxEpochs(2).batchTriplets(4).trainWindows(2).warmupSteps(1)
                .learningRate(1e-2).build();
    }

    @Test
    void startsFromTheInitModelWithAFreshOptimiser() throws IOException {
        Path init = init();
        float[][][] song = data().library().windows("human/k0");
        try (EmbeddingModel original = EmbeddingModel.load(init);
             SameDiffTrainee start = (SameDiffTrainee) SameDiffTrainee.fineTuneFactory(init, 0.3).create(99)) {
            assertEquals(0, start.model().adamStep());
            assertEquals(0.3, start.model().hyper().margin());
            assertArrayEquals(original.inputStd(), start.model().inputStd());
            assertArrayEquals(original.embedSong(song), start.embedSong(song), "the init model's weights, not seed 99's");
        }
    }

    @Test
    void aMissingInitModelIsAClearError() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> SameDiffTrainee.fineTuneFactory(dir.resolve("nothing"), 0.2).create(1));
        assertTrue(e.getMessage().contains("nothing"), e.getMessage());
    }

    @Test
    void resumedFineTuningRepeatsTheUninterruptedOne() throws IOException {
        Path init = init();
        Trainee.Factory factory = SameDiffTrainee.fineTuneFactory(init, 0.2);
        Trainer.Result whole = new Trainer(config(), factory, null).run(data(), dir.resolve("a"), "setup", false);

        TrainingListener killAtEpoch2 = new TrainingListener() {
            @Override
            public void stepDone(int epoch, int step, double loss, double lr) {
                if (epoch == 2 && step == 1) {
                    throw new IllegalStateException("kill -9");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> new Trainer(config(), factory, killAtEpoch2).run(data(), dir.resolve("b"), "setup", false));
        Trainer.Result resumed = new Trainer(config(), factory, null).run(data(), dir.resolve("b"), "setup", true);

        assertEquals(whole.state().history().size(), resumed.state().history().size());
        try (EmbeddingModel a = EmbeddingModel.load(dir.resolve("a/checkpoints/epoch-2"));
             EmbeddingModel b = EmbeddingModel.load(dir.resolve("b/checkpoints/epoch-2"))) {
            assertEquals(a.adamStep(), b.adamStep());
            assertEquals(2L * 2, a.adamStep(), "a fresh optimiser: 2 steps an epoch, none from the init model");
            Map<String, INDArray> wa = a.weights();
            Map<String, INDArray> wb = b.weights();
            for (String name : a.trainableNames()) {
                assertEquals(wa.get(name), wb.get(name), name);
            }
            try (EmbeddingModel start = EmbeddingModel.load(init)) {
                assertTrue(!start.weights().get(a.trainableNames().get(0)).equals(wa.get(a.trainableNames().get(0))),
                        "fine-tuning moved the weights");
            }
        }
    }
}
