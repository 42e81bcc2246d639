package io.github.mecomp.embed.audio;

/**
 * Power spectrum |DFT|² of real frames of one power-of-two length, by an in-place radix-2 FFT.
 *
 * <p>Not thread-safe: it owns its work buffers. Make one per thread.
 */
final class PowerSpectrum {

    private final int n;
    private final int[] bitReversed;
    private final double[] cos;
    private final double[] sin;
    private final double[] re;
    private final double[] im;

    PowerSpectrum(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 2, got " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        bitReversed = new int[n];
        for (int i = 0; i < n; i++) {
            bitReversed[i] = Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = -Math.sin(2 * Math.PI * i / n);
        }
        re = new double[n];
        im = new double[n];
    }

    /** Writes the power of bins 0..n/2 of {@code frame} (length n) into {@code power} (length n/2 + 1). */
    void compute(double[] frame, double[] power) {
        for (int i = 0; i < n; i++) {
            re[bitReversed[i]] = frame[i];
            im[i] = 0;
        }
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >>> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double tr = wr * re[b] - wi * im[b];
                    double ti = wr * im[b] + wi * re[b];
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
        for (int k = 0; k <= n / 2; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
        }
    }
}
