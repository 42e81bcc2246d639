package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SameDiff's gradients of the triplet loss against central finite differences, in double precision, for every
 * element of every trained array of a tiny model (185 parameters: all of them are checked).
 *
 * <p>Inputs are chosen so that the finite differences see a smooth function: N(0, 1) inputs and randomised
 * weights and biases make exact ReLU zeros and max-pool ties improbable (a perturbation of 1e-6 crosses a kink
 * only if a pre-activation or a pool difference lies within ~1e-6 of it); the margin is either so large that
 * every hinge is active (|a-p|^2 - |a-n|^2 &ge; -4 on unit vectors) or set halfway between two triplets' values
 * so that one is active and the other not, both far from the hinge's kink.
 */
class GradientCheckTest {

    private static final ModelConfig TINY = ModelTestData.TINY;
    /** TINY with the crest channel, level normalisation and the window mean beside the GRU's state. */
    private static final ModelConfig WINDOW_MEAN =
            new ModelConfig(8, 7, List.of(3, 2), 2, 4, 3, 3, 1e-6, true, false, false, true, false, false, false);
    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-4;
    /** Below this absolute difference both values are zero for the purpose of the check. */
    private static final double MIN_ABSOLUTE_ERROR = 1e-9;

    @ParameterizedTest
    @EnumSource(ConvLayout.class)
    void everyGradientMatchesFiniteDifferences(ConvLayout layout) {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(layout)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(3), 6, 3, TINY);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(4.5)); // every hinge active, >= 0.5 from the kink
            for (double h : model.hinges(batch)) {
                assertTrue(h > 0.4, "hinge " + h);
            }
            Report report = check(model, batch);
            System.err.println("gradient check (" + layout + ", all triplets active): " + report);
            assertTrue(report.failures.isEmpty(), report.failures.toString());
            assertEquals(TINY.parameterCount(), report.checked);
            assertTrue(report.nonZero > TINY.parameterCount() / 2, "most gradients are not zero: " + report);
        }
    }

    /**
     * The side values' path (the crest factor and the twelve chroma values after the mel bands sliced off,
     * averaged per window, joined to the CNN's vector) and level normalisation of the mel bands around it: every
     * gradient still matches.
     */
    @Test
    void everyGradientMatchesWithTheCrestAndChromaChannelsAndLevelNormalisation() {
        ModelConfig crest = new ModelConfig(8, 19, List.of(3, 2), 2, 4, 3, 3, 1e-6, true, true, false, false,
                false, false, false);
        assertEquals(TINY.parameterCount() + 3L * 4 * 13, crest.parameterCount(), "thirteen more GRU inputs");
        everyGradientMatches(crest, 6, "crest and chroma channels, level normalisation");
    }

    /** The window mean beside the GRU's state (with the crest channel it carries): every gradient matches. */
    @Test
    void everyGradientMatchesWithTheWindowMean() {
        assertEquals(TINY.parameterCount() + 3L * 4 + 3L * 3, WINDOW_MEAN.parameterCount(),
                "one more GRU input, three more projection rows");
        everyGradientMatches(WINDOW_MEAN, 7, "window mean");
    }

    /** The window mean and standard deviation beside the GRU's state: every gradient matches, the sd's too. */
    @Test
    void everyGradientMatchesWithTheWindowMeanAndSd() {
        ModelConfig stats = new ModelConfig(8, 7, List.of(3, 2), 2, 4, 3, 3, 1e-6, true, false, false, true,
                true, false, false);
        assertEquals(TINY.parameterCount() + 3L * 4 + 2 * 3L * 3, stats.parameterCount(),
                "one more GRU input, six more projection rows");
        everyGradientMatches(stats, 8, "window mean and sd");
    }

    /**
     * The song's harmony beside the window mean, with the crest, chroma and harmony channels: every gradient matches,
     * the projection rows that read the song's harmony too, and the chroma does not reach the GRU.
     */
    @Test
    void everyGradientMatchesWithTheSongHarmony() {
        ModelConfig song = new ModelConfig(8, 25, List.of(3, 2), 2, 4, 3, 3, 1e-6, true, true, true, true,
                false, true, false);
        assertEquals(TINY.parameterCount() + 3L * 4 * 7 + 9L * 3 + 6L * 3, song.parameterCount(),
                "seven more GRU inputs (crest, harmony), the nine-value window mean and the song's six harmony values"
                        + " projected");
        everyGradientMatches(song, 9, "song harmony");
    }

    /**
     * Dropout on the projection's inputs (GRU state and window mean), a third of them zeroed: the loss and its
     * gradients see the same mask before a step, and every gradient matches.
     */
    @Test
    void everyGradientMatchesWithDropout() {
        try (EmbeddingModel model = ModelTestData.randomised(WINDOW_MEAN, ConvLayout.DEFAULT)) {
            model.setHyper(TrainingHyper.DEFAULT.withDropout(1 / 3.0));
            double[] mask = model.dropoutMask(6);
            long dropped = java.util.Arrays.stream(mask).filter(v -> v == 0).count();
            assertTrue(dropped > 0 && dropped < mask.length, "some values dropped, not all: " + dropped);
        }
        everyGradientMatches(WINDOW_MEAN, 10, 1 / 3.0, "dropout");
    }

    /** Every hinge active and away from its kink, every gradient of {@code config}'s randomised model checked. */
    private static void everyGradientMatches(ModelConfig config, long dataSeed, String label) {
        everyGradientMatches(config, dataSeed, 0, label);
    }

    private static void everyGradientMatches(ModelConfig config, long dataSeed, double dropout, String label) {
        try (EmbeddingModel model = ModelTestData.randomised(config, ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(dataSeed), 6, 3, config);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(4.5).withDropout(dropout));
            for (double h : model.hinges(batch)) {
                assertTrue(h > 0.4, "hinge " + h);
            }
            Report report = check(model, batch);
            System.err.println("gradient check (" + label + "): " + report);
            assertTrue(report.failures.isEmpty(), report.failures.toString());
            assertEquals(config.parameterCount(), report.checked);
            assertTrue(report.nonZero > config.parameterCount() / 2, "most gradients are not zero: " + report);
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesWhenOneTripletIsInactive() {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(4), 6, 3, TINY);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(0));
            double[] d = model.hinges(batch); // |a-p|^2 - |a-n|^2 of the two triplets
            double gap = Math.abs(d[0] - d[1]);
            assertTrue(gap > 0.05, "the two triplets need different distances: " + d[0] + ", " + d[1]);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(-(d[0] + d[1]) / 2));
            double[] h = model.hinges(batch);
            assertTrue(Math.min(h[0], h[1]) < -gap / 2 + 1e-9 && Math.max(h[0], h[1]) > gap / 2 - 1e-9,
                    "one active, one inactive: " + h[0] + ", " + h[1]);
            Report report = check(model, batch);
            System.err.println("gradient check (one triplet active): " + report);
            assertTrue(report.failures.isEmpty(), report.failures.toString());
        }
    }

    @Test
    void float32GradientsAgreeWithDoubleGradients() {
        float[][][][] batch = ModelTestData.gaussian(new Random(5), 6, 3, TINY);
        try (EmbeddingModel exact = ModelTestData.randomisedTiny(ConvLayout.DEFAULT);
                EmbeddingModel single = new EmbeddingModel(TINY, 1, DataType.FLOAT)) {
            exact.setHyper(TrainingHyper.DEFAULT.withMargin(4.5));
            single.setHyper(exact.hyper());
            single.setInputNormalisation(exact.inputMean(), exact.inputStd());
            for (String name : exact.trainableNames()) {
                single.array(name).assign(exact.array(name).castTo(DataType.FLOAT));
            }
            Map<String, INDArray> g64 = exact.gradients(batch);
            Map<String, INDArray> g32 = single.gradients(batch);
            for (String name : exact.trainableNames()) {
                INDArray d = g64.get(name);
                double diff = g32.get(name).castTo(DataType.DOUBLE).sub(d).norm2Number().doubleValue();
                double norm = d.norm2Number().doubleValue();
                assertTrue(diff <= 1e-4 * norm + 1e-7, name + ": |g32 - g64| = " + diff + ", |g64| = " + norm);
            }
        }
    }

    private static Report check(EmbeddingModel model, float[][][][] batch) {
        Map<String, INDArray> gradients = model.gradients(batch);
        Report report = new Report();
        for (String name : model.trainableNames()) {
            INDArray w = model.array(name);
            INDArray g = gradients.get(name);
            assertArrayEquals(w.shape(), g.shape(), name);
            for (long i = 0; i < w.length(); i++) {
                double original = w.getDouble(i);
                w.putScalar(i, original + STEP);
                double plus = model.loss(batch);
                w.putScalar(i, original - STEP);
                double minus = model.loss(batch);
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * STEP);
                double analytic = g.getDouble(i);
                double error = Math.abs(numeric - analytic);
                double relative = error / Math.max(Math.abs(numeric), Math.abs(analytic));
                report.checked++;
                report.maxAbsolute = Math.max(report.maxAbsolute, error);
                if (Math.abs(analytic) > 1e-6) {
                    report.nonZero++;
                    report.maxRelative = Math.max(report.maxRelative, relative);
                }
                if (error > MIN_ABSOLUTE_ERROR && relative > MAX_RELATIVE_ERROR) {
                    report.failures.add(name + "[" + i + "]: SameDiff " + analytic + ", finite difference "
                            + numeric + " (relative error " + relative + ")");
                }
            }
        }
        return report;
    }

    private static final class Report {
        long checked;
        long nonZero;
        double maxRelative;
        double maxAbsolute;
        final List<String> failures = new ArrayList<>();

        @Override
        public String toString() {
            return checked + " elements checked, " + nonZero + " with |gradient| > 1e-6 (max relative error "
                    + maxRelative + "), max absolute error " + maxAbsolute + ", " + failures.size() + " failures";
        }
    }
}
