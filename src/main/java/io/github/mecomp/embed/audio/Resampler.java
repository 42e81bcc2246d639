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
        float[] out = new float[(int) outputLength(in.length)];
        for (int j = 0; j < out.length; j++) {
            out[j] = sample(j, in, 0, in.length);
        }
        return out;
    }

    /** How many samples {@code inputLength} input samples give: ceil(inputLength * toRate / fromRate). */
    public long outputLength(long inputLength) {
        return fromRate == toRate ? inputLength : (inputLength * up + down - 1) / down;
    }

    /**
     * A resampler that takes the input piece by piece and hands each output sample on as soon as the input it
     * needs has arrived, holding only one filter length of input: the same samples as {@link #apply(float[])}
     * on the whole input, bit for bit. Not thread-safe: one per song.
     */
    public SampleSink streaming(SampleSink downstream) {
        return fromRate == toRate ? new PassThrough(downstream) : new Streaming(downstream);
    }

    /** The first input sample output {@code j} reads. */
    private long firstInput(long j) {
        long position = j * down; // the output time in units of 1/up input samples
        long base = position / up;
        if (phaseOf(position) == phases) { // rounding reached the next input sample
            base++;
        }
        return base - halfTaps + 1;
    }

    private int phaseOf(long position) {
        return (int) (phases == up ? position % up : Math.round((position % up) * (double) phases / up));
    }

    /**
     * Output sample {@code j}, from input whose sample {@code inStart} (absolute index) is {@code in[0]}, of which
     * absolute samples [inStart, inEnd) are known and all others are silence.
     */
    private float sample(long j, float[] in, long inStart, long inEnd) {
        int phase = phaseOf(j * down);
        if (phase == phases) {
            phase = 0;
        }
        float[] c = coefficients[phase];
        long first = firstInput(j);
        int taps = 2 * halfTaps;
        double acc = 0;
        if (first >= inStart && first + taps <= inEnd) {
            int f = (int) (first - inStart);
            for (int k = 0; k < taps; k++) {
                acc += c[k] * in[f + k];
            }
        } else {
            for (int k = 0; k < taps; k++) {
                long i = first + k;
                if (i >= inStart && i < inEnd) {
                    acc += c[k] * in[(int) (i - inStart)];
                }
            }
        }
        return (float) acc;
    }

    /** Input and output at the same rate: nothing to do. */
    private static final class PassThrough implements SampleSink {
        private final SampleSink downstream;

        PassThrough(SampleSink downstream) {
            this.downstream = downstream;
        }

        @Override
        public void begin(int sampleRate, long declaredLength) throws AudioDecodeException {
            downstream.begin(sampleRate, declaredLength);
        }

        @Override
        public void accept(float[] samples, int from, int to) throws AudioDecodeException {
            downstream.accept(samples, from, to);
        }

        @Override
        public void end() throws AudioDecodeException {
            downstream.end();
        }
    }

    private final class Streaming implements SampleSink {
        private static final int OUT_BLOCK = 4096;
        private final SampleSink downstream;
        /** Input samples [inStart, inStart + held). */
        private float[] in = new float[4 * halfTaps + 8192];
        private long inStart;
        private int held;
        private long next; // the next output sample
        private final float[] out = new float[OUT_BLOCK];
        private int outHeld;

        Streaming(SampleSink downstream) {
            this.downstream = downstream;
        }

        @Override
        public void begin(int sampleRate, long declaredLength) throws AudioDecodeException {
            if (sampleRate != fromRate) {
                throw new IllegalArgumentException(
                        "resampler: built for " + fromRate + " Hz, given audio at " + sampleRate + " Hz");
            }
            downstream.begin(toRate, declaredLength < 0 ? -1 : outputLength(declaredLength));
        }

        @Override
        public void accept(float[] samples, int from, int to) throws AudioDecodeException {
            int at = from;
            while (at < to) {
                if (held == in.length) {
                    compact();
                }
                int n = Math.min(to - at, in.length - held);
                System.arraycopy(samples, at, in, held, n);
                held += n;
                at += n;
                // every output whose taps all lie in the input so far
                long end = inStart + held;
                while (firstInput(next) + 2L * halfTaps <= end) {
                    emit(sample(next, in, inStart, end));
                    next++;
                }
            }
        }

        @Override
        public void end() throws AudioDecodeException {
            long total = inStart + held;
            long length = outputLength(total);
            for (; next < length; next++) {
                emit(sample(next, in, inStart, total));
            }
            flush();
            downstream.end();
        }

        /** Drops the input no output still needs; grows the buffer when all of it is still needed. */
        private void compact() {
            long keepFrom = Math.max(inStart, Math.min(inStart + held, firstInput(next)));
            int drop = (int) (keepFrom - inStart);
            if (drop == 0) {
                in = java.util.Arrays.copyOf(in, in.length * 2);
                return;
            }
            System.arraycopy(in, drop, in, 0, held - drop);
            held -= drop;
            inStart = keepFrom;
        }

        private void emit(float sample) throws AudioDecodeException {
            out[outHeld++] = sample;
            if (outHeld == OUT_BLOCK) {
                flush();
            }
        }

        private void flush() throws AudioDecodeException {
            if (outHeld > 0) {
                downstream.accept(out, 0, outHeld);
                outHeld = 0;
            }
        }
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
