package io.github.mecomp.embed.audio;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads any supported audio file as mono samples at one sample rate: decode, mix down, resample, and
 * refuse files that hold nothing to listen to.
 *
 * <p>Thread-safe; resamplers are built once per source rate and shared.
 */
public final class AudioLoader {

    /** Peak level below which a whole file counts as silent (-80 dBFS). */
    static final double SILENCE_PEAK = 1e-4;

    private final int sampleRate;
    private final Map<Integer, Resampler> resamplers = new ConcurrentHashMap<>();

    public AudioLoader(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Decodes {@code file} to mono at {@link #sampleRate()}.
     *
     * @throws AudioDecodeException naming the file and the reason: missing, empty, not audio, unsupported,
     *                              truncated, corrupt or silent
     */
    public PcmAudio load(Path file) throws AudioDecodeException {
        PcmAudio decoded = AudioDecoders.decode(file);
        if (decoded.length() == 0) {
            throw new AudioDecodeException(file, "no audio samples in the file");
        }
        float peak = 0;
        for (float s : decoded.samples()) {
            if (!Float.isFinite(s)) {
                throw new AudioDecodeException(file, "corrupt: the decoded audio holds NaN or infinite samples");
            }
            peak = Math.max(peak, Math.abs(s));
        }
        if (peak == 0) {
            throw new AudioDecodeException(file, "silent: every sample is zero (digital silence)");
        }
        if (peak < SILENCE_PEAK) {
            throw new AudioDecodeException(file, String.format(Locale.ROOT,
                    "silent: the loudest sample is %.0f dBFS (at least -80 dBFS expected)", 20 * Math.log10(peak)));
        }
        if (decoded.sampleRate() == sampleRate) {
            return decoded;
        }
        return resamplers.computeIfAbsent(decoded.sampleRate(), from -> new Resampler(from, sampleRate))
                .apply(decoded);
    }
}
