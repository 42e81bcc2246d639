package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Dropout on the projection's inputs ({@link TrainingHyper#dropout()}): what the mask holds, that it changes the
 * training loss and never an embedding, and that a run's masks come from its seed and step (so a resumed run
 * repeats the uninterrupted one). {@link GradientCheckTest} checks the gradients through the mask,
 * {@link TrainingHyperTest} that the share is saved with the model.
 */
class DropoutTest {

    private static final double SHARE = 0.25;

    @Test
    void theMaskZeroesAboutTheShareAndScalesTheRestToKeepTheMean() {
        try (EmbeddingModel model = new EmbeddingModel(ModelTestData.SMALL, 5)) {
            model.setHyper(TrainingHyper.DEFAULT.withDropout(SHARE));
            double[] mask = model.dropoutMask(1000);
            assertEquals(1000 * ModelTestData.SMALL.songVectorSize(), mask.length);
            long dropped = Arrays.stream(mask).filter(v -> v == 0).count();
            assertEquals(SHARE, dropped / (double) mask.length, 0.02, "share dropped");
            assertTrue(Arrays.stream(mask).allMatch(v -> v == 0 || Math.abs(v - 1 / (1 - SHARE)) < 1e-12),
                    "kept values are scaled by 1 / (1 - share)");
            assertEquals(1, Arrays.stream(mask).average().orElseThrow(), 0.03, "the mean is kept");
        }
    }

    @Test
    void theMaskComesFromTheSeedAndTheStep() {
        float[][][][] batch = ModelTestData.gaussian(new Random(12), 6, 3, ModelTestData.SMALL);
        try (EmbeddingModel a = new EmbeddingModel(ModelTestData.SMALL, 5);
             EmbeddingModel b = new EmbeddingModel(ModelTestData.SMALL, 5);
             EmbeddingModel other = new EmbeddingModel(ModelTestData.SMALL, 6)) {
            for (EmbeddingModel m : new EmbeddingModel[] {a, b, other}) {
                m.setHyper(TrainingHyper.DEFAULT.withDropout(SHARE));
            }
            double[] first = a.dropoutMask(40);
            assertArrayEquals(first, a.dropoutMask(40), "the same until a step is taken");
            assertArrayEquals(first, b.dropoutMask(40), "the same seed, the same masks");
            assertFalse(Arrays.equals(first, other.dropoutMask(40)), "another seed, other masks");
            a.trainStep(batch);
            b.trainStep(batch);
            assertFalse(Arrays.equals(first, a.dropoutMask(40)), "a new mask each step");
            for (String name : a.trainableNames()) {
                assertArrayEquals(a.array(name).dup('c').data().asDouble(), b.array(name).dup('c').data().asDouble(),
                        name + ": a run with dropout repeats itself");
            }
        }
    }

    @Test
    void dropoutChangesTheTrainingLossAndNeverAnEmbedding() {
        float[][][][] batch = ModelTestData.gaussian(new Random(13), 6, 3, ModelTestData.SMALL);
        try (EmbeddingModel model = ModelTestData.randomised(ModelTestData.SMALL, ConvLayout.DEFAULT)) {
            model.setHyper(TrainingHyper.DEFAULT.withMargin(2));
            float[][] plain = model.embed(batch);
            double plainLoss = model.loss(batch);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(2).withDropout(0.5));
            double droppedLoss = model.loss(batch);
            assertNotEquals(plainLoss, droppedLoss, "the loss sees the mask");
            assertEquals(droppedLoss, model.loss(batch), 0, "the same mask until a step");
            float[][] embedded = model.embed(batch);
            for (int i = 0; i < plain.length; i++) {
                assertArrayEquals(plain[i], embedded[i], "song " + i + " embeds as without dropout");
            }
        }
    }

    @Test
    void aShareOfOneOrBelowZeroIsRefused() {
        for (double share : new double[] {1, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingHyper.DEFAULT.withDropout(share));
            assertTrue(e.getMessage().contains("dropout"), e.getMessage());
        }
    }
}
