package io.github.mecomp.embed.train;

import io.github.mecomp.embed.data.HumanSplit;
import io.github.mecomp.embed.data.MinedTriplet;
import io.github.mecomp.embed.data.Relation;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.eval.TaskScore;
import io.github.mecomp.embed.eval.TripletAccuracy;
import io.github.mecomp.embed.io.FileTrees;
import io.github.mecomp.embed.model.GroupLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The training loop: epochs of triplet batches, validation after each epoch, the best checkpoint kept,
 * early stopping, and resumption from the last finished epoch. Without validation triplets every epoch runs and
 * the last one is the result (the final run of a recipe chosen on validation, on all of its data).
 *
 * <p>Every random choice of epoch e comes from a stream seeded by (seed, e) alone, so a run resumed after a
 * kill repeats exactly what the uninterrupted run would have done from that epoch on.
 */
public final class Trainer {

    /**
     * Triplets whose clips are all in the library, as keys {@code <dataset>/<clip id>}.
     *
     * <p>Triplets whose relation is not a {@link Relation} (human judgements, {@link HumanSplit#RELATION}) keep
     * their negative: it is what the listener chose, and no label says which other clip would do.
     *
     * @param mixed         triplets mixed into every epoch besides {@code train}, drawn afresh each epoch
     *                      (weak triplets, so that fine-tuning on few human ones does not forget the rest)
     * @param mixedFraction the share of each epoch's triplets drawn from {@code mixed}, in [0, 1)
     */
    public record Data(List<MinedTriplet> train, List<MinedTriplet> validation, ClipLibrary library, PairRule rule,
                       List<MinedTriplet> mixed, double mixedFraction) {

        public Data {
            if (!(mixedFraction >= 0 && mixedFraction < 1)) {
                throw new IllegalArgumentException("training: the mixed fraction must be in [0, 1), got "
                        + mixedFraction);
            }
            if (mixedFraction > 0 && mixed.isEmpty()) {
                throw new IllegalArgumentException("training: a mixed fraction of " + mixedFraction
                        + " needs triplets to mix in; there are none");
            }
        }

        /** Without mixed triplets. */
        public Data(List<MinedTriplet> train, List<MinedTriplet> validation, ClipLibrary library, PairRule rule) {
            this(train, validation, library, rule, List.of(), 0);
        }

        /** Triplets drawn from {@code mixed} per epoch: they make up {@code mixedFraction} of the epoch. */
        public int mixedPerEpoch() {
            if (mixedFraction == 0) {
                return 0;
            }
            long n = Math.round(train.size() * mixedFraction / (1 - mixedFraction));
            return (int) Math.min(mixed.size(), Math.max(1, n));
        }
    }

    /**
     * @param bestCheckpoint the folder holding the best epoch's weights
     * @param stoppedEarly   true when validation stopped improving before maxEpochs
     */
    public record Result(RunState state, Path bestCheckpoint, boolean stoppedEarly) {
    }

    /** Clips whose windows are unpacked at once for validation: bounds the memory it takes. */
    private static final int VALIDATION_CHUNK = 256;

    private final TrainingConfig config;
    private final Trainee.Factory factory;
    private final TrainingListener listener;
    private final Teacher teacher;

    public Trainer(TrainingConfig config, Trainee.Factory factory, TrainingListener listener) {
        this(config, factory, listener, null);
    }

    /**
     * @param teacher the vectors the loss's distillation term compares with; needed exactly when the loss
     *                settings have a teacher weight
     */
    public Trainer(TrainingConfig config, Trainee.Factory factory, TrainingListener listener, Teacher teacher) {
        boolean weighted = config.loss().teacherWeight() > 0;
        if (weighted != (teacher != null)) {
            throw new IllegalArgumentException(weighted
                    ? "training: the loss has a teacher weight of " + config.loss().teacherWeight()
                            + " but no teacher vectors were given"
                    : "training: teacher vectors given, but the loss has no teacher weight");
        }
        this.config = config;
        this.factory = factory;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.teacher = teacher;
    }

    /**
     * Trains into {@code runDir}; with {@code resume}, continues the run whose state is there.
     *
     * @param setupHash identifies data and model setup; a resume under another one is refused
     */
    public Result run(Data data, Path runDir, String setupHash, boolean resume) throws IOException {
        Files.createDirectories(runDir);
        String hash = setupHash + "|" + config;
        RunState state;
        Trainee trainee;
        if (resume && Files.exists(runDir.resolve(RunState.FILE))) {
            state = RunState.read(runDir);
            if (!state.configHash().equals(hash)) {
                throw new IllegalArgumentException(runDir + ": the run there was started with other settings or data;"
                        + " resume it with the same ones, or train into a new folder");
            }
            trainee = state.lastCheckpoint() == null ? factory.create(config.seed())
                    : factory.load(runDir.resolve(state.lastCheckpoint()));
        } else {
            if (Files.exists(runDir.resolve(RunState.FILE))) {
                throw new IllegalArgumentException(runDir + ": holds a run already; pass --resume to continue it,"
                        + " or choose a new folder");
            }
            state = RunState.fresh(hash);
            trainee = factory.create(config.seed());
        }
        try {
            return loop(data, runDir, state, trainee);
        } finally {
            trainee.close();
        }
    }

