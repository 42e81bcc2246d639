package io.github.mecomp.embed.train;

import java.util.List;

/**
 * One optimiser step's input: 3B clips of K windows, anchors first, then positives, then negatives, as one
 * flat row-major array of shape [3B, K, frames, bands].
 *
 * @param keys the clip key of each of the 3B rows, in the same order
 */
public record TrainingBatch(float[] data, int triplets, int windows, int frames, int bands, List<String> keys) {

    public TrainingBatch {
        long expected = 3L * triplets * windows * frames * bands;
        if (data.length != expected) {
            throw new IllegalArgumentException("batch data holds " + data.length + " values, shape needs " + expected);
        }
        if (keys.size() != 3 * triplets) {
            throw new IllegalArgumentException("batch has " + keys.size() + " keys for " + triplets + " triplets");
        }
        keys = List.copyOf(keys);
    }

    public long[] shape() {
        return new long[] {3L * triplets, windows, frames, bands};
    }

    /** The same batch with triplet i's negative replaced by a copy of row {@code negativeRows[i]}. */
    public TrainingBatch withNegatives(int[] negativeRows) {
        if (negativeRows.length != triplets) {
            throw new IllegalArgumentException("need one negative row per triplet, got " + negativeRows.length);
        }
        int clipSize = windows * frames * bands;
        float[] copy = data.clone();
        java.util.List<String> newKeys = new java.util.ArrayList<>(keys);
        for (int i = 0; i < triplets; i++) {
            int target = 2 * triplets + i;
            System.arraycopy(data, negativeRows[i] * clipSize, copy, target * clipSize, clipSize);
            newKeys.set(target, keys.get(negativeRows[i]));
        }
        return new TrainingBatch(copy, triplets, windows, frames, bands, newKeys);
    }
}
