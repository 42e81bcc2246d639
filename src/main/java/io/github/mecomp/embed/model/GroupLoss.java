package io.github.mecomp.embed.model;

import java.util.Locale;

/**
 * A triplet loss over every valid triplet of a batch of labelled songs (Hermans, Beyer and Leibe 2017, "In
 * Defense of the Triplet Loss"), as opposed to the default loss over B given (anchor, positive, negative) rows.
 * Which pairs are positives and which negatives comes with each batch as {@link PairMasks}.
 *
 * <p>With squared distances {@code d} of the unit-length embeddings and the margin {@code m}, a triplet (a, p, n)
 * scores {@code t = d(a,p) - d(a,n) + m}, and its loss is {@code max(0, t)} (hinge) or {@code log(1 + e^t)}
 * (soft margin, which keeps pushing triplets that already satisfy the margin).
 *
 * @param mining     which triplets count: all of them, or each anchor's hardest positive and hardest negative
 * @param softMargin softplus instead of the hinge
 */
public record GroupLoss(Mining mining, boolean softMargin) {

    /** How the triplets of a batch are picked. */
    public enum Mining {
        /**
         * Every valid (a, p, n): the hinge loss is averaged over the triplets whose loss is above zero (averaging
         * over all of them would shrink the gradient as the easy triplets multiply); the soft-margin loss over all.
         */
        ALL,
        /**
         * Per anchor, its farthest positive and its nearest negative in the batch, averaged over the anchors that
         * have both.
         */
        HARD;

        /** The option value: {@code all}, {@code hard}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GroupLoss {
        if (mining == null) {
            throw new IllegalArgumentException("model: the group loss needs a mining rule (all or hard)");
        }
    }

    @Override
    public String toString() {
        return "batch-" + mining.id() + (softMargin ? " soft-margin" : "");
    }
}
