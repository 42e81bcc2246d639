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
 * <p>With a teacher weight w > 0, the loss adds w times a relational distillation term ({@link TeacherPairs}):
 * the student's in-batch distances matched to a teacher's.
 *
 * @param mining        which triplets count: all of them, or each anchor's hardest positive and hardest negative
 * @param softMargin    softplus instead of the hinge
 * @param teacherWeight weight of the distillation term; 0 for none (the graph then has no teacher input)
 */
public record GroupLoss(Mining mining, boolean softMargin, double teacherWeight) {

    /** Without a teacher. */
    public GroupLoss(Mining mining, boolean softMargin) {
        this(mining, softMargin, 0);
    }

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
        if (!(teacherWeight >= 0) || Double.isInfinite(teacherWeight)) {
            throw new IllegalArgumentException("model: the teacher weight must be a finite number >= 0, got "
                    + teacherWeight);
        }
    }

    /** True when the loss has a distillation term, and every call needs {@link TeacherPairs}. */
    public boolean hasTeacher() {
        return teacherWeight > 0;
    }

    @Override
    public String toString() {
        return "batch-" + mining.id() + (softMargin ? " soft-margin" : "")
                + (hasTeacher() ? " + " + teacherWeight + " x teacher distances" : "");
    }
}
