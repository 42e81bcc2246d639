package io.github.mecomp.embed.model;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Random inputs and tiny configurations for the model tests. */
final class ModelTestData {

    /** 8 frames x 6 bands, conv 3-2 (first stride 2), GRU 4, embedding 3, K = 3: 185 parameters. */
    static final ModelConfig TINY = new ModelConfig(8, 6, List.of(3, 2), 2, 4, 3, 3);

    /** 16 frames x 12 bands, conv 4-8, GRU 8, embedding 4, K = 4: small but able to learn. */
    static final ModelConfig SMALL = new ModelConfig(16, 12, List.of(4, 8), 2, 8, 4, 4);

    private ModelTestData() {
    }

    /**
     * The {@link #TINY} model in double precision with every weight and bias randomised and a non-trivial input
     * normalisation: what the finite-difference gradient checks run on.
     */
    static EmbeddingModel randomisedTiny(ConvLayout layout) {
        return randomised(TINY, layout);
    }

    /** As {@link #randomisedTiny}, of another small network. */
    static EmbeddingModel randomised(ModelConfig config, ConvLayout layout) {
        EmbeddingModel model = new EmbeddingModel(config, 1, DataType.DOUBLE, layout);
        Random random = new Random(2);
        for (String name : model.trainableNames()) {
            INDArray a = model.array(name);
            for (long i = 0; i < a.length(); i++) {
                a.putScalar(i, a.getDouble(i) + 0.3 * random.nextGaussian());
            }
        }
        model.setInputNormalisation(floats(random, config.inputBands(), -0.3, 0.6),
                floats(random, config.inputBands(), 0.7, 0.6));
        return model;
    }

    /** [songs][windows][frames][bands] of N(0, 1) values. */
    static float[][][][] gaussian(Random random, int songs, int windows, ModelConfig config) {
        float[][][][] out = new float[songs][windows][config.inputFrames()][config.inputBands()];
        for (float[][][] song : out) {
            for (float[][] window : song) {
                for (float[] frame : window) {
                    for (int m = 0; m < frame.length; m++) {
                        frame[m] = (float) random.nextGaussian();
                    }
                }
            }
        }
        return out;
    }

    static float[] floats(Random random, int n, double offset, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (offset + scale * random.nextDouble());
        }
        return out;
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
