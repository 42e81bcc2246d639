package io.github.mecomp.embed.audio;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads any supported audio file as mono samples at one sample rate: decode, mix down, resample, and
 * refuse files that hold nothing to listen to. Either the whole file at once ({@link #load}) or streamed
 * to a {@link SampleSink} ({@link #stream}), which keeps memory independent of the song's length and gives
 * the same samples.
 *
 * <p>Thread-safe; resamplers are built once per source rate and shared.
 */
public final class AudioLoader {

    /** Peak level below which a whole file counts as silent (-80 dBFS). */
    static final double SILENCE_PEAK = 1e-4;

    private final int sampleRate;
    private final TruncationPolicy truncation;
    private final Map<Integer, Resampler> resamplers = new ConcurrentHashMap<>();

    /** A loader that refuses truncated files. */
    public AudioLoader(int sampleRate) {
        this(sampleRate, TruncationPolicy.REFUSE);
    }

    public AudioLoader(int sampleRate, TruncationPolicy truncation) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.truncation = truncation;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public TruncationPolicy truncation() {
        return truncation;
    }

    /**
     * Decodes {@code file} to mono at {@link #sampleRate()}.
     *
     * @throws AudioDecodeException naming the file and the reason: missing, empty, not audio, unsupported,
     *                              truncated (unless the policy takes what decodes), corrupt or silent
     */
    public PcmAudio load(Path file) throws AudioDecodeException {
        MonoBuffer out = MonoBuffer.whole(file);
        decode(file, out, true);
        PcmAudio decoded = out.toAudio();
        LevelCheck level = new LevelCheck(file);
        level.check(decoded.samples(), 0, decoded.length());
        level.requireSound();
        if (decoded.sampleRate() == sampleRate) {
            return decoded;
        }
        return resampler(decoded.sampleRate()).apply(decoded);
    }

    /**
     * Streams {@code file} to {@code sink} as mono at {@link #sampleRate()}: the same samples as {@link #load},
     * in pieces. The checks that need the whole file (silence) fail after the last sample, before
     * {@link SampleSink#end()}, so a sink should keep its results until then.
     *
     * @param warn whether a truncated file used by the policy is reported (a second pass over a file need not
     *             say it again)
     * @return true when the file decoded to its end, false when it was cut short and the policy took what decoded
     * @throws AudioDecodeException as {@link #load}
     */
    public boolean stream(Path file, SampleSink sink, boolean warn) throws AudioDecodeException {
        Checked checked = new Checked(file, sink);
        MonoBuffer out = MonoBuffer.streaming(file, checked);
        boolean whole = decode(file, out, warn);
        out.finish();
        return whole;
    }

    /** Decodes into {@code out}; false when the file was cut short and the policy took what decoded. */
    private boolean decode(Path file, MonoBuffer out, boolean warn) throws AudioDecodeException {
        try {
            AudioDecoders.decode(file, out);
            return true;
        } catch (TruncatedAudioException e) {
            double seconds = out.seconds();
            if (!truncation.accepts(seconds)) {
                throw e;
            }
            if (warn) {
                truncation.warnings().accept(TruncationPolicy.warning(e, seconds));
            }
            return false;
        }
    }

    private Resampler resampler(int from) {
        return resamplers.computeIfAbsent(from, f -> new Resampler(f, sampleRate));
    }

    /** Peak level and finiteness, over the decoded samples at their native rate. */
    private static final class LevelCheck {
        private final Path file;
        private float peak;

        LevelCheck(Path file) {
            this.file = file;
        }

        void check(float[] samples, int from, int to) throws AudioDecodeException {
            for (int i = from; i < to; i++) {
                float s = samples[i];
                if (!Float.isFinite(s)) {
                    throw new AudioDecodeException(file, "corrupt: the decoded audio holds NaN or infinite samples");
                }
                peak = Math.max(peak, Math.abs(s));
            }
        }

        void requireSound() throws AudioDecodeException {
            if (peak == 0) {
                throw new AudioDecodeException(file, "silent: every sample is zero (digital silence)");
            }
            if (peak < SILENCE_PEAK) {
                throw new AudioDecodeException(file, String.format(Locale.ROOT,
                        "silent: the loudest sample is %.0f dBFS (at least -80 dBFS expected)", 20 * Math.log10(peak)));
            }
        }
    }

    /** Checks the native samples on their way through, then resamples them to the loader's rate. */
    private final class Checked implements SampleSink {
        private final LevelCheck level;
        private final SampleSink target;
        private SampleSink next;

        Checked(Path file, SampleSink target) {
            this.level = new LevelCheck(file);
            this.target = target;
        }

        @Override
        public void begin(int rate, long declaredLength) throws AudioDecodeException {
            next = rate == sampleRate ? target : resampler(rate).streaming(target);
            next.begin(rate, declaredLength);
        }

        @Override
        public void accept(float[] samples, int from, int to) throws AudioDecodeException {
            level.check(samples, from, to);
            next.accept(samples, from, to);
        }

        @Override
        public void end() throws AudioDecodeException {
            level.requireSound();
            next.end();
        }
    }
}
