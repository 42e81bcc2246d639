package io.github.mecomp.embed.train;

import io.github.mecomp.embed.model.GroupLoss;
import java.util.Locale;

/**
 * Which loss a run trains with: the triplet loss over mined triplets (one negative per anchor, the baseline), or
 * a {@link GroupLoss} over batches of P groups x K clips of one relation ({@link GroupSampler}).
 *
 * @param kind          triplet, batch-all or batch-hard
 * @param groups        P: groups (artists, soundtracks, tracks, genres) per batch of the group losses
 * @param clipsPerGroup K: clips per group in such a batch (a group with fewer repeats some, in other crops)
 * @param softMargin    the group losses with softplus instead of the hinge
 * @param teacherWeight weight of the relational distillation term against a teacher's vectors, over the clips
 *                      of each batch (the P x K of a group batch, the 3B rows of a triplet batch); 0 for none
 * @param relationWeights how often each relation's group batches come round ({@link RelationWeights#EQUAL}: each
 *                      as often)
 * @param moodNegatives which quadrants are a mood anchor's negatives in group batches ({@link MoodNegatives#OTHER}:
 *                      every other one, the miner's rule)
 */
public record LossSettings(Kind kind, int groups, int clipsPerGroup, boolean softMargin, double teacherWeight,
                           RelationWeights relationWeights, MoodNegatives moodNegatives) {

    /** The weight of the teacher's term when a teacher is given without one. */
    public static final double DEFAULT_TEACHER_WEIGHT = 1.0;

    /** The baseline; P = 8 and K = 4 are ready for {@code --loss batch-all}. */
    public static final LossSettings TRIPLET = new LossSettings(Kind.TRIPLET, 8, 4, false);

    /** The loss of a run. */
    public enum Kind {
        /** Mined triplets, a semi-hard negative from the batch from a given epoch on. */
        TRIPLET,
        /** Every valid triplet of a P x K batch. */
        BATCH_ALL,
        /** Each anchor's hardest positive and negative in a P x K batch. */
        BATCH_HARD;

        /** The option value: {@code triplet}, {@code batch-all}, {@code batch-hard}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@link #id()}, ignoring case. */
        public static Kind parse(String value) {
            for (Kind k : values()) {
                if (k.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("training: the loss must be triplet, batch-all or batch-hard, got '"
                    + value + "'");
        }
    }

    /** Without a teacher. */
    public LossSettings(Kind kind, int groups, int clipsPerGroup, boolean softMargin) {
        this(kind, groups, clipsPerGroup, softMargin, 0, RelationWeights.EQUAL, MoodNegatives.OTHER);
    }

    public LossSettings {
        if (kind == null) {
            throw new IllegalArgumentException("training: the loss kind is missing");
        }
        if (groups < 2) {
            throw new IllegalArgumentException("training: a P x K batch needs P >= 2 groups (negatives come from the"
                    + " other groups), got P = " + groups);
        }
        if (clipsPerGroup < 2) {
            throw new IllegalArgumentException("training: a P x K batch needs K >= 2 clips per group (positives come"
                    + " from the same group), got K = " + clipsPerGroup);
        }
        if (softMargin && kind == Kind.TRIPLET) {
            throw new IllegalArgumentException("training: the soft margin is for batch-all and batch-hard; the"
                    + " triplet loss keeps its hinge");
        }
        if (!(teacherWeight >= 0) || Double.isInfinite(teacherWeight)) {
            throw new IllegalArgumentException("training: the teacher weight must be a finite number >= 0, got "
                    + teacherWeight);
        }
        if (relationWeights == null) {
            throw new IllegalArgumentException("training: the relation weights are missing");
        }
        if (moodNegatives == null) {
            throw new IllegalArgumentException("training: the mood negatives rule is missing");
        }
        if (kind == Kind.TRIPLET && moodNegatives != MoodNegatives.OTHER) {
            throw new IllegalArgumentException("training: --mood-negatives sets the negatives of P x K batches, for"
                    + " batch-all and batch-hard; the triplet loss keeps the mined triplets' negatives");
        }
        if (kind == Kind.TRIPLET && !relationWeights.isEqual()) {
            throw new IllegalArgumentException("training: relation weights set how often each relation's P x K"
                    + " batches come round, for batch-all and batch-hard; the triplet loss draws mined triplets");
        }
    }

    /** The model's loss for the group kinds; null for the triplet loss. */
    public GroupLoss groupLoss() {
        return switch (kind) {
            case TRIPLET -> null;
            case BATCH_ALL -> new GroupLoss(GroupLoss.Mining.ALL, softMargin, teacherWeight);
            case BATCH_HARD -> new GroupLoss(GroupLoss.Mining.HARD, softMargin, teacherWeight);
        };
    }

    /** Clips in one group batch: P x K. */
    public int clipsPerBatch() {
        return groups * clipsPerGroup;
    }

    public LossSettings withKind(Kind k) {
        return new LossSettings(k, groups, clipsPerGroup, softMargin, teacherWeight, relationWeights, moodNegatives);
    }

    public LossSettings withBatch(int p, int k) {
        return new LossSettings(kind, p, k, softMargin, teacherWeight, relationWeights, moodNegatives);
    }

    public LossSettings withSoftMargin(boolean soft) {
        return new LossSettings(kind, groups, clipsPerGroup, soft, teacherWeight, relationWeights, moodNegatives);
    }

    public LossSettings withTeacherWeight(double w) {
        return new LossSettings(kind, groups, clipsPerGroup, softMargin, w, relationWeights, moodNegatives);
    }

    public LossSettings withRelationWeights(RelationWeights w) {
        return new LossSettings(kind, groups, clipsPerGroup, softMargin, teacherWeight, w, moodNegatives);
    }

    public LossSettings withMoodNegatives(MoodNegatives m) {
        return new LossSettings(kind, groups, clipsPerGroup, softMargin, teacherWeight, relationWeights, m);
    }

    /**
     * The record's text, without the relation weights while they are equal and the mood negatives while they are
     * the miner's: a run's resume check compares this text, and runs started before either existed still resume.
     */
    @Override
    public String toString() {
        return "LossSettings[kind=" + kind + ", groups=" + groups + ", clipsPerGroup=" + clipsPerGroup
                + ", softMargin=" + softMargin + ", teacherWeight=" + teacherWeight
                + (relationWeights.isEqual() ? "" : ", relationWeights=" + relationWeights)
                + (moodNegatives == MoodNegatives.OTHER ? "" : ", moodNegatives=" + moodNegatives.id()) + "]";
    }
}
