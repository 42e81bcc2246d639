package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    /** 20 points around each of two centres 10 apart in 8 dimensions, spread 0.5. */
    private static float[][] twoClusters() {
        Random r = new Random(3);
        float[][] x = new float[40][8];
        for (int i = 0; i < 40; i++) {
            for (int d = 0; d < 8; d++) {
                x[i][d] = (float) ((i < 20 ? 0 : 10 / Math.sqrt(8)) + 0.5 * r.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void tsneKeepsTwoClustersApart() {
        assertSeparated(Projection.tsne(twoClusters(), 10, 500, 1));
    }

    @Test
    void pcaKeepsTwoClustersApart() {
        assertSeparated(Projection.pca(twoClusters()));
    }

    @Test
    void tsneIsDeterministicForASeed() {
        double[][] a = Projection.tsne(twoClusters(), 10, 100, 5);
        double[][] b = Projection.tsne(twoClusters(), 10, 100, 5);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i]);
        }
    }

    /** Every cross-cluster distance exceeds every within-cluster distance. */
    private static void assertSeparated(double[][] y) {
        double maxWithin = 0;
        double minAcross = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            for (int j = i + 1; j < y.length; j++) {
                double d = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
                if ((i < 20) == (j < 20)) {
                    maxWithin = Math.max(maxWithin, d);
                } else {
                    minAcross = Math.min(minAcross, d);
                }
            }
        }
        assertTrue(minAcross > maxWithin, "across " + minAcross + " vs within " + maxWithin);
    }
}
