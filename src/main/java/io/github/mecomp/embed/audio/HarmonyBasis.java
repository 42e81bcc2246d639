package io.github.mecomp.embed.audio;

/**
 * The cosines and sines that take twelve chroma shares to their harmony values as one matrix product: what
 * {@link LogMelSpectrogram#harmony} computes term by term (in double precision, the reference), for the SameDiff model
 * and the exported graph, so that both multiply by the same float32 numbers.
 */
public final class HarmonyBasis {

    private HarmonyBasis() {
    }

    /** Rows of the matrix: one a pitch class. */
    public static final int ROWS = FrontEndConfig.CHROMA_BINS;
    /** Columns of the matrix: the cosines, then the sines. */
    public static final int COLUMNS = 2 * FrontEndConfig.HARMONY_VALUES;

    /**
     * [{@link #ROWS}][{@link #COLUMNS}], row-major: row c holds {@code cos(2 pi k c / 12)} for k = 1..6, then
     * {@code sin(2 pi k c / 12)}; shares times it give the real parts and the negated imaginary parts of DFT
     * coefficients 1..6, whose magnitudes are the harmony values.
     */
    public static float[] cosinesThenSines() {
        int values = FrontEndConfig.HARMONY_VALUES;
        float[] basis = new float[ROWS * COLUMNS];
        for (int c = 0; c < ROWS; c++) {
            for (int k = 1; k <= values; k++) {
                double angle = 2 * Math.PI * k * c / ROWS;
                basis[c * COLUMNS + k - 1] = (float) Math.cos(angle);
                basis[c * COLUMNS + values + k - 1] = (float) Math.sin(angle);
            }
        }
        return basis;
    }
}
