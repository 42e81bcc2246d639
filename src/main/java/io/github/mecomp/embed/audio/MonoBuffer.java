package io.github.mecomp.embed.audio;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A growable array of mono samples, filled while a decoder streams through a file. Growing by half keeps
 * the number of copies logarithmic without reserving much more than the audio needs.
 */
final class MonoBuffer {

    /** The largest Java array that every JVM will allocate. */
    private static final int MAX_SAMPLES = Integer.MAX_VALUE - 8;

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
     * Float formats and lossy codecs can overshoot full scale; the rest of the pipeline expects [-1, 1]. NaN is
     * passed through for {@link #add} to count.
     */
    static float clamp(float sample) {
        if (sample > 1f) {
            return 1f;
        }
        if (sample < -1f) {
            return -1f;
        }
        return sample;
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
