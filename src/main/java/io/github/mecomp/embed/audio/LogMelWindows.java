package io.github.mecomp.embed.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Computes the log-mel of each window as soon as its samples have streamed in and hands it on, so that neither
 * the song nor its log-mel is held: the same windows as {@link LogMelSpectrogram#windows(PcmAudio)} on the
 * whole song. Not thread-safe: one per song.
 */
final class LogMelWindows implements SampleSink {

    /** The receiver of the windows failed (a full disk): not the audio file's fault, so it is unwrapped. */
    static final class SinkFailure extends AudioDecodeException {
        private static final long serialVersionUID = 1L;

        SinkFailure(Path file, IOException cause) {
            super(file, "its log-mel could not be written: " + cause.getMessage(), cause);
        }

        IOException output() {
            return (IOException) getCause();
        }
    }

    private final Path file;
    private final LogMelSpectrogram logMel;
    private final WindowSink sink;
    private final LogMelSpectrogram.Work work;
    private final float[] window;
    private int filled;
    private int count;

    LogMelWindows(Path file, LogMelSpectrogram logMel, WindowSink sink) {
        this.file = file;
        this.logMel = logMel;
        this.sink = sink;
        this.work = logMel.newWork();
        this.window = new float[logMel.config().windowSamples()];
    }

    @Override
    public void begin(int sampleRate, long declaredLength) {
        if (sampleRate != logMel.config().sampleRate()) {
            throw new IllegalArgumentException("front-end: configured for " + logMel.config().sampleRate()
                    + " Hz, given audio at " + sampleRate + " Hz; resample first");
        }
    }

    @Override
    public void accept(float[] samples, int from, int to) throws AudioDecodeException {
        int at = from;
        while (at < to) {
            int n = Math.min(to - at, window.length - filled);
            System.arraycopy(samples, at, window, filled, n);
            filled += n;
            at += n;
            if (filled == window.length) {
                emit();
                filled = 0;
            }
        }
    }

    @Override
    public void end() throws AudioDecodeException {
        if (count == 0) { // shorter than one window: zero-padded to one, as the whole-song path does
            Arrays.fill(window, filled, window.length, 0f);
            emit();
        }
    }

    /** Windows handed on so far. */
    int count() {
        return count;
    }

    private void emit() throws AudioDecodeException {
        try {
            sink.accept(logMel.window(window, 0, work));
        } catch (IOException e) {
            throw new SinkFailure(file, e);
        }
        count++;
    }
}
