package io.github.mecomp.embed.eval;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Maps of embeddings in two dimensions for the report: PCA (the plane of largest variance) and t-SNE (van der
 * Maaten and Hinton, 2008, exact O(n^2) form, as in their reference {@code tsne.py}), enough for the few hundred
 * test clips of a set.
 */
public final class Projection {

    /** The map kinds {@code report --map} offers. */
    public enum Kind { pca, tsne }

    private Projection() {
    }

    public static double[][] of(Kind kind, float[][] points, long seed) {
        return kind == Kind.pca ? pca(points) : tsne(points, 30, 1000, seed);
    }

    /** The points' coordinates on their first two principal axes. */
    public static double[][] pca(float[][] points) {
        int n = points.length;
        int d = n == 0 ? 0 : points[0].length;
        double[][] out = new double[n][2];
        if (n < 2 || d == 0) {
            return out;
        }
        double[] mean = new double[d];
        for (float[] p : points) {
            for (int j = 0; j < d; j++) {
                mean[j] += p[j] / (double) n;
            }
        }
        double[][] cov = new double[d][d];
        for (float[] p : points) {
            for (int a = 0; a < d; a++) {
                double xa = p[a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += xa * (p[b] - mean[b]) / (n - 1);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(cov));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        for (int c = 0; c < Math.min(2, d); c++) {
            double[] axis = eigen.getEigenvector(order[c]).toArray();
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (points[i][j] - mean[j]) * axis[j];
                }
                out[i][c] = s;
            }
        }
        return out;
    }

    /**
     * t-SNE with the usual schedule (scikit-learn's defaults): early exaggeration 12 for 250 iterations, momentum
     * 0.5 then 0.8, learning rate 200, and the reference {@code tsne.py}'s per-coordinate gains. Perplexity is
     * capped at (n - 1) / 3 for small sets. Deterministic for a seed.
     */
    public static double[][] tsne(float[][] points, double perplexity, int iterations, long seed) {
        int n = points.length;
        double[][] y = new double[n][2];
        if (n < 3) {
            return pca(points);
        }
        double[][] p = affinities(points, Math.min(perplexity, (n - 1) / 3.0));
        Random random = new Random(seed);
        for (double[] row : y) {
            row[0] = 1e-4 * random.nextGaussian();
            row[1] = 1e-4 * random.nextGaussian();
        }
        double[][] velocity = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) {
            java.util.Arrays.fill(g, 1);
        }
        double[][] num = new double[n][n];
        double[][] grad = new double[n][2];
        for (int it = 0; it < iterations; it++) {
            double exaggeration = it < 250 ? 12 : 1;
            double momentum = it < 250 ? 0.5 : 0.8;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = y[i][0] - y[j][0];
                    double dy = y[i][1] - y[j][1];
                    double v = 1 / (1 + dx * dx + dy * dy);
                    num[i][j] = v;
                    num[j][i] = v;
                    sum += 2 * v;
                }
            }
            for (int i = 0; i < n; i++) {
                double gx = 0;
                double gy = 0;
                for (int j = 0; j < n; j++) {
                    if (i == j) {
                        continue;
                    }
                    double q = Math.max(num[i][j] / sum, 1e-12);
                    double f = 4 * (exaggeration * p[i][j] - q) * num[i][j];
                    gx += f * (y[i][0] - y[j][0]);
                    gy += f * (y[i][1] - y[j][1]);
                }
                grad[i][0] = gx;
                grad[i][1] = gy;
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 2; c++) {
                    boolean sameSign = (grad[i][c] > 0) == (velocity[i][c] > 0);
                    gains[i][c] = Math.max(0.01, sameSign ? gains[i][c] * 0.8 : gains[i][c] + 0.2);
                    velocity[i][c] = momentum * velocity[i][c] - 200 * gains[i][c] * grad[i][c];
                    y[i][c] += velocity[i][c];
                }
            }
            double mx = 0;
            double my = 0;
            for (double[] row : y) {
                mx += row[0] / n;
                my += row[1] / n;
            }
            for (double[] row : y) {
                row[0] -= mx;
                row[1] -= my;
            }
        }
        return y;
    }

    /** Symmetric joint probabilities p_ij, each row's Gaussian width found by bisection on the perplexity. */
    static double[][] affinities(float[][] points, double perplexity) {
        int n = points.length;
        double[][] d2 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = TripletAccuracy.squaredDistance(points[i], points[j]);
                d2[i][j] = s;
                d2[j][i] = s;
            }
        }
        double target = Math.log(perplexity);
        double[][] conditional = new double[n][n];
        for (int i = 0; i < n; i++) {
            double beta = 1;
            double lo = Double.NEGATIVE_INFINITY;
            double hi = Double.POSITIVE_INFINITY;
            double[] row = conditional[i];
            for (int step = 0; step < 50; step++) {
                double sum = 0;
                double weighted = 0;
                for (int j = 0; j < n; j++) {
                    row[j] = j == i ? 0 : Math.exp(-d2[i][j] * beta);
                    sum += row[j];
                    weighted += d2[i][j] * row[j];
                }
                if (sum == 0) {
                    hi = beta; // too narrow: every neighbour vanished
                    beta = Double.isInfinite(lo) ? beta / 2 : (lo + beta) / 2;
                    continue;
                }
                double entropy = Math.log(sum) + beta * weighted / sum;
                for (int j = 0; j < n; j++) {
                    row[j] /= sum;
                }
                double diff = entropy - target;
                if (Math.abs(diff) < 1e-5) {
                    break;
                }
                if (diff > 0) {
                    lo = beta;
                    beta = Double.isInfinite(hi) ? beta * 2 : (beta + hi) / 2;
                } else {
                    hi = beta;
                    beta = Double.isInfinite(lo) ? beta / 2 : (beta + lo) / 2;
                }
            }
        }
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i][j] = Math.max((conditional[i][j] + conditional[j][i]) / (2.0 * n), 1e-12);
            }
        }
        return p;
    }
}
