package io.github.mecomp.embed.audio;

/**
 * Mono audio as float samples in [-1, 1] at a known sample rate.
 *
 * <p>The array is not copied: treat it as read-only once built.
 */
public record PcmAudio(float[] samples, int sampleRate) {

    public PcmAudio {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    public int length() {
        return samples.length;
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
