package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
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
 * The relational distillation term of a {@link GroupLoss} with a teacher, against a plain Java computation from
 * the embeddings, and the gradients of the whole loss against central finite differences (as
 * {@link GroupLossTest} does without a teacher).
 */
class DistillationTest {

    private static final ModelConfig TINY = ModelTestData.TINY;
    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-4;
    private static final double MIN_ABSOLUTE_ERROR = 1e-8;
    private static final double DISTANCE_EPSILON = 1e-6;

    /** 9 songs in 3 groups; song 8 is another crop of song 7's clip; songs 3 and 5 have no teacher vector. */
    private static final List<String> KEYS = List.of("s/c0", "s/c1", "s/c2", "s/c3", "s/c4", "s/c5", "s/c6", "s/c7",
            "s/c7");

    private static PairMasks masks() {
        return PairMasks.ofGroups(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2});
    }

    /**
     * Random 5-d vectors, song 0 far from the others so that some normalised errors exceed 1 (the linear part of
     * the smooth L1).
     */
    private static List<float[]> teacherVectors() {
        Random random = new Random(11);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            float[] v = new float[5];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) random.nextGaussian() + (i == 0 ? 6 : 0);
            }
            out.add(i == 3 || i == 5 ? null : v);
        }
        out.set(8, out.get(7));
        return out;
    }

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of(new GroupLoss(GroupLoss.Mining.ALL, true, 2.0)),
                Arguments.of(new GroupLoss(GroupLoss.Mining.HARD, false, 0.5)));
    }

    @Test
    void teacherPairsSkipMissingVectorsAndCropsOfOneClip() {
        TeacherPairs t = TeacherPairs.of(KEYS, teacherVectors());
        // 7 songs with a vector: 42 ordered pairs, less (7, 8) and (8, 7), two crops of one clip
        assertEquals(40, t.countedPairs());
        assertFalse(t.counted()[3 * 9 + 4]);
        assertFalse(t.counted()[7 * 9 + 8]);
        double sum = 0;
        for (int k = 0; k < 81; k++) {
            sum += t.counted()[k] ? t.distances()[k] : 0;
        }
        assertEquals(1.0, sum / 40, 1e-6, "normalised by the mean over counted pairs");
    }

    @Test
    void teacherVectorsOfDifferentLengthsAreRefused() {
        List<float[]> vectors = new ArrayList<>(teacherVectors());
        vectors.set(2, new float[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TeacherPairs.of(KEYS, vectors));
        assertTrue(e.getMessage().contains("s/c2"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("losses")
    void distillationEqualsDirectComputationAndAddsToTheTripletTerm(GroupLoss loss) {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(7), 9, 3, TINY);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(0.2));
            TeacherPairs teacher = TeacherPairs.of(KEYS, teacherVectors());
            double expected = reference(model.embed(batch), teacher);
            assertTrue(expected > 0.01, "a term that can be told from zero: " + expected);
            assertEquals(expected, model.distillation(batch, masks(), loss, teacher), 1e-6 * expected);
            GroupLoss plain = new GroupLoss(loss.mining(), loss.softMargin());
            assertEquals(model.loss(batch, masks(), plain) + loss.teacherWeight() * expected,
                    model.loss(batch, masks(), loss, teacher), 1e-6);
        }
    }

    /** The same 9 rows as 3 triplets (anchors, positives, negatives): the term over all of them. */
    @Test
    void tripletLossWithATeacherAddsTheSameTerm() {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(7), 9, 3, TINY);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(0.2));
            TeacherPairs teacher = TeacherPairs.of(KEYS, teacherVectors());
            double expected = reference(model.embed(batch), teacher);
            assertEquals(expected, model.distillation(batch, teacher, 1.5), 1e-6 * expected);
            assertEquals(model.loss(batch) + 1.5 * expected, model.loss(batch, teacher, 1.5), 1e-6);
        }
    }

    @Test
    void tripletGradientsWithATeacherMatchFiniteDifferences() {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(8), 9, 3, TINY);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(4.5));
            TeacherPairs teacher = TeacherPairs.of(KEYS, teacherVectors());
            Map<String, INDArray> gradients = model.gradients(batch, teacher, 1.5);
            String failures = compare(model, gradients, () -> model.loss(batch, teacher, 1.5));
            assertTrue(failures.isEmpty(), failures);
        }
    }

    /** Every trained element's gradient against the central difference of {@code loss}; the failures, or "". */
    private static String compare(EmbeddingModel model, Map<String, INDArray> gradients,
                                  java.util.function.DoubleSupplier loss) {
        long nonZero = 0;
        StringBuilder failures = new StringBuilder();
        for (String name : model.trainableNames()) {
            INDArray w = model.array(name);
            INDArray g = gradients.get(name);
            for (long i = 0; i < w.length(); i++) {
                double original = w.getDouble(i);
                w.putScalar(i, original + STEP);
                double plus = loss.getAsDouble();
                w.putScalar(i, original - STEP);
                double minus = loss.getAsDouble();
                w.putScalar(i, original);
                double numeric = (plus - minus) / (2 * STEP);
                double analytic = g.getDouble(i);
                double error = Math.abs(numeric - analytic);
                double relative = error / Math.max(Math.abs(numeric), Math.abs(analytic));
                nonZero += Math.abs(analytic) > 1e-6 ? 1 : 0;
                if (error > MIN_ABSOLUTE_ERROR && relative > MAX_RELATIVE_ERROR) {
                    failures.append(name).append('[').append(i).append("]: SameDiff ").append(analytic)
                            .append(", finite difference ").append(numeric).append('\n');
                }
            }
        }
        if (nonZero <= TINY.parameterCount() / 2) {
            failures.append("most gradients should not be zero, got ").append(nonZero).append(" non-zero");
        }
        return failures.toString();
    }

    @Test
    void aTeacherThatAgreesWithTheStudentCostsNothing() {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(7), 9, 3, TINY);
            float[][] e = model.embed(batch);
            List<float[]> scaled = new ArrayList<>();
            for (float[] v : e) {
                float[] s = Arrays.copyOf(v, v.length);
                for (int d = 0; d < s.length; d++) {
                    s[d] *= 40; // another scale: the normalisation removes it
                }
                scaled.add(s);
            }
            GroupLoss loss = new GroupLoss(GroupLoss.Mining.ALL, false, 1.0);
            List<String> keys = KEYS.subList(0, 8).stream().toList();
            List<String> distinct = new ArrayList<>(keys);
            distinct.add("s/c8");
            assertEquals(0, model.distillation(batch, masks(), loss, TeacherPairs.of(distinct, scaled)), 1e-5);
        }
    }

    @Test
    void aLossWithATeacherNeedsTheTeacherPairs() {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(7), 9, 3, TINY);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.loss(batch, masks(), new GroupLoss(GroupLoss.Mining.ALL, false, 1.0)));
            assertTrue(e.getMessage().contains("teacher"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("losses")
    void everyGradientMatchesFiniteDifferences(GroupLoss loss) {
        try (EmbeddingModel model = ModelTestData.randomisedTiny(ConvLayout.DEFAULT)) {
            float[][][][] batch = ModelTestData.gaussian(new Random(8), 9, 3, TINY);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(loss.softMargin() ? 0.2 : 4.5));
            TeacherPairs teacher = TeacherPairs.of(KEYS, teacherVectors());
            Map<String, INDArray> gradients = model.gradients(batch, masks(), loss, teacher);
            String failures = compare(model, gradients, () -> model.loss(batch, masks(), loss, teacher));
            assertTrue(failures.isEmpty(), loss + ":\n" + failures);
        }
    }

    /** Park et al.'s distance-wise term with the smooth L1, in double precision from the embeddings. */
    private static double reference(float[][] e, TeacherPairs t) {
        int n = t.n();
        double[][] d = new double[n][n];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < e[i].length; c++) {
                    double x = e[i][c] - e[j][c];
                    s += x * x;
                }
                d[i][j] = Math.sqrt(s + DISTANCE_EPSILON);
                if (t.counted()[i * n + j]) {
                    sum += d[i][j];
                    count++;
                }
            }
        }
        double mean = sum / count + DISTANCE_EPSILON;
        double total = 0;
        boolean linearPart = false;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (t.counted()[i * n + j]) {
                    double x = Math.abs(d[i][j] / mean - t.distances()[i * n + j]);
                    linearPart |= x > 1;
                    total += x < 1 ? 0.5 * x * x : x - 0.5;
                }
            }
        }
        assertTrue(linearPart, "the test teacher exercises both parts of the smooth L1");
        return total / count;
    }
}
