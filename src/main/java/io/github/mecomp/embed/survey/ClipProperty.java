package io.github.mecomp.embed.survey;

import java.util.Locale;

/**
 * One number per clip, computed from its log-mel windows, that a {@link SimulatedRater} judges similarity by.
 * Both properties ignore the overall level (a gain moves every log-mel value by the same amount), as the
 * model is trained to: a rater judging by loudness would ask for what training augments away.
 */
public enum ClipProperty {

    /**
     * Brightness: the centroid, in mel bands, of the clip's mean mel power spectrum (0 = lowest band).
     * Dark, bass-heavy clips score low; bright, hissy ones high.
     */
    BRIGHTNESS {
        @Override
        public double of(float[][][] windows) {
            double weighted = 0;
            double total = 0;
            for (float[][] window : windows) {
                for (float[] frame : window) {
                    for (int b = 0; b < frame.length; b++) {
                        double power = Math.exp(frame[b]);
                        weighted += b * power;
                        total += power;
                    }
                }
            }
            return total == 0 ? 0 : weighted / total;
        }
    },

    /**
     * Spectral flux: the mean rise of log-mel energy from one frame to the next, per band, within each window.
     * Steady tones score low; drums, plucks and fast notes high.
     */
    FLUX {
        @Override
        public double of(float[][][] windows) {
            double sum = 0;
            long n = 0;
            for (float[][] window : windows) {
                for (int f = 1; f < window.length; f++) {
                    for (int b = 0; b < window[f].length; b++) {
                        sum += Math.max(0, window[f][b] - window[f - 1][b]);
                        n++;
                    }
                }
            }
            return n == 0 ? 0 : sum / n;
        }
    };

    /** The property of one clip's log-mel windows [window][frame][band] (natural log of mel power). */
    public abstract double of(float[][][] windows);

    /** The name on the command line: {@code brightness}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}, ignoring case. */
    public static ClipProperty parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (ClipProperty p : values()) {
            if (p.id().equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("property must be brightness or flux, got '" + value + "'");
    }
}
