package io.github.mecomp.embed.audio;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a decoder puts a file's mono samples, and the one rule by which every decoder mixes channels down
 * ({@link #mixGain}). Either it keeps them all (a growable array: growing by half keeps the number of copies
 * logarithmic without reserving much more than the audio needs), or it streams them to a {@link SampleSink}
 * and holds back only the last {@value #HOLD_BACK} samples, which a decoder may still cut with
 * {@link #truncate(long)} (an Ogg stream's last block, an MP3's end padding: both at most a few thousand
 * samples). Decoders write the same way to both.
 */
public final class MonoBuffer {

    /** The largest Java array that every JVM will allocate. */
    private static final int MAX_SAMPLES = Integer.MAX_VALUE - 8;
    /** Samples kept back from the sink so that the end of the stream can still be cut. */
    static final int HOLD_BACK = 1 << 16;

    /** The stereo gain MECOMP applies to L + R, as a float like its {@code SQRT_2 / 2.0}. */
    private static final float STEREO_GAIN = (float) (Math.sqrt(2) / 2);


    private final Path file;
    /** null: keep every sample. */
    private final SampleSink sink;
    private float[] samples = new float[0];
    /** Samples held in {@link #samples}. */
    private int held;
    /** Samples already handed to the sink (always 0 when keeping everything). */
    private long forwarded;
    /** Samples still to drop from the start of the stream. */
    private long toDrop;
    private int sampleRate;
    /** NaN samples stored as 0: a few are a glitch, all of them a damaged file (not silence). */
    private long nanSamples;
    /** Whether any sample other than NaN and 0 was added: NaN in a file with no signal at all is corruption. */
    private boolean heardSignal;

    private MonoBuffer(Path file, SampleSink sink) {
        this.file = file;
        this.sink = sink;
    }

    /** A buffer that keeps the whole file, for {@link #toAudio()}. */
    public static MonoBuffer whole(Path file) {
        return new MonoBuffer(file, null);
    }

    /** A buffer that streams the file to {@code sink}: its memory does not grow with the file. */
    public static MonoBuffer streaming(Path file, SampleSink sink) {
        return new MonoBuffer(file, sink);
    }

    /**
     * Called by the decoder once, before the first sample.
     *
     * @param expectedSamples what the file's headers declare (after any {@link #dropFirst} trim), or -1 when
     *                        they declare nothing; a hint, any value is safe
     */
    void begin(int rate, long expectedSamples) throws AudioDecodeException {
        if (sampleRate != 0) {
            throw new IllegalStateException("begin called twice for " + file);
        }
        this.sampleRate = rate;
        if (sink == null) {
            samples = new float[(int) Math.max(1024, Math.min(expectedSamples, 1L << 24))];
        } else {
            samples = new float[2 * HOLD_BACK];
            sink.begin(rate, expectedSamples);
        }
    }

    boolean begun() {
        return sampleRate != 0;
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Samples in the stream so far (after the start trim and any truncation). */
    long length() {
        return forwarded + held;
    }

    double seconds() {
        return sampleRate == 0 ? 0 : length() / (double) sampleRate;
    }

    /** The next {@code count} samples added are not audio (an MP3 encoder's priming) and are dropped. */
    void dropFirst(long count) {
        toDrop = Math.max(0, count);
    }

    /** Adds one sample; NaN carries no signal and is stored as 0, and counted. */
    void add(float sample) throws AudioDecodeException {
        if (toDrop > 0) {
            toDrop--;
            return;
        }
        if (sample != sample) {
            nanSamples++;
            sample = 0f;
        } else if (sample != 0f) {
            heardSignal = true;
        }
        if (held == samples.length) {
            if (sink == null) {
                grow();
            } else {
                forward(held - HOLD_BACK);
            }
        }
        samples[held++] = sample;
    }

    /**
     * Drops everything from {@code newLength} on. When streaming, samples already handed on stay: only the
     * last {@value #HOLD_BACK} can be cut, which covers what decoders cut (a corrupt end position asking for
     * more is honoured as far as it can be).
     */
    void truncate(long newLength) {
        if (newLength < 0 || newLength > length()) {
            throw new IllegalArgumentException("cannot truncate " + length() + " samples to " + newLength);
        }
        held = (int) Math.max(0, newLength - forwarded);
    }

    /** The whole file's samples, for a buffer made by {@link #whole}; fails when none decoded. */
    PcmAudio toAudio() throws AudioDecodeException {
        if (sink != null) {
            throw new IllegalStateException("a streaming buffer keeps no audio");
        }
        requireAudio();
        float[] out = held == samples.length ? samples : Arrays.copyOf(samples, held);
        return new PcmAudio(out, sampleRate);
    }

    /** Hands the samples held back to the sink, for a buffer made by {@link #streaming}; fails when none decoded. */
    void finish() throws AudioDecodeException {
        if (sink == null) {
            throw new IllegalStateException("finish is for streaming buffers");
        }
        requireAudio();
        forward(held);
        sink.end();
    }

    private void requireAudio() throws AudioDecodeException {
        if (length() == 0) {
            throw new AudioDecodeException(file, "no audio: zero samples decoded");
        }
        if (nanSamples > 0 && !heardSignal) {
            throw new AudioDecodeException(file, String.format(java.util.Locale.ROOT,
                    "corrupt: %d of %d samples are NaN (not a number) and the rest are zero; the float data is"
                            + " damaged (not digital silence)", nanSamples, length()));
        }
    }

    private void forward(int count) throws AudioDecodeException {
        if (count <= 0) {
            return;
        }
        sink.accept(samples, 0, count);
        System.arraycopy(samples, count, samples, 0, held - count);
        held -= count;
        forwarded += count;
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

    private void grow() throws AudioDecodeException {
        if (samples.length >= MAX_SAMPLES) {
            throw new AudioDecodeException(file, "too long: more than " + MAX_SAMPLES + " samples");
        }
        int newLength = (int) Math.min(MAX_SAMPLES, samples.length + (samples.length >> 1) + 1L);
        samples = Arrays.copyOf(samples, newLength);
    }
}
