package io.github.mecomp.embed.audio;

import java.util.Arrays;

/**
 * The model's input: log-mel spectrograms of consecutive 1-second windows (see {@link FrontEndConfig} for
 * how a window is framed). A trailing partial window is dropped, except that a clip shorter than one window is
 * zero-padded at the end to one window: MECOMP embeds every song it has, however short, and the exported graph
 * pads the same way, so training, evaluation and export all see the same windows.
 *
 * <p>Immutable and thread-safe: the per-call work buffers are made per call.
 */
public final class LogMelSpectrogram {

    private final FrontEndConfig config;
    private final MelFilterbank filterbank;
    private final double[] hann;
    private final double[] chromaHann;
    /** Pitch class (C = 0) of each DFT bin of a chroma frame, -1 outside the counted range. */
    private final int[] chromaClass;
    /** The chroma frames of a window that are read. */
    private final int[] chromaFrames;
    /** The first DFT bin no mel filter uses: where the high-band channel's power starts. */
    private final int firstHighBin;

    public LogMelSpectrogram(FrontEndConfig config) {
        this.config = config;
        this.filterbank = new MelFilterbank(config);
        this.hann = hann(config.frameLength());
        this.chromaHann = config.needsChroma() ? hann(FrontEndConfig.CHROMA_FRAME) : null;
        this.chromaClass = config.needsChroma() ? chromaClasses(config.sampleRate()) : null;
        this.chromaFrames = config.chromaFrameIndices();
        this.firstHighBin = filterbank.binsUsed();
    }

