package io.github.mecomp.embed.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the log-mel of each window as soon as its samples have streamed in, so that only the log-mel (an
 * eighth of the samples at the shipped settings) is held, never the song: the same windows as
 * {@link LogMelSpectrogram#windows(PcmAudio)} on the whole song. Not thread-safe: one per song.
 */
final class LogMelWindows implements SampleSink {

    private final LogMelSpectrogram logMel;
    private final LogMelSpectrogram.Work work;
    private final float[] window;
    private final List<float[][]> windows = new ArrayList<>();
    private int filled;

    LogMelWindows(LogMelSpectrogram logMel) {
        this.logMel = logMel;
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
    public void accept(float[] samples, int from, int to) {
        int at = from;
        while (at < to) {
            int n = Math.min(to - at, window.length - filled);
            System.arraycopy(samples, at, window, filled, n);
            filled += n;
            at += n;
            if (filled == window.length) {
                windows.add(logMel.window(window, 0, work));
                filled = 0;
            }
        }
    }

    @Override
    public void end() {
        if (windows.isEmpty()) { // shorter than one window: zero-padded to one, as the whole-song path does
            java.util.Arrays.fill(window, filled, window.length, 0f);
            windows.add(logMel.window(window, 0, work));
        }
    }

    /** [window][frame][band], after {@link #end()}. */
    float[][][] windows() {
        return windows.toArray(new float[0][][]);
    }
}
