package io.github.mecomp.embed.audio;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc, evaluated as a polyphase filter.
 *
 * <p>The filter is designed for the lower of the two Nyquist frequencies: flat (ripple well under 0.01 dB)
 * up to 90% of it, and at least {@value #STOPBAND_DB} dB down from the Nyquist frequency on, so that
 * content the new rate cannot hold is removed rather than folded back into the audible band.
 *
 * <p>Instances are immutable and thread-safe; build one per rate pair and reuse it.
 */
public final class Resampler {

    static final double STOPBAND_DB = 80.0;
    /** Passband edge as a share of the lower Nyquist frequency; the transition band fills the rest. */
    static final double PASSBAND = 0.90;
    /** Above this many phases the phase is rounded to one of this many, an error far below the stopband. */
    private static final int MAX_PHASES = 4096;

    private final int fromRate;
    private final int toRate;
    /** The conversion ratio toRate/fromRate in lowest terms: up/down. */
    private final long up;
    private final long down;
    private final int phases;
    private final int halfTaps;
    /** coefficients[phase][tap], tap 0 applying to input sample floor(t) - halfTaps + 1. */
    private final float[][] coefficients;

    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("resampler: rates must be positive, got " + fromRate + " -> " + toRate);
        }
        this.fromRate = fromRate;
        this.toRate = toRate;
        long g = gcd(fromRate, toRate);
        this.up = toRate / g;
        this.down = fromRate / g;
        this.phases = (int) Math.min(up, MAX_PHASES);

        double lowerNyquist = Math.min(fromRate, toRate) / 2.0;
        double transition = (1.0 - PASSBAND) * lowerNyquist;
        double cutoff = lowerNyquist - transition / 2.0; // -6 dB point, centre of the transition band
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        // Kaiser's length estimate, in input samples, for the requested attenuation and transition width.
        double deltaOmega = 2 * Math.PI * transition / fromRate;
        int taps = (int) Math.ceil((STOPBAND_DB - 7.95) / (2.285 * deltaOmega)) + 1;
        this.halfTaps = Math.max(2, (taps + 1) / 2);
        double scale = 2 * cutoff / fromRate;
        double i0Beta = besselI0(beta);
        this.coefficients = new float[phases][2 * halfTaps];
        for (int p = 0; p < phases; p++) {
            double frac = p / (double) phases;
            for (int k = 0; k < 2 * halfTaps; k++) {
                double tau = (k - halfTaps + 1) - frac; // input sample position relative to the output time
                double r = tau / halfTaps;
                double w = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
                coefficients[p][k] = (float) (scale * sinc(scale * tau) * w);
            }
        }
    }

    public int fromRate() {
        return fromRate;
    }

    public int toRate() {
        return toRate;
    }

    /** Resamples {@code audio}, which must be at {@link #fromRate()}. */
    public PcmAudio apply(PcmAudio audio) {
        if (audio.sampleRate() != fromRate) {
            throw new IllegalArgumentException(
                    "resampler: built for " + fromRate + " Hz, given audio at " + audio.sampleRate() + " Hz");
        }
        return new PcmAudio(apply(audio.samples()), toRate);
    }

    /** Resamples raw samples at {@link #fromRate()} to {@link #toRate()}; silence is assumed outside the array. */
    public float[] apply(float[] in) {
        if (fromRate == toRate) {
            return in.clone();
        }
        int outLength = (int) ((in.length * up + down - 1) / down);
        float[] out = new float[outLength];
        int taps = 2 * halfTaps;
        for (int j = 0; j < outLength; j++) {
            long position = j * down; // the output time in units of 1/up input samples
            long base = position / up;
            int phase = (int) (phases == up ? position % up : Math.round((position % up) * (double) phases / up));
            if (phase == phases) { // rounding reached the next input sample
                phase = 0;
                base++;
            }
            float[] c = coefficients[phase];
            long first = base - halfTaps + 1;
            double acc = 0;
            if (first >= 0 && first + taps <= in.length) {
                int f = (int) first;
                for (int k = 0; k < taps; k++) {
                    acc += c[k] * in[f + k];
                }
            } else {
                for (int k = 0; k < taps; k++) {
                    long i = first + k;
                    if (i >= 0 && i < in.length) {
                        acc += c[k] * in[(int) i];
                    }
                }
            }
            out[j] = (float) acc;
        }
        return out;
    }

    private static double sinc(double x) {
        if (Math.abs(x) < 1e-12) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for beta < 20). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
