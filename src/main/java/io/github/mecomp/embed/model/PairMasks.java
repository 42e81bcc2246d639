package io.github.mecomp.embed.model;

import java.util.Arrays;

/**
 * Which songs of a batch of N may be each other's positive and which each other's negative, for a
 * {@link GroupLoss}: {@code positive[i * n + j]} when j may serve as anchor i's positive, likewise
 * {@code negative}. A pair may be neither (another track of the anchor's soundtrack, under the track relation):
 * it then takes no part in the anchor's triplets.
 */
public record PairMasks(int n, boolean[] positive, boolean[] negative) {

    public PairMasks {
        if (n < 2) {
            throw new IllegalArgumentException("model: a group batch needs at least 2 songs, got " + n);
        }
        if (positive.length != n * n || negative.length != n * n) {
            throw new IllegalArgumentException("model: pair masks of " + n + " songs need " + n * n
                    + " entries each, got " + positive.length + " and " + negative.length);
        }
        for (int i = 0; i < n; i++) {
            if (positive[i * n + i] || negative[i * n + i]) {
                throw new IllegalArgumentException("model: song " + i + " is marked as its own positive or negative");
            }
        }
        for (int k = 0; k < n * n; k++) {
            if (positive[k] && negative[k]) {
                throw new IllegalArgumentException("model: songs " + k / n + " and " + k % n
                        + " are marked both positive and negative");
            }
        }
        positive = positive.clone();
        negative = negative.clone();
    }

    /** Masks from a group id per song: same group is positive, another group negative. */
    public static PairMasks ofGroups(int[] groups) {
        int n = groups.length;
        boolean[] positive = new boolean[n * n];
        boolean[] negative = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    positive[i * n + j] = groups[i] == groups[j];
                    negative[i * n + j] = groups[i] != groups[j];
                }
            }
        }
        return new PairMasks(n, positive, negative);
    }

    /** Anchors with at least one positive and one negative: the only ones with triplets. */
    public boolean[] validAnchors() {
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean p = false;
            boolean q = false;
            for (int j = 0; j < n; j++) {
                p |= positive[i * n + j];
                q |= negative[i * n + j];
            }
            out[i] = p && q;
        }
        return out;
    }

    /** Valid (anchor, positive, negative) triplets of the batch. */
    public long tripletCount() {
        long count = 0;
        for (int i = 0; i < n; i++) {
            long p = 0;
            long q = 0;
            for (int j = 0; j < n; j++) {
                p += positive[i * n + j] ? 1 : 0;
                q += negative[i * n + j] ? 1 : 0;
            }
            count += p * q;
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairMasks m && m.n == n && Arrays.equals(m.positive, positive)
                && Arrays.equals(m.negative, negative);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(positive) + Arrays.hashCode(negative);
    }

    @Override
    public String toString() {
        return "PairMasks[" + n + " songs, " + tripletCount() + " triplets]";
    }
}
