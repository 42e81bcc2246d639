package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GruTest {

    @Test
    void unrolledGruEqualsPlainJavaGruOnRandomWeights() {
        int n = 3;
        int steps = 5;
        int in = 6;
        int hidden = 4;
        Random random = new Random(7);
        double[] w = randoms(random, in * 3 * hidden, 0.8);
        double[] u = randoms(random, hidden * 3 * hidden, 0.8);
        double[] b = randoms(random, 3 * hidden, 0.5);
        double[] seq = randoms(random, n * steps * in, 1.5);

        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, steps, in);
        SDVariable last = ModelGraph.gruLastHidden(sd, x, steps, in, hidden,
                sd.var("w", Nd4j.create(w, new long[] {in, 3 * hidden}, 'c')),
                sd.var("u", Nd4j.create(u, new long[] {hidden, 3 * hidden}, 'c')),
                sd.var("b", Nd4j.create(b, new long[] {3 * hidden}, 'c')));
        INDArray out = sd.output(Map.of("x", Nd4j.create(seq, new long[] {n, steps, in}, 'c')), last.name())
                .get(last.name());

        for (int s = 0; s < n; s++) {
            double[][] sequence = new double[steps][in];
            for (int t = 0; t < steps; t++) {
                System.arraycopy(seq, (s * steps + t) * in, sequence[t], 0, in);
            }
            double[] expected = ReferenceModel.gru(sequence, w, u, b, in, hidden);
            for (int j = 0; j < hidden; j++) {
                assertEquals(expected[j], out.getDouble(s, j), 1e-12, "song " + s + " unit " + j);
            }
        }
    }

    @Test
    void oneStepGruWithZeroStateIsOneMinusZTimesCandidate() {
        Random random = new Random(8);
        double[] w = randoms(random, 2 * 3, 1.0);
        double[] u = randoms(random, 3, 1.0);
        double[] b = randoms(random, 3, 1.0);
        double[] x = {0.3, -0.7};
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, 1, 2);
        SDVariable last = ModelGraph.gruLastHidden(sd, in, 1, 2, 1,
                sd.var("w", Nd4j.create(w, new long[] {2, 3}, 'c')), sd.var("u", Nd4j.create(u, new long[] {1, 3}, 'c')),
                sd.var("b", Nd4j.create(b, new long[] {3}, 'c')));
        double got = sd.output(Map.of("x", Nd4j.create(x, new long[] {1, 1, 2}, 'c')), last.name())
                .get(last.name()).getDouble(0);
        double z = 1 / (1 + Math.exp(-(x[0] * w[0] + x[1] * w[3] + b[0])));
        double c = Math.tanh(x[0] * w[2] + x[1] * w[5] + b[2]);
        assertEquals((1 - z) * c, got, 1e-12);
    }

    private static double[] randoms(Random random, int n, double scale) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scale * (2 * random.nextDouble() - 1);
        }
        return out;
    }
}
