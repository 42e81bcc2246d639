package io.github.mecomp.embed.model;

/**
 * Which windows of a song the model sees: the rule shared by training, evaluation and the ONNX export.
 *
 * <p>A song of W windows gives at most K of them: all W in order when W &le; K, otherwise K windows spread
 * evenly from the first to the last, window {@code round(i * (W - 1) / (K - 1))} for i = 0..K-1 (halves round
 * up). For K = 1 and W &gt; 1 the middle window {@code (W - 1) / 2} (rounded down) is taken.
 */
public final class WindowSelection {

    private WindowSelection() {
    }

    /**
     * Indices of the windows to use, strictly increasing.
     *
     * @param windowCount W, the song's windows (&ge; 1)
     * @param k           K, the most windows to keep (&ge; 1)
     */
    public static int[] indices(int windowCount, int k) {
        if (windowCount < 1) {
            throw new IllegalArgumentException("window selection: a song needs at least one window, got "
                    + windowCount);
        }
        if (k < 1) {
            throw new IllegalArgumentException("window selection: K must be >= 1, got " + k);
        }
        if (windowCount <= k) {
            int[] all = new int[windowCount];
            for (int i = 0; i < windowCount; i++) {
                all[i] = i;
            }
            return all;
        }
        if (k == 1) {
            return new int[] {(windowCount - 1) / 2};
        }
        int[] out = new int[k];
        long span = windowCount - 1L;
        long steps = k - 1L;
        for (int i = 0; i < k; i++) {
            // round(i * span / steps) with halves up, in exact integer arithmetic
            out[i] = (int) ((2L * i * span + steps) / (2L * steps));
        }
        return out;
    }

    /** The selected windows of a song [window][frame][band] (the same arrays, not copies). */
    public static float[][][] select(float[][][] windows, int k) {
        int[] idx = indices(windows.length, k);
        if (idx.length == windows.length) {
            return windows;
        }
        float[][][] out = new float[idx.length][][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = windows[idx[i]];
        }
        return out;
    }
}
