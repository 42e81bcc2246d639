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
 * @param fillBatches   a relation with fewer than P groups (mer4q's four mood quadrants) takes more clips of each,
 *                      so that its batches hold about P x K clips like the others'; otherwise they hold fewer
 * @param temperature   tau of the supervised contrastive loss (the cosines are divided by it); the other kinds
 *                      keep it at {@link #DEFAULT_TEMPERATURE} and do not read it
 */
public record LossSettings(Kind kind, int groups, int clipsPerGroup, boolean softMargin, double teacherWeight,
                           RelationWeights relationWeights, MoodNegatives moodNegatives, boolean fillBatches,
                           double temperature) {

    /** The weight of the teacher's term when a teacher is given without one. */
    public static final double DEFAULT_TEACHER_WEIGHT = 1.0;

    /** The supervised contrastive loss's tau when none is given. */
    public static final double DEFAULT_TEMPERATURE = GroupLoss.DEFAULT_TEMPERATURE;

    /** The baseline; P = 8 and K = 4 are ready for {@code --loss batch-all}. */
    public static final LossSettings TRIPLET = new LossSettings(Kind.TRIPLET, 8, 4, false);

    /** The loss of a run. */
    public enum Kind {
        /** Mined triplets, a semi-hard negative from the batch from a given epoch on. */
        TRIPLET,
        /** Every valid triplet of a P x K batch. */
        BATCH_ALL,
        /** Each anchor's hardest positive and negative in a P x K batch. */
        BATCH_HARD,
        /** Each positive against a softmax over the anchor's positives and negatives in a P x K batch. */
        SUPCON;

        /** The option value: {@code triplet}, {@code batch-all}, {@code batch-hard}, {@code supcon}. */
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
            throw new IllegalArgumentException("training: the loss must be triplet, batch-all, batch-hard or supcon,"
                    + " got '" + value + "'");
        }
    }

    /** Without a teacher. */
    public LossSettings(Kind kind, int groups, int clipsPerGroup, boolean softMargin) {
        this(kind, groups, clipsPerGroup, softMargin, 0, RelationWeights.EQUAL, MoodNegatives.OTHER, false,
                DEFAULT_TEMPERATURE);
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
        if (softMargin && (kind == Kind.TRIPLET || kind == Kind.SUPCON)) {
            throw new IllegalArgumentException("training: the soft margin is for batch-all and batch-hard; the"
                    + (kind == Kind.TRIPLET ? " triplet loss keeps its hinge" : " contrastive loss has no margin"));
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("training: the temperature must be a finite number > 0 (e.g. "
                    + DEFAULT_TEMPERATURE + "), got " + temperature);
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
                    + " batch-all, batch-hard and supcon; the triplet loss keeps the mined triplets' negatives");
        }
        if (kind == Kind.TRIPLET && fillBatches) {
            throw new IllegalArgumentException("training: --fill-batches sizes the P x K batches of batch-all,"
                    + " batch-hard and supcon; the triplet loss draws mined triplets");
        }
        if (kind == Kind.TRIPLET && !relationWeights.isEqual()) {
            throw new IllegalArgumentException("training: relation weights set how often each relation's P x K"
                    + " batches come round, for batch-all, batch-hard and supcon; the triplet loss draws mined"
                    + " triplets");
        }
    }

    /** The model's loss for the group kinds; null for the triplet loss. */
    public GroupLoss groupLoss() {
        return switch (kind) {
            case TRIPLET -> null;
            case BATCH_ALL -> new GroupLoss(GroupLoss.Mining.ALL, softMargin, teacherWeight);
            case BATCH_HARD -> new GroupLoss(GroupLoss.Mining.HARD, softMargin, teacherWeight);
            case SUPCON -> new GroupLoss(GroupLoss.Mining.CONTRASTIVE, false, teacherWeight, temperature);
        };
    }

    /** Clips in one group batch: P x K. */
    public int clipsPerBatch() {
        return groups * clipsPerGroup;
    }

    /**
     * K for a relation of {@code available} groups: K itself when it has at least P, or without {@link #fillBatches};
     * otherwise as many clips of each as keep the batch within P x K.
     */
    public int clipsPerGroup(int available) {
        if (!fillBatches || available >= groups) {
            return clipsPerGroup;
        }
        return Math.max(clipsPerGroup, clipsPerBatch() / available);
    }

    public LossSettings withKind(Kind k) {
        return copy().kind(k).build();
    }

    public LossSettings withBatch(int p, int k) {
        return copy().groups(p).clipsPerGroup(k).build();
    }

    public LossSettings withSoftMargin(boolean soft) {
        return copy().softMargin(soft).build();
    }

    public LossSettings withTeacherWeight(double w) {
        return copy().teacherWeight(w).build();
    }

    public LossSettings withRelationWeights(RelationWeights w) {
        return copy().relationWeights(w).build();
    }

    public LossSettings withMoodNegatives(MoodNegatives m) {
        return copy().moodNegatives(m).build();
    }

    public LossSettings withFillBatches(boolean fill) {
        return copy().fillBatches(fill).build();
    }

    public LossSettings withTemperature(double t) {
        return copy().temperature(t).build();
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** The components of a record, one of them changed at a time. */
    private static final class Copy {
        private Kind kind;
        private int groups;
        private int clipsPerGroup;
        private boolean softMargin;
        private double teacherWeight;
        private RelationWeights relationWeights;
        private MoodNegatives moodNegatives;
        private boolean fillBatches;
        private double temperature;

        Copy(LossSettings s) {
            kind = s.kind;
            groups = s.groups;
            clipsPerGroup = s.clipsPerGroup;
            softMargin = s.softMargin;
            teacherWeight = s.teacherWeight;
            relationWeights = s.relationWeights;
            moodNegatives = s.moodNegatives;
            fillBatches = s.fillBatches;
            temperature = s.temperature;
        }

        Copy kind(Kind v) { kind = v; return this; }
        Copy groups(int v) { groups = v; return this; }
        Copy clipsPerGroup(int v) { clipsPerGroup = v; return this; }
        Copy softMargin(boolean v) { softMargin = v; return this; }
        Copy teacherWeight(double v) { teacherWeight = v; return this; }
        Copy relationWeights(RelationWeights v) { relationWeights = v; return this; }
        Copy moodNegatives(MoodNegatives v) { moodNegatives = v; return this; }
        Copy fillBatches(boolean v) { fillBatches = v; return this; }
        Copy temperature(double v) { temperature = v; return this; }

        LossSettings build() {
            return new LossSettings(kind, groups, clipsPerGroup, softMargin, teacherWeight, relationWeights,
                    moodNegatives, fillBatches, temperature);
        }
    }

    /**
     * The record's text, without the relation weights while they are equal, the mood negatives while they are the
     * miner's, the batch filling while off and the temperature outside the contrastive loss: a run's resume check
     * compares this text, and runs started before any of them existed still resume.
     */
    @Override
    public String toString() {
        return "LossSettings[kind=" + kind + ", groups=" + groups + ", clipsPerGroup=" + clipsPerGroup
                + ", softMargin=" + softMargin + ", teacherWeight=" + teacherWeight
                + (relationWeights.isEqual() ? "" : ", relationWeights=" + relationWeights)
                + (moodNegatives == MoodNegatives.OTHER ? "" : ", moodNegatives=" + moodNegatives.id())
                + (fillBatches ? ", fillBatches=true" : "")
                + (kind == Kind.SUPCON ? ", temperature=" + temperature : "") + "]";
    }
}
