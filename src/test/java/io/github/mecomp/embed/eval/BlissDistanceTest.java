package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlissDistanceTest {

    @TempDir
    Path dir;

    @Test
    void identityMatchesBlissOwnEuclideanTest() {
        // bliss-rs src/distance.rs, test_euclidean_distance: 19 ones and a zero vs a one at index 16.
        float[] a = new float[20];
        float[] b = new float[20];
        java.util.Arrays.fill(a, 0, 19, 1f);
        b[16] = 1f;
        assertEquals(4.242640687119285, BlissDistance.identity(20).distance(a, b), 1e-6);
    }

    @Test
    void diagonalWeightsScaleEachFeature() {
        BlissDistance d = BlissDistance.diagonal(1, 4, 0);
        assertEquals(Math.sqrt(1 + 16), d.distance(new float[] {1, 2, 3}, new float[] {0, 0, 0}), 1e-12);
    }

    @Test
    void fullMatrixIsAQuadraticForm() {
        BlissDistance d = BlissDistance.of(new double[][] {{2, 1}, {1, 2}});
        // (1, -1) M (1, -1)^T = 2 - 1 - 1 + 2 = 2
        assertEquals(Math.sqrt(2), d.distance(new float[] {1, 0}, new float[] {0, 1}), 1e-12);
    }

    @Test
    void euclideanDistanceOfMappedVectorsEqualsBlissDistance() {
        Random random = new Random(7);
        double[][] f = new double[5][5];
        for (double[] row : f) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] m = new double[5][5]; // F^T F: symmetric positive semi-definite
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                for (int k = 0; k < 5; k++) {
                    m[i][j] += f[k][i] * f[k][j];
                }
            }
        }
        BlissDistance d = BlissDistance.of(m);
        float[] x = {0.1f, -0.5f, 0.9f, 0.3f, -0.2f};
        float[] y = {-0.4f, 0.2f, 0.0f, 0.8f, 0.6f};
        Map<String, float[]> mapped = d.toEuclidean(Map.of("x", x, "y", y));
        double euclidean = Math.sqrt(TripletAccuracy.squaredDistance(mapped.get("x"), mapped.get("y")));
        assertEquals(d.distance(x, y), euclidean, 1e-5);
    }

    @Test
    void rejectsMatricesBlissCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> BlissDistance.of(new double[][] {{1, 2}, {2, 1}}),
                "eigenvalue -1: not positive semi-definite");
        assertThrows(IllegalArgumentException.class, () -> BlissDistance.of(new double[][] {{1, 0.5}, {0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> BlissDistance.diagonal(1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> BlissDistance.identity(3).distance(new float[2], new float[2]));
    }

    @Test
    void readsBlissConfigJsonAndPlainWeights() throws IOException {
        Path config = Files.writeString(dir.resolve("config.json"),
                "{\"features_version\":2,\"m\":{\"v\":1,\"dim\":[2,2],\"data\":[4.0,0.0,0.0,1.0]}}");
        assertEquals(2, BlissDistance.read(config).distance(new float[] {1, 0}, new float[] {0, 0}), 1e-12);
        Path weights = Files.writeString(dir.resolve("w.txt"), "4, 1, 9\n");
        assertEquals(3, BlissDistance.read(weights).distance(new float[] {0, 0, 1}, new float[] {0, 0, 0}), 1e-12);
        Path bad = Files.writeString(dir.resolve("bad.txt"), "1, x");
        IOException e = assertThrows(IOException.class, () -> BlissDistance.read(bad));
        assertTrue(e.getMessage().contains("bad.txt") && e.getMessage().contains("'x'"), e.getMessage());
    }
}
