package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.FrontEndConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handcrafted baseline every model must beat: per clip, the mean and standard deviation over all
 * frames of 20 MFCCs (DCT-II, orthonormal, of the log-mel in dB), each dimension then z-scored over the
 * clips of the set being evaluated so that no coefficient dominates the distance by its scale alone.
 */
public final class MfccBaseline {

    public static final int COEFFICIENTS = 20;

    private final int coefficients;
    private final double[][] dct;

    public MfccBaseline(FrontEndConfig config) {
        this(config, COEFFICIENTS);
    }

    public MfccBaseline(FrontEndConfig config, int coefficients) {
        int bands = config.melBands();
        if (coefficients < 1 || coefficients > bands) {
            throw new IllegalArgumentException("MFCC count must be in 1.." + bands + ", got " + coefficients);
        }
        this.coefficients = coefficients;
        this.dct = new double[coefficients][bands];
        for (int k = 0; k < coefficients; k++) {
            double norm = Math.sqrt((k == 0 ? 1.0 : 2.0) / bands);
            for (int m = 0; m < bands; m++) {
                dct[k][m] = norm * Math.cos(Math.PI * k * (m + 0.5) / bands);
            }
        }
    }

    /** Mean then standard deviation of each coefficient over every frame of every window: 2 × 20 values. */
    public float[] clipVector(float[][][] logMelWindows) {
        double toDb = 10 / Math.log(10);
        double[] sum = new double[coefficients];
        double[] sumSq = new double[coefficients];
        long frames = 0;
        for (float[][] window : logMelWindows) {
            for (float[] frame : window) {
                for (int k = 0; k < coefficients; k++) {
                    double c = 0;
                    for (int m = 0; m < dct[k].length; m++) { // the mel bands; a crest value after them is not one
                        c += dct[k][m] * frame[m];
                    }
                    c *= toDb;
                    sum[k] += c;
                    sumSq[k] += c * c;
                }
                frames++;
            }
        }
        if (frames == 0) {
            throw new IllegalArgumentException("MFCC baseline: a clip needs at least one frame");
        }
        float[] out = new float[2 * coefficients];
        for (int k = 0; k < coefficients; k++) {
            double mean = sum[k] / frames;
            out[k] = (float) mean;
            out[coefficients + k] = (float) Math.sqrt(Math.max(0, sumSq[k] / frames - mean * mean));
        }
        return out;
    }

    /** Each dimension shifted and scaled to mean 0 and standard deviation 1 over the given clips. */
    public static Map<String, float[]> zScore(Map<String, float[]> vectors) {
        if (vectors.isEmpty()) {
            return Map.of();
        }
        int dims = vectors.values().iterator().next().length;
        double[] mean = new double[dims];
        double[] sq = new double[dims];
        for (float[] v : vectors.values()) {
            for (int d = 0; d < dims; d++) {
                mean[d] += v[d];
                sq[d] += (double) v[d] * v[d];
            }
        }
        int n = vectors.size();
        double[] std = new double[dims];
        for (int d = 0; d < dims; d++) {
            mean[d] /= n;
            std[d] = Math.sqrt(Math.max(0, sq[d] / n - mean[d] * mean[d]));
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        vectors.forEach((id, v) -> {
            float[] z = new float[dims];
            for (int d = 0; d < dims; d++) {
                // a dimension constant over the set carries no information: map it to 0, not to NaN
                z[d] = std[d] < 1e-12 ? 0f : (float) ((v[d] - mean[d]) / std[d]);
            }
            out.put(id, z);
        });
        return out;
    }
}
