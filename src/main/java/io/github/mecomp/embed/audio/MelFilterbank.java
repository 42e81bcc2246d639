package io.github.mecomp.embed.audio;

/**
 * Triangular mel filters on the Slaney mel scale with area ("slaney") normalisation: the same matrix as
 * {@code librosa.filters.mel(htk=False, norm="slaney")}, so that our log-mels can be checked against it.
 */
public final class MelFilterbank {

    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private final double[][] weights;
    /** First and one-past-last non-zero bin of each filter, so the product skips the zeros. */
    private final int[] firstBin;
    private final int[] endBin;

    public MelFilterbank(FrontEndConfig config) {
        int bands = config.melBands();
        int bins = config.dftBins();
        double[] melEdges = new double[bands + 2];
        double lo = hzToMel(config.fMin());
        double hi = hzToMel(config.fMax());
        double[] hzEdges = new double[bands + 2];
        for (int i = 0; i < bands + 2; i++) {
            melEdges[i] = lo + (hi - lo) * i / (bands + 1);
            hzEdges[i] = melToHz(melEdges[i]);
        }
        weights = new double[bands][bins];
        firstBin = new int[bands];
        endBin = new int[bands];
        for (int m = 0; m < bands; m++) {
            double left = hzEdges[m];
            double centre = hzEdges[m + 1];
            double right = hzEdges[m + 2];
            double norm = 2.0 / (right - left);
            firstBin[m] = bins;
            for (int k = 0; k < bins; k++) {
                double f = k * (double) config.sampleRate() / config.frameLength();
                double rising = (f - left) / (centre - left);
                double falling = (right - f) / (right - centre);
                double w = Math.max(0, Math.min(rising, falling)) * norm;
                weights[m][k] = w;
                if (w > 0) {
                    firstBin[m] = Math.min(firstBin[m], k);
                    endBin[m] = k + 1;
                }
            }
            if (endBin[m] == 0) {
                firstBin[m] = 0; // an empty filter (too many bands for the DFT size) contributes zero
            }
        }
    }

    public int bands() {
        return weights.length;
    }

    /** One past the highest DFT bin any filter uses: the graph need not compute the bins above it. */
    public int binsUsed() {
        int max = 0;
        for (int e : endBin) {
            max = Math.max(max, e);
        }
        return max;
    }

    /** The filter matrix [bands][dftBins], a copy. */
    public double[][] weights() {
        double[][] copy = new double[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            copy[i] = weights[i].clone();
        }
        return copy;
    }

    /** mel[m] = sum over k of weights[m][k] * power[k]. */
    void apply(double[] power, double[] mel) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            double acc = 0;
            for (int k = firstBin[m]; k < endBin[m]; k++) {
                acc += w[k] * power[k];
            }
            mel[m] = acc;
        }
    }

    static double hzToMel(double hz) {
        return hz < MIN_LOG_HZ ? hz / F_SP : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
    }

    static double melToHz(double mel) {
        return mel < MIN_LOG_MEL ? mel * F_SP : MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
    }
}
