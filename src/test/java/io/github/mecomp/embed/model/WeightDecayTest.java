package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam's decoupled weight decay ({@link TrainingHyper#weightDecay()}): a step with decay d is the plain Adam step
 * plus {@code -lr d w} on every weight, with w its value before the step, and nothing on the biases
 * ({@link TrainingHyperTest}: the setting survives a save, so a resumed run decays as the first part did).
 */
class WeightDecayTest {

    private static final double LR = 0.01;
    private static final double DECAY = 0.5;

    @Test
    void aStepShrinksEveryWeightByTheLearningRateTimesTheDecayAndNoBias() {
        float[][][][] batch = ModelTestData.gaussian(new Random(31), 6, 3, ModelTestData.SMALL);
        try (EmbeddingModel plain = ModelTestData.randomised(ModelTestData.SMALL, ConvLayout.DEFAULT);
             EmbeddingModel decayed = ModelTestData.randomised(ModelTestData.SMALL, ConvLayout.DEFAULT)) {
            plain.setHyper(TrainingHyper.DEFAULT.withLearningRate(LR));
            decayed.setHyper(TrainingHyper.DEFAULT.withLearningRate(LR).withWeightDecay(DECAY));
            Map<String, double[]> before = new HashMap<>();
            for (String name : plain.trainableNames()) {
                before.put(name, values(plain.array(name)));
            }
            plain.trainStep(batch);
            decayed.trainStep(batch);
            int weights = 0;
            for (String name : plain.trainableNames()) {
                double[] w0 = before.get(name);
                double[] a = values(plain.array(name));
                double[] b = values(decayed.array(name));
                boolean bias = name.endsWith("_b");
                weights += bias ? 0 : 1;
                for (int i = 0; i < w0.length; i++) {
                    double expected = bias ? a[i] : a[i] - LR * DECAY * w0[i];
                    assertEquals(expected, b[i], 1e-12, name + "[" + i + "]");
                }
            }
            assertEquals(5, weights, "two kernels, the GRU's W and U, the projection");
        }
    }

    private static double[] values(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }
}
