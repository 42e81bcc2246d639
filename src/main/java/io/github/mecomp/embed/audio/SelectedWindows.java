package io.github.mecomp.embed.audio;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The samples of only the windows a model looks at, read from a song of any length in bounded memory.
 *
 * <p>A song of N samples has W = max(1, N div S) windows of S samples; a window rule picks some of them from W
 * alone. The song is streamed, and the samples of the picked windows are kept, one after the other: a song of
 * those windows only, which the same rule reads whole and in order when it picks at most K of W &le; K. So a
 * model that cuts windows per song gives the same result on these samples as on the whole song, with memory
 * for K windows instead of the song.
 *
 * <p>W must be known before the song is read: it comes from the length the container declares (Xing/Info,
 * STREAMINFO, WAV data size). After the read the real length is known; when it gives another W (no length
 * declared, a cut or joined file) the song is read a second time, knowing it.
 */
public final class SelectedWindows {

    private SelectedWindows() {
    }

    /**
     * The samples at {@code loader}'s rate of the windows {@code selection} picks: the picked windows of
     * {@code windowSamples} each, in order; or, for a song shorter than one window, the whole song.
     *
     * @param selection from W (&ge; 1) to the indices of the windows to keep, strictly increasing
     * @throws AudioDecodeException as {@link AudioLoader#load}
     */
    public static float[] samples(AudioLoader loader, Path file, int windowSamples, IntFunction<int[]> selection)
            throws AudioDecodeException {
        Sink first = new Sink(windowSamples, selection, -1);
        loader.stream(file, first, true);
        if (first.matches()) {
            return first.result();
        }
        Sink second = new Sink(windowSamples, selection, first.total);
        loader.stream(file, second, false);
        if (!second.matches()) {
            throw new AudioDecodeException(file, "unreadable: it gave " + first.total + " samples, then "
                    + second.total + " on a second reading (did it change while being read?)");
        }
        return second.result();
    }

    /** Keeps the samples of the windows picked for an expected window count. */
    private static final class Sink implements SampleSink {
        private final int windowSamples;
        private final IntFunction<int[]> selection;
        private final long knownLength;
        private int expectedWindows;
        private int[] picked;
        private float[] kept;
        /** Samples seen so far, = the position of the next one in the song. */
        private long total;

        Sink(int windowSamples, IntFunction<int[]> selection, long knownLength) {
            this.windowSamples = windowSamples;
            this.selection = selection;
            this.knownLength = knownLength;
        }

        @Override
        public void begin(int sampleRate, long declaredLength) {
            long length = knownLength >= 0 ? knownLength : declaredLength;
            // no declared length: keep the first window only, which a song of one window needs
            expectedWindows = length < 0 ? 1 : windowCount(length);
            picked = selection.apply(expectedWindows);
            kept = new float[picked.length * windowSamples];
        }

        @Override
        public void accept(float[] samples, int from, int to) {
            int at = from;
            while (at < to) {
                long window = total / windowSamples;
                int offset = (int) (total % windowSamples);
                int n = (int) Math.min(to - at, windowSamples - offset);
                int slot = window < expectedWindows ? Arrays.binarySearch(picked, (int) window) : -1;
                if (slot >= 0) {
                    System.arraycopy(samples, at, kept, slot * windowSamples + offset, n);
                }
                at += n;
                total += n;
            }
        }

        @Override
        public void end() {
            // results are read through matches() and result()
        }

        private int windowCount(long length) {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, length / windowSamples));
        }

        boolean matches() {
            return windowCount(total) == expectedWindows;
        }

        float[] result() {
            return total < windowSamples ? Arrays.copyOf(kept, (int) total) : kept;
        }
    }
}
