package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The batch-all, batch-hard and supervised contrastive losses against a plain Java computation from the
 * embeddings, and their gradients against central finite differences for every trained element of the tiny model (as
 * {@link GradientCheckTest} does for the triplet loss).
 */
class GroupLossTest {

    private static final ModelConfig TINY = ModelTestData.TINY;
    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-4;
    /**
     * Below this absolute difference both values are zero for the check: ten times {@link GradientCheckTest}'s,
     * as batch-all sums ~900 terms of ~4.5 where the triplet loss sums 2, and the rounding of the finite
     * difference grows with them (measured up to 2e-9 on gradients of 1e-5).
     */
    private static final double MIN_ABSOLUTE_ERROR = 1e-8;

    /** 3 groups of 3 songs; song 8's pair with song 0 is neither positive nor negative (as under "track"). */
    private static PairMasks masks() {
        PairMasks groups = PairMasks.ofGroups(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2});
        boolean[] negative = groups.negative().clone();
        negative[8 * 9] = false;
        negative[8] = false;
        return new PairMasks(9, groups.positive(), negative);
    }

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of(new GroupLoss(GroupLoss.Mining.ALL, false)),
                Arguments.of(new GroupLoss(GroupLoss.Mining.ALL, true)),
                Arguments.of(new GroupLoss(GroupLoss.Mining.HARD, false)),
                Arguments.of(new GroupLoss(GroupLoss.Mining.HARD, true)),
                Arguments.of(new GroupLoss(GroupLoss.Mining.CONTRASTIVE, false, 0, 0.1)),
                Arguments.of(new GroupLoss(GroupLoss.Mining.CONTRASTIVE, false, 0, 0.5)));
    }

    @ParameterizedTest
    @MethodSource("losses")
    void lossEqualsDirectComputationFromEmbeddings(GroupLoss loss) {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(7), 9, 3, TINY);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(0.2));
            float[][] e = model.embed(batch);
            double expected = reference(e, masks(), loss, 0.2);
            assertTrue(expected > 0, "a loss that can be told from zero: " + expected);
            // the reference starts from the float32 embeddings embed() returns
            assertEquals(expected, model.loss(batch, masks(), loss), 1e-6 * expected);
        }
    }

    @ParameterizedTest
    @MethodSource("losses")
    void everyGradientMatchesFiniteDifferences(GroupLoss loss) {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(8), 9, 3, TINY);
            // hinge: a margin that makes every triplet active, >= 0.5 from the kink; soft margin: the usual one
            model.setHyper(TrainingHyper.DEFAULT.withMargin(loss.softMargin() ? 0.2 : 4.5));
            Map<String, INDArray> gradients = model.gradients(batch, masks(), loss);
            long checked = 0;
            long nonZero = 0;
            StringBuilder failures = new StringBuilder();
            for (String name : model.trainableNames()) {
                INDArray w = model.array(name);
                INDArray g = gradients.get(name);
                for (long i = 0; i < w.length(); i++) {
                    double original = w.getDouble(i);
                    w.putScalar(i, original + STEP);
                    double plus = model.loss(batch, masks(), loss);
                    w.putScalar(i, original - STEP);
                    double minus = model.loss(batch, masks(), loss);
                    w.putScalar(i, original);
                    double numeric = (plus - minus) / (2 * STEP);
                    double analytic = g.getDouble(i);
                    double error = Math.abs(numeric - analytic);
                    double relative = error / Math.max(Math.abs(numeric), Math.abs(analytic));
                    checked++;
                    nonZero += Math.abs(analytic) > 1e-6 ? 1 : 0;
                    if (error > MIN_ABSOLUTE_ERROR && relative > MAX_RELATIVE_ERROR) {
                        failures.append(name).append('[').append(i).append("]: SameDiff ").append(analytic)
                                .append(", finite difference ").append(numeric).append('\n');
                    }
                }
            }
            assertEquals(TINY.parameterCount(), checked);
            assertTrue(failures.isEmpty(), loss + ":\n" + failures);
            assertTrue(nonZero > TINY.parameterCount() / 2, loss + ": most gradients are not zero, got " + nonZero);
        }
    }

    @Test
    void hingeBatchAllWithNoActiveTripletIsZero() {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(9), 9, 3, TINY);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(-4.5)); // every triplet satisfied by 0.5 at least
            assertEquals(0, model.loss(batch, masks(), new GroupLoss(GroupLoss.Mining.ALL, false)), 0);
        }
    }

    @Test
    void contrastiveLeavesOutAnAnchorWithoutPositive() {
        // song 6 is a group of its own: it has negatives and no positive, and is every other song's negative
        PairMasks masks = PairMasks.ofGroups(new int[] {0, 0, 0, 1, 1, 1, 2});
        GroupLoss loss = new GroupLoss(GroupLoss.Mining.CONTRASTIVE, false, 0, 0.1);
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(10), 7, 3, TINY);
            double expected = reference(model.embed(batch), masks, loss, 0);
            assertTrue(Double.isFinite(expected) && expected > 0, "a finite loss above zero: " + expected);
            assertEquals(expected, model.loss(batch, masks, loss), 1e-6 * expected);
        }
    }

    @Test
    void contrastiveRefusesASoftMarginAndABadTemperature() {
        assertThrows(IllegalArgumentException.class, () -> new GroupLoss(GroupLoss.Mining.CONTRASTIVE, true, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new GroupLoss(GroupLoss.Mining.CONTRASTIVE, false, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new GroupLoss(GroupLoss.Mining.CONTRASTIVE, false, 0, Double.NaN));
    }

    @Test
    void masksMustMatchTheBatch() {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(9), 6, 3, TINY);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.loss(batch, masks(), new GroupLoss(GroupLoss.Mining.ALL, false)));
            assertTrue(e.getMessage().contains("9 songs"), e.getMessage());
        }
    }

    @Test
    void masksRejectASongPairedWithItself() {
        assertThrows(IllegalArgumentException.class,
                () -> new PairMasks(2, new boolean[] {true, false, false, false}, new boolean[4]));
        assertEquals(9 * 2 * 6 - 2 * 2, masks().tripletCount()); // songs 0 and 8 lose one negative each
    }

    /** The loss as the paper defines it, in double precision from the embeddings. */
    private static double reference(float[][] e, PairMasks m, GroupLoss loss, double margin) {
        int n = m.n();
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < e[i].length; c++) {
                    double x = e[i][c] - e[j][c];
                    d[i][j] += x * x;
                }
            }
        }
        if (loss.mining() == GroupLoss.Mining.CONTRASTIVE) {
            return contrastiveReference(e, m, loss.temperature());
        }
        double sum = 0;
        double count = 0;
        for (int a = 0; a < n; a++) {
            if (loss.mining() == GroupLoss.Mining.ALL) {
                for (int p = 0; p < n; p++) {
                    for (int q = 0; q < n; q++) {
                        if (m.positive()[a * n + p] && m.negative()[a * n + q]) {
                            double v = term(d[a][p] - d[a][q] + margin, loss.softMargin());
                            sum += v;
                            count += loss.softMargin() || v > 0 ? 1 : 0;
                        }
                    }
                }
            } else if (m.validAnchors()[a]) {
                double far = Double.NEGATIVE_INFINITY;
                double near = Double.POSITIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    far = m.positive()[a * n + j] ? Math.max(far, d[a][j]) : far;
                    near = m.negative()[a * n + j] ? Math.min(near, d[a][j]) : near;
                }
                sum += term(far - near + margin, loss.softMargin());
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Khosla et al.'s L_out from the cosines, over the anchors with a positive and a negative. */
    private static double contrastiveReference(float[][] e, PairMasks m, double temperature) {
        int n = m.n();
        double sum = 0;
        int anchors = 0;
        for (int a = 0; a < n; a++) {
            double denominator = 0;
            List<Double> positives = new ArrayList<>();
            boolean hasNegative = false;
            for (int j = 0; j < n; j++) {
                double cosine = 0;
                for (int c = 0; c < e[a].length; c++) {
                    cosine += (double) e[a][c] * e[j][c];
                }
                double logit = cosine / temperature;
                if (m.positive()[a * n + j]) {
                    positives.add(logit);
                }
                hasNegative |= m.negative()[a * n + j];
                if (m.positive()[a * n + j] || m.negative()[a * n + j]) {
                    denominator += Math.exp(logit);
                }
            }
            if (positives.isEmpty() || !hasNegative) {
                continue;
            }
            double log = Math.log(denominator);
            sum += -positives.stream().mapToDouble(p -> p - log).average().orElseThrow();
            anchors++;
        }
        return anchors == 0 ? 0 : sum / anchors;
    }

    private static double term(double t, boolean soft) {
        return soft ? Math.log1p(Math.exp(t)) : Math.max(0, t);
    }
}
