package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.train.LossSettings;
import io.github.mecomp.embed.train.MoodNegatives;
import io.github.mecomp.embed.train.RelationWeights;
import io.github.mecomp.embed.train.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code train}'s recipe-v2 options (loss, weight averaging, level normalisation), a group of their own; unset
 * options keep the base configuration's values, so that a run without them is v1's recipe.
 */
final class RecipeOptions {

    @Option(names = "--loss", paramLabel = "KIND",
            description = {"triplet (mined triplets, the baseline), batch-all (every valid triplet of a P x K batch),",
                "batch-hard (each anchor's hardest positive and negative in it) or supcon (the supervised",
                "contrastive loss: each positive against a softmax over the anchor's pairs in it) (default: triplet)."})
    String loss;

    @Option(names = "--pk", paramLabel = "P,K",
            description = {"Groups per batch and clips per group for batch-all, batch-hard and supcon (default: "
                    + "8,4). A batch holds one relation (artist, soundtrack, track, genre) of one data set;",
                "batches cycle through them."})
    String pk;

    @Option(names = "--relation-weights", split = ",", paramLabel = "R=W",
            description = {"How often each relation's batches come round, as whole numbers: album=2 gives every set's",
                "album batches two turns for each other relation's one; gamemusic/album=2 only that set's (default:",
                "every relation 1)."})
    java.util.List<String> relationWeights;

    @Option(names = "--fill-batches",
            description = {"A relation with fewer groups than P (mer4q's four mood quadrants) takes more clips of",
                "each, so that its batches hold P x K clips like the others' (4 x 8 instead of 4 x 4) (default: off)."})
    boolean fillBatches;

    @Option(names = "--temperature", paramLabel = "T",
            description = "The supervised contrastive loss's temperature: cosines are divided by it (default: "
                    + LossSettings.DEFAULT_TEMPERATURE + ").")
    Double temperature;

    @Option(names = "--mood-negatives", paramLabel = "RULE",
            description = {"Which quadrants are a mood anchor's negatives in P x K batches: other",
                "(every other quadrant, the miner's rule) or opposite (the opposite quadrant only, the mood test",
                "task's rule: side-by-side quadrants, which share arousal or valence, are then neither positive nor",
                "negative) (default: other). Validation keeps the miner's rule."})
    String moodNegatives;

    @Option(names = "--soft-margin", description = "batch-all and batch-hard with log(1 + e^x) instead of the hinge.")
    boolean softMargin;

    @Option(names = "--ema", paramLabel = "DECAY",
            description = {"Keep an exponential moving average of the weights (e.g. 0.999); validation scores it",
                "and the saved model holds it (default: 0, off). Its decay ramps up as (1 + t) / (10 + t) at update t",
                "(TensorFlow's warm-up) and reaches DECAY only at t = (10 DECAY - 1) / (1 - DECAY), 8,990 steps for",
                "0.999: a shorter run averages about its last tenth of steps, whatever DECAY is."})
    Double ema;

    @Option(names = "--weight-decay", paramLabel = "D",
            description = {"Decoupled weight decay (AdamW): each step also shrinks every weight, not the biases, by",
                "the step's learning rate times D (e.g. 0.05; default: 0, plain Adam)."})
    Double weightDecay;

    @Option(names = "--dropout", paramLabel = "P",
            description = {"Share of the song vector's values (what the projection reads) zeroed in each training",
                "step, the rest scaled by 1 / (1 - P); validation and the saved model drop nothing (default: 0)."})
    Double dropout;

    @Option(names = "--normalise-level",
            description = {"Divide each song's mel power by its mean over the windows the network sees, inside the",
                "network and its ONNX export, so that the playback level does not move the embedding (off in v1;",
                "not for fine-tuning, whose model keeps its network)."})
    boolean normaliseLevel;

    @Option(names = "--teacher", paramLabel = "CSV",
            description = {"Per-clip vectors of a teacher (any dimension; the format eval --embeddings reads:",
                "clip_id, then one column per dimension; a clip_id is a set's clip id or <set>/<clip id>). Adds",
                "a relational distillation term to the loss (any --loss): the in-batch distances matched to the",
                "teacher's. Clips without a row take no part in it. The exported model stays teacher-free."})
    java.nio.file.Path teacher;

    @Option(names = "--teacher-weight", paramLabel = "W",
            description = "Weight of the teacher's term against the triplet loss (default: "
                    + LossSettings.DEFAULT_TEACHER_WEIGHT + ").")
    Double teacherWeight;

    /** The network with the options that shape it. */
    io.github.mecomp.embed.model.ModelConfig applyTo(io.github.mecomp.embed.model.ModelConfig config,
                                                     io.github.mecomp.embed.audio.FrontEndConfig frontEnd) {
        return normaliseLevel ? config.withLevelFloor(frontEnd.logFloor()) : config;
    }

    /** Puts the options that were given into {@code b}, on top of {@code base}'s loss settings. */
    void applyTo(TrainingConfig.Builder b, TrainingConfig base, CommandLine cl) {
        LossSettings s = base.loss();
        try {
            if (loss != null) {
                s = s.withKind(LossSettings.Kind.parse(loss));
            }
            if (pk != null) {
                String[] parts = pk.split(",", -1);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("--pk needs two numbers P,K (e.g. 8,4), got '" + pk + "'");
                }
                s = s.withBatch(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
            if (softMargin) {
                s = s.withSoftMargin(true);
            }
            if (teacherWeight != null && teacher == null) {
                throw new IllegalArgumentException("--teacher-weight weighs the term of a --teacher; give one");
            }
            if (teacherWeight != null && !(teacherWeight > 0)) {
                throw new IllegalArgumentException("--teacher-weight must be > 0, got " + teacherWeight
                        + " (leave out --teacher to train without one)");
            }
            if (teacher != null) {
                s = s.withTeacherWeight(teacherWeight == null ? LossSettings.DEFAULT_TEACHER_WEIGHT : teacherWeight);
            }
            if ((pk != null || relationWeights != null) && s.kind() == LossSettings.Kind.TRIPLET) {
                throw new IllegalArgumentException((pk != null ? "--pk" : "--relation-weights")
                        + " sets the batches of --loss batch-all or batch-hard; the triplet loss takes --batch");
            }
            if (relationWeights != null) {
                s = s.withRelationWeights(RelationWeights.parse(relationWeights));
            }
            if (moodNegatives != null) {
                s = s.withMoodNegatives(MoodNegatives.parse(moodNegatives));
            }
            if (fillBatches) {
                s = s.withFillBatches(true);
            }
            if (temperature != null) {
                if (s.kind() != LossSettings.Kind.SUPCON) {
                    throw new IllegalArgumentException("--temperature is the supervised contrastive loss's; give"
                            + " --loss supcon with it");
                }
                s = s.withTemperature(temperature);
            }
            b.loss(s);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage(), e);
        }
        if (ema != null) {
            b.weightAverage(ema);
        }
        if (weightDecay != null) {
            b.weightDecay(weightDecay);
        }
        if (dropout != null) {
            b.dropout(dropout);
        }
    }
}
