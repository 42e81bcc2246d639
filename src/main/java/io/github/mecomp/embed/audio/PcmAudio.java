package io.github.mecomp.embed.audio;

/**
 * Mono audio as float samples at a known sample rate: in [-1, 1] from mono sources, up to ±√2 from stereo
 * ones, which are mixed as MECOMP mixes them ((L + R)·√2/2).
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
