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
 * <p>The supervised contrastive loss (Khosla et al. 2020, "Supervised Contrastive Learning", L_out) scores each
 * anchor's positives against a softmax over all its counted pairs: with cosines {@code s} and temperature
 * {@code tau}, {@code -1/|P(i)| sum over p of log(exp(s_ip / tau) / sum over a in P(i) and N(i) of exp(s_ia / tau))},
 * so that the nearest negatives weigh most and no pair stops pulling once it clears a margin.
 *
 * <p>With a teacher weight w > 0, the loss adds w times a relational distillation term ({@link TeacherPairs}):
 * the student's in-batch distances matched to a teacher's.
 *
 * @param mining        which triplets count: all of them, or each anchor's hardest positive and hardest negative
 * @param softMargin    softplus instead of the hinge
 * @param teacherWeight weight of the distillation term; 0 for none (the graph then has no teacher input)
 * @param temperature   tau of the contrastive loss; the triplet kinds do not read it
 */
public record GroupLoss(Mining mining, boolean softMargin, double teacherWeight, double temperature) {

    /** The contrastive loss's tau when none is given (Khosla et al.'s). */
    public static final double DEFAULT_TEMPERATURE = 0.1;

    /** Without a teacher. */
    public GroupLoss(Mining mining, boolean softMargin) {
        this(mining, softMargin, 0);
    }

    /** A triplet kind, or the contrastive loss at {@link #DEFAULT_TEMPERATURE}. */
    public GroupLoss(Mining mining, boolean softMargin, double teacherWeight) {
        this(mining, softMargin, teacherWeight, DEFAULT_TEMPERATURE);
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
        HARD,
        /**
         * No triplets: every positive of an anchor against the softmax over its positives and negatives, averaged
         * over its positives and then over the anchors that have both.
         */
        CONTRASTIVE;

        /** The option value: {@code all}, {@code hard}, {@code contrastive}. */
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
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("model: the temperature must be a finite number > 0, got "
                    + temperature);
        }
        if (softMargin && mining == Mining.CONTRASTIVE) {
            throw new IllegalArgumentException("model: the contrastive loss has no margin to soften");
        }
    }

    /** True when the loss has a distillation term, and every call needs {@link TeacherPairs}. */
    public boolean hasTeacher() {
        return teacherWeight > 0;
    }

    @Override
    public String toString() {
        String kind = mining == Mining.CONTRASTIVE ? "supervised contrastive (temperature " + temperature + ")"
                : "batch-" + mining.id() + (softMargin ? " soft-margin" : "");
        return kind + (hasTeacher() ? " + " + teacherWeight + " x teacher distances" : "");
    }
}
