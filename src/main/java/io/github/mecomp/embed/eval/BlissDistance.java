package io.github.mecomp.embed.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The distance bliss-audio (the crate behind MECOMP's 23 audio features) puts between two songs' features,
 * ported exactly from bliss-rs {@code src/playlist.rs}:
 *
 * <pre>
 * pub fn mahalanobis_distance(a: &amp;Array1&lt;f32&gt;, b: &amp;Array1&lt;f32&gt;, m: &amp;Array2&lt;f32&gt;) -&gt; f32 {
 *     (a - b).dot(m).dot(&amp;(a - b)).sqrt()
 * }
 * </pre>
 *
 * with the weight matrix {@code m} of the library's configuration, whose default is the identity
 * ({@code m: Array2::eye(NUMBER_FEATURES)} in bliss-rs {@code src/library.rs}, {@code BaseConfig::new}).
 * bliss's {@code euclidean_distance} is the same expression with the identity, so with the default matrix this
 * distance <em>is</em> the Euclidean one; it differs only with a matrix learnt for a library (bliss's
 * metric-learning writes one into the configuration). bliss applies no normalisation at distance time: each
 * feature is already scaled to [-1, 1] by its analysis.
 */
public final class BlissDistance {

    private final double[][] m;

    private BlissDistance(double[][] m) {
        this.m = m;
    }

    /** bliss's default: the identity over {@code dims} features. */
    public static BlissDistance identity(int dims) {
        double[][] m = new double[dims][dims];
        for (int i = 0; i < dims; i++) {
            m[i][i] = 1;
        }
        return new BlissDistance(m);
    }

    /** A diagonal matrix of per-feature weights. */
    public static BlissDistance diagonal(double... weights) {
        double[][] m = new double[weights.length][weights.length];
        for (int i = 0; i < weights.length; i++) {
            m[i][i] = weights[i];
        }
        return of(m);
    }

    /**
     * @throws IllegalArgumentException unless {@code m} is square, symmetric and positive semi-definite, as bliss
     *                                  requires of it ("any square symmetric positive semi-definite matrix")
     */
    public static BlissDistance of(double[][] m) {
        int d = m.length;
        for (int i = 0; i < d; i++) {
            if (m[i].length != d) {
                throw new IllegalArgumentException("bliss weight matrix must be square, row " + i + " has "
                        + m[i].length + " values for " + d + " rows");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException("bliss weight matrix: value [" + i + "][" + j + "] is not finite");
                }
                if (Math.abs(m[i][j] - m[j][i]) > 1e-6 * (1 + Math.abs(m[i][j]))) {
                    throw new IllegalArgumentException("bliss weight matrix must be symmetric: [" + i + "][" + j
                            + "] = " + m[i][j] + " but [" + j + "][" + i + "] = " + m[j][i]);
                }
            }
        }
        double[][] copy = new double[d][];
        for (int i = 0; i < d; i++) {
            copy[i] = m[i].clone();
        }
        BlissDistance distance = new BlissDistance(copy);
        distance.factor(); // fails now, naming the problem, if it is not positive semi-definite
        return distance;
    }

    /**
     * Reads a weight matrix: bliss's configuration JSON (its {@code "m"} field), an ndarray JSON object
     * ({@code {"v":1,"dim":[23,23],"data":[...]}}, how bliss serialises it), or plain text of numbers separated
     * by commas or white space: {@code d} of them for a diagonal, {@code d*d} for a full matrix, row by row.
     */
    public static BlissDistance read(Path file) throws IOException {
        String text = Files.readString(file).trim();
        try {
            if (text.startsWith("{")) {
                JsonNode root = new ObjectMapper().readTree(text);
                JsonNode node = root.has("m") ? root.get("m") : root;
                JsonNode dim = node.get("dim");
                JsonNode data = node.get("data");
                if (dim == null || data == null || dim.size() != 2 || !data.isArray()) {
                    throw new IOException(file + ": expected bliss's config (with \"m\") or an ndarray object"
                            + " {\"v\":1,\"dim\":[d,d],\"data\":[...]}");
                }
                int rows = dim.get(0).asInt();
                int cols = dim.get(1).asInt();
                if (rows != cols || data.size() != rows * cols) {
                    throw new IOException(file + ": matrix of dim " + dim + " with " + data.size() + " values;"
                            + " expected a square matrix with rows * cols values");
                }
                double[][] m = new double[rows][cols];
                for (int i = 0; i < rows * cols; i++) {
                    m[i / cols][i % cols] = data.get(i).asDouble();
                }
                return of(m);
            }
            List<Double> values = new ArrayList<>();
            for (String token : text.split("[,\\s]+")) {
                try {
                    values.add(Double.parseDouble(token));
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": not a number: '" + token + "'");
                }
            }
            int n = values.size();
            int d = (int) Math.round(Math.sqrt(n));
            if (d > 1 && d * d == n) {
                double[][] m = new double[d][d];
                for (int i = 0; i < n; i++) {
                    m[i / d][i % d] = values.get(i);
                }
                return of(m);
            }
            return diagonal(values.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public int dims() {
        return m.length;
    }

    /** bliss's {@code mahalanobis_distance(a, b, m)}: sqrt((a - b) m (a - b)). */
    public double distance(float[] a, float[] b) {
        requireDims(a.length);
        requireDims(b.length);
        int d = m.length;
        double[] diff = new double[d];
        for (int i = 0; i < d; i++) {
            diff[i] = (double) a[i] - b[i];
        }
        double s = 0;
        for (int i = 0; i < d; i++) {
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += diff[j] * m[j][i];
            }
            s += row * diff[i];
        }
        return Math.sqrt(Math.max(0, s));
    }

    /**
     * The vectors mapped to a space where the plain Euclidean distance equals {@link #distance}: x -> F x with
     * F^T F = m. Every figure of the evaluation (triplets, retrieval, maps) then measures bliss's distance
     * without knowing about it.
     */
    public Map<String, float[]> toEuclidean(Map<String, float[]> vectors) {
        double[][] f = factor();
        Map<String, float[]> out = new LinkedHashMap<>();
        vectors.forEach((id, x) -> {
            requireDims(x.length);
            float[] y = new float[f.length];
            for (int i = 0; i < f.length; i++) {
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                    s += f[i][j] * x[j];
                }
                y[i] = (float) s;
            }
            out.put(id, y);
        });
        return out;
    }

    /** F with F^T F = m, from the eigen-decomposition m = V diag(l) V^T: F = diag(sqrt(l)) V^T. */
    private double[][] factor() {
        int d = m.length;
        boolean diagonal = true;
        for (int i = 0; i < d && diagonal; i++) {
            for (int j = 0; j < d; j++) {
                if (i != j && m[i][j] != 0) {
                    diagonal = false;
                    break;
                }
            }
        }
        double[][] f = new double[d][d];
        if (diagonal) {
            for (int i = 0; i < d; i++) {
                requireNonNegative(m[i][i], i);
                f[i][i] = Math.sqrt(m[i][i]);
            }
            return f;
        }
        RealMatrix matrix = new Array2DRowRealMatrix(m);
        EigenDecomposition eigen = new EigenDecomposition(matrix);
        double[] values = eigen.getRealEigenvalues();
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        for (int k = 0; k < d; k++) {
            double l = values[k];
            if (l < -1e-9 * Math.max(1, largest)) {
                requireNonNegative(l, k);
            }
            double s = Math.sqrt(Math.max(0, l));
            double[] v = eigen.getEigenvector(k).toArray();
            for (int j = 0; j < d; j++) {
                f[k][j] = s * v[j];
            }
        }
        return f;
    }

    private static void requireNonNegative(double value, int index) {
        if (value < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "bliss weight matrix must be positive semi-definite, found %s %g at %d",
                    "a negative weight or eigenvalue", value, index));
        }
    }

    private void requireDims(int length) {
        if (length != m.length) {
            throw new IllegalArgumentException("features have " + length + " values but the bliss weight matrix is "
                    + m.length + " x " + m.length);
        }
    }
}
