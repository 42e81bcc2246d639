package io.github.mecomp.embed.train;

import java.util.Collection;

/**
 * Mean and standard deviation of each mel band over the training clips. The model subtracts and divides by
 * them as fixed constants: the input is normalised without batch normalisation (whose backprop fails in
 * nd4j 1.0.0-M2.1), and the same constants travel into the ONNX graph.
 */
public record BandStatistics(float[] mean, float[] std) {

    /** A floor on the standard deviation, so that a band that never moves does not blow up. */
    static final double MIN_STD = 1e-3;

    public static BandStatistics of(ClipLibrary library, Collection<String> keys) {
        return of(library, keys, 0);
    }

    /**
     * As {@link #of(ClipLibrary, Collection)}, of what the network sees: with a level floor (see
     * {@link io.github.mecomp.embed.model.ModelConfig#levelFloor()}), each clip's log-mel after level
     * normalisation over all its windows (training crops see part of a clip, songs their selected windows: the
     * whole clip is the estimate in between). Only the library's {@link ClipLibrary#melBands()} values of a
     * frame are mel power and levelled; the values after them (the side values) are taken as they are.
     */
    public static BandStatistics of(ClipLibrary library, Collection<String> keys, double levelFloor) {
        double[] sum = null;
        double[] sumSq = null;
        long frames = 0;
        for (String key : keys) {
            ClipLibrary.ClipWindows c = library.get(key);
            int own = c.frameValues();
            if (sum == null) {
                sum = new double[c.bands()];
                sumSq = new double[c.bands()];
            }
            float[] d = levelFloor > 0
                    ? levelled(c.frameData(), levelFloor, own, Math.min(library.melBands(), own))
                    : c.frameData();
            for (int i = 0; i < d.length; i++) {
                int b = i % own;
                sum[b] += d[i];
                sumSq[b] += (double) d[i] * d[i];
            }
            // A window's values count once per frame, as the front-end wrote them. They are added frame by frame,
            // not multiplied by the frame count, so that each sum is the very double it was over the frames: the
            // variance of a near-constant value is a small difference of large sums, which a rounding moves.
            float[] perWindow = c.windowData();
            int count = c.windowValues();
            for (int w = 0; w < c.windows(); w++) {
                for (int v = 0; v < count; v++) {
                    float x = perWindow[w * count + v];
                    double square = (double) x * x;
                    for (int f = 0; f < c.frames(); f++) {
                        sum[own + v] += x;
                        sumSq[own + v] += square;
                    }
                }
            }
            frames += (long) c.windows() * c.frames();
        }
        if (sum == null || frames == 0) {
            throw new IllegalArgumentException("band statistics need at least one clip");
        }
        float[] mean = new float[sum.length];
        float[] std = new float[sum.length];
        for (int b = 0; b < sum.length; b++) {
            double m = sum[b] / frames;
            mean[b] = (float) m;
            std[b] = (float) Math.max(MIN_STD, Math.sqrt(Math.max(0, sumSq[b] / frames - m * m)));
        }
        return new BandStatistics(mean, std);
    }

    /**
     * {@code log(relu(e^x - floor) / mean + floor)} of the first {@code melBands} of every {@code bands} values,
     * the mean power over all of those; the other values copied.
     */
    static float[] levelled(float[] logMel, double floor, int bands, int melBands) {
        double[] power = new double[logMel.length];
        double sum = 0;
        long count = 0;
        for (int i = 0; i < logMel.length; i++) {
            if (i % bands < melBands) {
                power[i] = Math.max(0, Math.exp(logMel[i]) - floor);
                sum += power[i];
                count++;
            }
        }
        double level = sum / count + io.github.mecomp.embed.model.ModelConfig.SILENT_LEVEL;
        float[] out = new float[logMel.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = i % bands < melBands ? (float) Math.log(power[i] / level + floor) : logMel[i];
        }
        return out;
    }
}
