package io.github.mecomp.embed.train;

import io.github.mecomp.embed.model.PairMasks;
import java.util.List;

/**
 * One optimiser step's input for a group loss: N = P x K clips of one relation, K windows each, as one flat
 * row-major array [N, windows, frames, bands], with which pairs are positives and which negatives.
 *
 * @param keys     the clip key of each row (a key may repeat, in another crop, when its group has fewer than K)
 * @param relation {@code dataset/relation} the groups were drawn from, for logs
 */
public record GroupBatch(float[] data, int windows, int frames, int bands, List<String> keys, PairMasks masks,
                         String relation) {

    public GroupBatch {
        keys = List.copyOf(keys);
        if (masks.n() != keys.size()) {
            throw new IllegalArgumentException("group batch: " + keys.size() + " clips but masks for " + masks.n());
        }
        long expected = (long) keys.size() * windows * frames * bands;
        if (data.length != expected) {
            throw new IllegalArgumentException("group batch data holds " + data.length + " values, shape needs "
                    + expected);
        }
    }

    public long[] shape() {
        return new long[] {keys.size(), windows, frames, bands};
    }
}
