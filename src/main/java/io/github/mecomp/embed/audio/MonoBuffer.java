package io.github.mecomp.embed.audio;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A growable array of mono samples, filled while a decoder streams through a file, and the one rule by which
 * every decoder mixes channels down ({@link #mixGain}). Growing by half keeps the number of copies
 * logarithmic without reserving much more than the audio needs.
 */
final class MonoBuffer {

    /** The largest Java array that every JVM will allocate. */
    private static final int MAX_SAMPLES = Integer.MAX_VALUE - 8;

    /** The stereo gain MECOMP applies to L + R, as a float like its {@code SQRT_2 / 2.0}. */
    private static final float STEREO_GAIN = (float) (Math.sqrt(2) / 2);


    private final Path file;
    private float[] samples;
    private int length;
    /** NaN samples stored as 0: a few are a glitch, all of them a damaged file (not silence). */
    private long nanSamples;

    /** @param expectedSamples a guess from the file's headers; any value is safe */
    MonoBuffer(Path file, long expectedSamples) {
        this.file = file;
        this.samples = new float[(int) Math.max(1024, Math.min(expectedSamples, 1L << 24))];
    }

    int length() {
        return length;
    }

    /** Adds one sample; NaN carries no signal and is stored as 0, and counted. */
    void add(float sample) throws AudioDecodeException {
        if (length == samples.length) {
            grow();
        }
        if (sample != sample) {
            nanSamples++;
            sample = 0f;
        }
        samples[length++] = sample;
    }

    /** Drops everything from {@code newLength} on. */
    void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate " + length + " samples to " + newLength);
        }
        length = newLength;
    }

    /** The samples in [from, to) as audio; fails when that range is empty, since nothing useful decoded. */
    PcmAudio toAudio(int sampleRate, int from, int to) throws AudioDecodeException {
        if (from < 0 || to > length || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside 0.." + length);
        }
        if (from == to) {
            throw new AudioDecodeException(file, "no audio: zero samples decoded");
        }
        if (nanSamples > 0 && allZero(from, to)) {
            throw new AudioDecodeException(file, String.format(java.util.Locale.ROOT,
                    "corrupt: %d of %d samples are NaN (not a number) and the rest are zero; the float data is"
                            + " damaged (not digital silence)", nanSamples, length));
        }
        float[] out = from == 0 && to == samples.length ? samples : Arrays.copyOfRange(samples, from, to);
        return new PcmAudio(out, sampleRate);
    }

    PcmAudio toAudio(int sampleRate) throws AudioDecodeException {
        return toAudio(sampleRate, 0, length);
    }

    /**
     * The factor on the sum of one frame's channels that gives its mono sample: MECOMP's mixdown
     * (mecomp-analysis 0.7.3's decoder), so that a model sees here what it sees in MECOMP. Stereo is
     * (L + R)·√2/2, ffmpeg's stereo-to-mono, 3 dB louder than the average; one channel is kept as it is; any
     * other count is averaged, as MECOMP does for 2.1 and 5.1.
     */
    static float mixGain(int channels) {
        if (channels <= 0) {
            throw new IllegalArgumentException("a frame needs at least one channel, got " + channels);
        }
        return channels == 2 ? STEREO_GAIN : 1f / channels;
    }

    /**
     * Float formats and lossy codecs can overshoot full scale, and infinity would poison every window it
     * reaches. The bound is what a mix of full-scale channels in phase reaches: 1, or √2 for stereo, which
     * MECOMP passes on unclipped. NaN is passed through for {@link #add} to count and store as 0.
     */
    static float clamp(float mixed, int channels) {
        float peak = channels * mixGain(channels);
        if (mixed > peak) {
            return peak;
        }
        if (mixed < -peak) {
            return -peak;
        }
        return mixed; // NaN passes through for add() to count
    }

    private boolean allZero(int from, int to) {
        for (int i = from; i < to; i++) {
            if (samples[i] != 0f) {
                return false;
            }
        }
        return true;
    }

    private void grow() throws AudioDecodeException {
        if (samples.length >= MAX_SAMPLES) {
            throw new AudioDecodeException(file, "too long: more than " + MAX_SAMPLES + " samples");
        }
        int newLength = (int) Math.min(MAX_SAMPLES, samples.length + (samples.length >> 1) + 1L);
        samples = Arrays.copyOf(samples, newLength);
    }
}