    private static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n); // periodic, as librosa and torch use
        }
        return w;
    }

    /**
     * The pitch class each bin of a {@link FrontEndConfig#CHROMA_FRAME}-sample DFT counts for: the nearest
     * equal-tempered semitone to the bin's centre frequency (A = 440 Hz), C = 0; -1 for bins outside
     * {@link FrontEndConfig#CHROMA_FMIN_HZ}..{@link FrontEndConfig#CHROMA_FMAX_HZ}.
     */
    public static int[] chromaClasses(int sampleRate) {
        int n = FrontEndConfig.CHROMA_FRAME;
        int[] classes = new int[n / 2 + 1];
        for (int k = 0; k < classes.length; k++) {
            double hz = (double) k * sampleRate / n;
            if (hz < FrontEndConfig.CHROMA_FMIN_HZ || hz > FrontEndConfig.CHROMA_FMAX_HZ) {
                classes[k] = -1;
            } else {
                long semitonesFromA = Math.round(12 * Math.log(hz / 440.0) / Math.log(2));
                classes[k] = (int) Math.floorMod(semitonesFromA + 9, 12L);
            }
        }
        return classes;
    }

    public FrontEndConfig config() {
        return config;
    }

    public MelFilterbank filterbank() {
        return filterbank;
    }

    /** How many windows {@code sampleCount} (&ge; 1) samples give: the whole windows, and at least one. */
    public int windowCount(int sampleCount) {
        return Math.max(1, sampleCount / config.windowSamples());
    }

    /**
     * Log-mel of every whole window: [window][frame][band]; a clip shorter than one window gives one window, of
     * the clip followed by zeros.
     *
     * @throws IllegalArgumentException if the audio is not at the configured rate or holds no samples
     */
    public float[][][] windows(PcmAudio audio) {
        if (audio.sampleRate() != config.sampleRate()) {
            throw new IllegalArgumentException("front-end: configured for " + config.sampleRate()
                    + " Hz, given audio at " + audio.sampleRate() + " Hz; resample first");
        }
        if (audio.length() == 0) {
            throw new IllegalArgumentException("front-end: no samples given, at least one is needed");
        }
        float[] samples = audio.samples();
        if (samples.length < config.windowSamples()) {
            samples = Arrays.copyOf(samples, config.windowSamples());
        }
        int count = windowCount(samples.length);
        float[][][] out = new float[count][][];
        Work work = new Work();
        for (int w = 0; w < count; w++) {
            out[w] = window(samples, w * config.windowSamples(), work);
        }
        return out;
    }

    /**
     * Log-mel [frame][band] of the window of samples starting at {@code offset}, each frame followed by the side
     * values that are on: its crest factor ({@link #crest}) and high-band share ({@link #highBand}), then the
     * window's chroma shares and harmony values
     * ({@link FrontEndConfig#sideValues()}).
     */
    public float[][] window(float[] samples, int offset) {
        return window(samples, offset, new Work());
    }

    /** Work buffers for {@link #window(float[], int, Work)}, for one thread. */
    Work newWork() {
        return new Work();
    }

    float[][] window(float[] samples, int offset, Work work) {
        if (offset < 0 || offset + config.windowSamples() > samples.length) {
            throw new IllegalArgumentException("front-end: window at " + offset + " runs past the "
                    + samples.length + " samples given");
        }
        int frames = config.framesPerWindow();
        int n = config.frameLength();
        int bands = config.melBands();
        float[][] out = new float[frames][config.valuesPerFrame()];
        for (int f = 0; f < frames; f++) {
            int start = offset + f * config.hopLength();
            for (int i = 0; i < n; i++) {
                work.frame[i] = samples[start + i] * hann[i];
            }
            work.fft.compute(work.frame, work.power);
            filterbank.apply(work.power, work.mel);
            for (int m = 0; m < bands; m++) {
                out[f][m] = (float) Math.log(work.mel[m] + config.logFloor());
            }
            int at = bands;
            if (config.crestChannel()) {
                out[f][at++] = (float) crest(samples, start, n);
            }
            if (config.highBandChannel()) {
                out[f][at] = (float) highBand(work.power, firstHighBin);
            }
        }
        if (config.needsChroma()) {
            double[][] perFrame = classPower(samples, offset, work);
            float[] chroma = shares(sum(perFrame));
            int at = bands + config.frameSideValues();
            if (config.chromaChannel()) {
                for (float[] frame : out) {
                    System.arraycopy(chroma, 0, frame, at, chroma.length);
                }
                at += chroma.length;
            }
            if (config.harmonyChannel()) {
                float[] harmony = config.frameHarmony() ? meanFrameHarmony(perFrame) : harmony(chroma);
                for (float[] frame : out) {
                    System.arraycopy(harmony, 0, frame, at, harmony.length);
                }
            }
        }
        return out;
    }

    /**
     * Magnitudes of coefficients 1..{@value FrontEndConfig#HARMONY_VALUES} of the DFT of twelve chroma shares:
     * {@code |sum_c share[c] e^(-2 pi i k c / 12)|}, unchanged when the shares are rotated (transposed).
     */
    public static float[] harmony(float[] shares) {
        int classes = FrontEndConfig.CHROMA_BINS;
        float[] out = new float[FrontEndConfig.HARMONY_VALUES];
        for (int k = 1; k <= out.length; k++) {
            double re = 0;
            double im = 0;
            for (int c = 0; c < classes; c++) {
                double angle = 2 * Math.PI * k * c / classes;
                re += shares[c] * Math.cos(angle);
                im -= shares[c] * Math.sin(angle);
            }
            out[k - 1] = (float) Math.hypot(re, im);
        }
        return out;
    }

    /**
     * Power per pitch class of each {@link FrontEndConfig#CHROMA_FRAME}-sample frame of the window that
     * {@link FrontEndConfig#chromaFrameIndices()} names (periodic Hann; the counted bins of its power spectrum summed
     * per class), one row per frame read.
     */
    private double[][] classPower(float[] samples, int offset, Work work) {
        int n = FrontEndConfig.CHROMA_FRAME;
        double[][] out = new double[chromaFrames.length][FrontEndConfig.CHROMA_BINS];
        for (int r = 0; r < chromaFrames.length; r++) {
            int start = offset + chromaFrames[r] * n;
            for (int i = 0; i < n; i++) {
                work.chromaFrame[i] = samples[start + i] * chromaHann[i];
            }
            work.chromaFft.compute(work.chromaFrame, work.chromaPower);
            for (int k = 0; k < chromaClass.length; k++) {
                if (chromaClass[k] >= 0) {
                    out[r][chromaClass[k]] += work.chromaPower[k];
                }
            }
        }
        return out;
    }

    private static double[] sum(double[][] rows) {
        double[] out = new double[FrontEndConfig.CHROMA_BINS];
        for (double[] row : rows) {
            for (int c = 0; c < out.length; c++) {
                out[c] += row[c];
            }
        }
        return out;
    }

    /** Each class's share of the power, over the total plus {@link FrontEndConfig#CHROMA_FLOOR}: zeros for silence. */
    private static float[] shares(double[] perClass) {
        double total = FrontEndConfig.CHROMA_FLOOR;
        for (double p : perClass) {
            total += p;
        }
        float[] out = new float[perClass.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) (perClass[c] / total);
        }
        return out;
    }

    /** The mean over frames of each frame's own harmony values ({@link FrontEndConfig#frameHarmony()}). */
    private static float[] meanFrameHarmony(double[][] perFrame) {
        float[] out = new float[FrontEndConfig.HARMONY_VALUES];
        for (double[] frame : perFrame) {
            float[] h = harmony(shares(frame));
            for (int k = 0; k < out.length; k++) {
                out[k] += h[k] / perFrame.length;
            }
        }
        return out;
    }

    /**
     * The crest factor of {@code length} raw samples (no taper: the peak is the signal's own) as
     * {@code ln(peak / rms)}, computed as {@code 0.5 ln((peak² + floor) / (mean square + floor))} with
     * {@link FrontEndConfig#CREST_FLOOR}; 0 for silence, ln √2 for a sine, up to ln √length for a lone click.
     */
    static double crest(float[] samples, int start, int length) {
        double peak = 0;
        double sumSq = 0;
        for (int i = start; i < start + length; i++) {
            double v = samples[i];
            double sq = v * v;
            sumSq += sq;
            peak = Math.max(peak, sq);
        }
        return 0.5 * Math.log((peak + FrontEndConfig.CREST_FLOOR) / (sumSq / length + FrontEndConfig.CREST_FLOOR));
    }

    /**
     * A frame's share of power in the bins from {@code firstHighBin} up, as
     * {@code ln((P_high + F (P_all + e)) / (P_all + e))} (see {@link FrontEndConfig#highBandChannel()}), from its
     * one-sided power spectrum (bins 0..n/2): every bin but 0 and n/2 counts twice, so that P_all is the frame's
     * whole power as the exported graph measures it, from the windowed samples themselves.
     */
    static double highBand(double[] power, int firstHighBin) {
        int nyquist = power.length - 1;
        double all = 0;
        double high = 0;
        for (int k = 0; k <= nyquist; k++) {
            double p = (k == 0 || k == nyquist) ? power[k] : 2 * power[k];
            all += p;
            if (k >= firstHighBin) {
                high += p;
            }
        }
        double whole = all + FrontEndConfig.HIGH_BAND_EPSILON;
        return Math.log((high + FrontEndConfig.HIGH_BAND_FLOOR * whole) / whole);
    }

    final class Work {
        final PowerSpectrum fft = new PowerSpectrum(config.frameLength());
        final double[] frame = new double[config.frameLength()];
        final double[] power = new double[config.dftBins()];
        final double[] mel = new double[config.melBands()];
        final PowerSpectrum chromaFft = config.needsChroma() ? new PowerSpectrum(FrontEndConfig.CHROMA_FRAME) : null;
        final double[] chromaFrame = config.needsChroma() ? new double[FrontEndConfig.CHROMA_FRAME] : null;
        final double[] chromaPower = config.needsChroma() ? new double[FrontEndConfig.CHROMA_FRAME / 2 + 1] : null;
    }
}