    private Result loop(Data data, Path runDir, RunState state, Trainee trainee) throws IOException {
        int available = data.train().size() + data.mixedPerEpoch();
        int perEpoch = config.tripletsPerEpoch() == 0 ? available : Math.min(config.tripletsPerEpoch(), available);
        int stepsPerEpoch = perEpoch / config.batchTriplets();
        if (stepsPerEpoch == 0) {
            throw new IllegalArgumentException("training: " + available + " training triplets make no batch of "
                    + config.batchTriplets());
        }
        long totalSteps = (long) stepsPerEpoch * config.maxEpochs();
        BatchAssembler assembler = new BatchAssembler(data.library(), config.trainWindows(), config.gainDb(),
                config.maskBands(), config.maskFrames(), config.spreadCrops());
        GroupLoss groupLoss = config.loss().groupLoss();
        GroupSampler groups = groupLoss == null ? null : GroupSampler.of(data.train(), data.rule(), config.loss());
        if (groups != null) {
            config.spreadCrops().requireKnown(groups.groupCounts().keySet());
        }
        boolean validating = !data.validation().isEmpty();
        List<EpochRecord> history = new ArrayList<>(state.history());
        long step = state.globalStep();
        boolean stoppedEarly = false;
        for (int epoch = state.epochsDone() + 1; epoch <= config.maxEpochs(); epoch++) {
            if (patienceRunOut(epoch, state.bestEpoch(), config.patience())) {
                stoppedEarly = true;
                break;
            }
            long start = System.nanoTime();
            SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + epoch);
            List<MinedTriplet> order = epochTriplets(data, random);
            listener.epochStarted(epoch, stepsPerEpoch);
            double lossSum = 0;
            double lr = 0;
            long groupTriplets = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                if (groups != null) {
                    lr = config.learningRateAt(step, totalSteps);
                    GroupBatch batch = assembler.assemble(groups.draw(step, random), random);
                    groupTriplets += batch.masks().tripletCount();
                    double loss = teacher == null ? trainee.trainStep(batch, groupLoss, lr)
                            : trainee.trainStep(batch, groupLoss, teacher.pairs(batch.keys()), lr);
                    requireFinite(loss, epoch, s);
                    lossSum += loss;
                    step++;
                    listener.stepDone(epoch, s + 1, loss, lr);
                    continue;
                }
                List<MinedTriplet> slice = order.subList(s * config.batchTriplets(), (s + 1) * config.batchTriplets());
                TrainingBatch batch = assembler.assemble(ClipLibrary.keyed(slice), random);
                if (epoch >= config.hardNegativesFromEpoch()) {
                    List<Relation> relations = slice.stream().map(m -> relationOrNull(m.relation())).toList();
                    if (relations.stream().anyMatch(java.util.Objects::nonNull)) {
                        batch = batch.withNegatives(SemiHardNegatives.choose(trainee.embedRows(batch), batch.keys(),
                                relations, data.rule(), config.margin()));
                    }
                }
                lr = config.learningRateAt(step, totalSteps);
                double loss = teacher == null ? trainee.trainStep(batch, lr)
                        : trainee.trainStep(batch, teacher.pairs(batch.keys()), config.loss().teacherWeight(), lr);
                requireFinite(loss, epoch, s);
                lossSum += loss;
                step++;
                listener.stepDone(epoch, s + 1, loss, lr);
            }
            Map<String, Double> byPart = validating ? trainee.withAveragedWeights(() -> validate(trainee, data))
                    : Map.of();
            double accuracy = byPart.getOrDefault("all", Double.NaN);
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochRecord record = new EpochRecord(epoch, lossSum / stepsPerEpoch, accuracy, byPart, lr, seconds,
                    (groups == null ? (double) stepsPerEpoch * config.batchTriplets() : groupTriplets) / seconds);
            history.add(record);
            // without validation triplets nothing can rank the epochs: the last one is the model
            boolean best = !validating || accuracy > state.bestAccuracy();
            String checkpoint = "checkpoints/epoch-" + epoch;
            trainee.save(runDir.resolve(checkpoint));
            state = new RunState(state.configHash(), epoch, step, checkpoint,
                    best ? checkpoint : state.bestCheckpoint(), best ? epoch : state.bestEpoch(),
                    best ? accuracy : state.bestAccuracy(), history);
            state.write(runDir);
            pruneCheckpoints(runDir, state);
            TrainingCurves.write(runDir.resolve("curves.png"), history);
            listener.epochDone(record, best);
        }
        if (state.bestCheckpoint() == null) {
            throw new IllegalStateException("training ended before its first epoch");
        }
        return new Result(state, runDir.resolve(state.bestCheckpoint()), stoppedEarly);
    }

    private static void requireFinite(double loss, int epoch, int stepInEpoch) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("training diverged: loss " + loss + " at epoch " + epoch + " step "
                    + (stepInEpoch + 1) + "; lower the learning rate");
        }
    }

    /**
     * The triplets of one epoch in their order: every training triplet, plus a fresh draw from the mixed ones,
     * shuffled together. Only {@code random} decides, so a resumed run draws what the uninterrupted one did.
     */
    static List<MinedTriplet> epochTriplets(Data data, SplittableRandom random) {
        List<MinedTriplet> order = new ArrayList<>(data.train());
        int mixed = data.mixedPerEpoch();
        if (mixed > 0) {
            List<MinedTriplet> pool = new ArrayList<>(data.mixed());
            Collections.shuffle(pool, new java.util.Random(random.nextLong()));
            order.addAll(pool.subList(0, mixed));
        }
        Collections.shuffle(order, new java.util.Random(random.nextLong()));
        return order;
    }

    /** The relation of a mined triplet; null for a human judgement, whose negative stays as chosen. */
    private static Relation relationOrNull(String relation) {
        return HumanSplit.RELATION.equals(relation) ? null : Relation.parse(relation);
    }

    /** True when the epochs since the best one already number {@code patience}: epoch need not run. */
    static boolean patienceRunOut(int epoch, int bestEpoch, int patience) {
        return bestEpoch > 0 && epoch - bestEpoch > patience;
    }

    /** Triplet accuracy of a trainee on all the validation triplets together, with its count. */
    public static TaskScore score(Trainee trainee, Data data) {
        return trainee.withAveragedWeights(
                () -> TripletAccuracy.score(ClipLibrary.keyed(data.validation()), embed(trainee, data)));
    }

    /** Validation triplet accuracy, overall ("all") and per {@code dataset/relation}. */
    static Map<String, Double> validate(Trainee trainee, Data data) {
        List<Triplet> keyed = ClipLibrary.keyed(data.validation());
        Map<String, float[]> embeddings = embed(trainee, data);
        Map<String, List<Triplet>> parts = new TreeMap<>();
        for (int i = 0; i < keyed.size(); i++) {
            MinedTriplet m = data.validation().get(i);
            parts.computeIfAbsent(m.dataset() + "/" + m.relation(), k -> new ArrayList<>()).add(keyed.get(i));
        }
        Map<String, Double> out = new TreeMap<>();
        long correct = 0;
        long n = 0;
        for (Map.Entry<String, List<Triplet>> e : parts.entrySet()) {
            TaskScore s = TripletAccuracy.score(e.getValue(), embeddings);
            out.put(e.getKey(), s.accuracy());
            correct += s.correct();
            n += s.n();
        }
        out.put("all", n == 0 ? Double.NaN : correct / (double) n);
        return out;
    }

    /** The embedding of every clip of the validation triplets, by key. */
    private static Map<String, float[]> embed(Trainee trainee, Data data) {
        List<Triplet> keyed = ClipLibrary.keyed(data.validation());
        Set<String> clips = new LinkedHashSet<>();
        for (Triplet t : keyed) {
            clips.addAll(List.of(t.anchor(), t.positive(), t.negative()));
        }
        Map<String, float[]> embeddings = new HashMap<>();
        List<String> order = new ArrayList<>(clips);
        for (int from = 0; from < order.size(); from += VALIDATION_CHUNK) {
            List<String> chunk = order.subList(from, Math.min(order.size(), from + VALIDATION_CHUNK));
            List<float[]> vectors = trainee.embedSongs(chunk.stream().map(data.library()::windows).toList());
            for (int i = 0; i < chunk.size(); i++) {
                embeddings.put(chunk.get(i), vectors.get(i));
            }
        }
        return embeddings;
    }

    /** Keeps the last and the best checkpoints; older ones only take space. */
    private static void pruneCheckpoints(Path runDir, RunState state) throws IOException {
        Path folder = runDir.resolve("checkpoints");
        if (!Files.isDirectory(folder)) {
            return;
        }
        Set<Path> keep = new HashSet<>(List.of(runDir.resolve(state.lastCheckpoint()).normalize(),
                runDir.resolve(state.bestCheckpoint()).normalize()));
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path d : dirs.toList()) {
                if (!keep.contains(d.normalize())) {
                    FileTrees.delete(d);
                }
            }
        }
    }
}
