package io.github.mecomp.embed.audio;

/**
 * The cosines and sines that take twelve chroma shares to their harmony values
 * ({@link LogMelSpectrogram#harmony}): one matrix, so that the Java front-end, the SameDiff model and the exported
 * graph multiply by the same numbers.
 */
public final class HarmonyBasis {

    private HarmonyBasis() {
    }

    /**
     * [{@value FrontEndConfig#CHROMA_BINS}][2 x {@value FrontEndConfig#HARMONY_VALUES}]: row c holds
     * {@code cos(2 pi k c / 12)} for k = 1..6, then {@code sin(2 pi k c / 12)}; shares times it give the real parts
     * and the negated imaginary parts of DFT coefficients 1..6, whose magnitudes are the harmony values.
     */
    public static float[][] cosinesThenSines() {
        int classes = FrontEndConfig.CHROMA_BINS;
        int values = FrontEndConfig.HARMONY_VALUES;
        float[][] basis = new float[classes][2 * values];
        for (int c = 0; c < classes; c++) {
            for (int k = 1; k <= values; k++) {
                double angle = 2 * Math.PI * k * c / classes;
                basis[c][k - 1] = (float) Math.cos(angle);
                basis[c][values + k - 1] = (float) Math.sin(angle);
            }
        }
        return basis;
    }
}
