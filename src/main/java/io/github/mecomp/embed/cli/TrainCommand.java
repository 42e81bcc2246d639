package io.github.mecomp.embed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetFingerprint;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.data.HumanSplit;
import io.github.mecomp.embed.data.MinedTriplet;
import io.github.mecomp.embed.data.MinedTriplets;
import io.github.mecomp.embed.data.MiningConfig;
import io.github.mecomp.embed.data.Relation;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.data.TripletMiner;
import io.github.mecomp.embed.eval.EvalReport;
import io.github.mecomp.embed.eval.Evaluation;
import io.github.mecomp.embed.eval.TaskScore;
import io.github.mecomp.embed.eval.TrainedModelSource;
import io.github.mecomp.embed.eval.WilsonInterval;
import io.github.mecomp.embed.export.ModelExport;
import io.github.mecomp.embed.io.AtomicFiles;
import io.github.mecomp.embed.io.FileTrees;
import io.github.mecomp.embed.model.ArchitectureCheck;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import io.github.mecomp.embed.model.NativeMemory;
import io.github.mecomp.embed.model.TrainingHyper;
import io.github.mecomp.embed.train.BandStatistics;
import io.github.mecomp.embed.train.ClipLibrary;
import io.github.mecomp.embed.train.EpochRecord;
import io.github.mecomp.embed.train.GroupSampler;
import io.github.mecomp.embed.train.LossSettings;
import io.github.mecomp.embed.train.RelationWeights;
import io.github.mecomp.embed.train.PairRule;
import io.github.mecomp.embed.train.ProcessMemory;
import io.github.mecomp.embed.train.RunState;
import io.github.mecomp.embed.train.SameDiffTrainee;
import io.github.mecomp.embed.train.SpreadCrops;
import io.github.mecomp.embed.train.Teacher;
import io.github.mecomp.embed.train.Trainee;
import io.github.mecomp.embed.train.Trainer;
import io.github.mecomp.embed.train.TrainingConfig;
import io.github.mecomp.embed.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Weak triplets from metadata in, a trained embedding model with its provenance out. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Trains the embedding model (CNN over 1-second log-mel windows, GRU over the windows, 32-d unit",
            "vectors) with a triplet loss on weak triplets mined from the TRAIN clips of each data set.",
            "The architecture options (--channels, --first-stride, --gru-hidden, --embedding-size,",
            "--windows-per-song, and --window-seconds for the window length) change the network's shape.",
            "Validates after every epoch, keeps the best checkpoint, stops early, and resumes a killed run",
            "with --resume. Writes <out>/model (the best model with provenance.json), summary.json,",
            "curves.png and test-eval.json (accuracy on the data sets' test triplets).",
            "With --init MODEL_DIR --human FILE, fine-tunes a trained model on people's judgements instead:",
            "part of them is held out, and the accuracy on it before and after is printed and recorded."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "A data set folder; repeat for several. Needed unless fine-tuning (--init).")
    List<Path> dataDirs = new ArrayList<>();

    @Option(names = "--init", paramLabel = "MODEL_DIR",
            description = {"Fine-tune this trained model (a model folder written by train) on --human triplets.",
                "It keeps its network and input normalisation; the optimiser starts afresh. Settings not given",
                "take the fine-tuning defaults (fewer epochs, a tenth of the learning rate, every triplet each",
                "epoch); summary.json records the values used."})
    Path init;

    @Option(names = "--human", paramLabel = "CSV",
            description = {"Human triplets to fine-tune on: anchor,positive,negative or song1,song2,song3,anchor,",
                "positive (1-based positions of the two songs judged most alike), with an optional votes column."})
    Path human;

    @Option(names = "--human-clips", paramLabel = "DIR",
            description = {"Where the human triplets' clips are: a data set folder (ids are its clip ids) or any",
                "folder of audio (ids are file paths relative to it). Default: clip ids of the --data sets",
                "(<set>/<id> where an id is in several)."})
    Path humanClips;

    @Option(names = "--human-held-out", paramLabel = "F",
            description = {"Share of the judged triplets held out for validation, by triplet and seeded by --seed",
                "(default: ${DEFAULT-VALUE})."})
    double humanHeldOut = 0.2;

    @Option(names = "--mix-weak", paramLabel = "F",
            description = {"When fine-tuning, draw this share of each epoch's triplets afresh from weak triplets",
                "mined from the --data sets, so that the model does not forget them (default: ${DEFAULT-VALUE})."})
    double mixWeak;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The run folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last finished epoch.")
    boolean resume;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed = TrainingConfig.DEFAULT.seed();

    @Option(names = "--mining-seed", paramLabel = "N",
            description = {"Seed of the training/validation split and the mined triplets alone (default: --seed).",
                "Runs of one recipe with the same mining seed validate on the same triplets, so their validation",
                "figures can choose among them."})
    Long miningSeed;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs at most (default: ${DEFAULT-VALUE}).")
    int epochs = TrainingConfig.DEFAULT.maxEpochs();

    @Option(names = "--triplets-per-epoch", paramLabel = "N",
            description = "Training triplets per epoch, 0 for all (default: ${DEFAULT-VALUE}).")
    int tripletsPerEpoch = TrainingConfig.DEFAULT.tripletsPerEpoch();

    @Option(names = "--batch", paramLabel = "N", description = "Triplets per step (default: ${DEFAULT-VALUE}).")
    int batch = TrainingConfig.DEFAULT.batchTriplets();

    @Option(names = "--train-windows", paramLabel = "N",
            description = "Consecutive 1-s windows per clip in training (default: ${DEFAULT-VALUE}).")
    int trainWindows = TrainingConfig.DEFAULT.trainWindows();

    @Option(names = "--spread-crops", arity = "0..1", fallbackValue = ALL_BATCHES, split = ",",
            paramLabel = "RELATIONS",
            description = {"Each training clip gives one window from each of --train-windows equal stretches of it,",
                "in order, instead of a run of consecutive windows: the whole clip, sampled, as the network samples",
                "a song longer than its window count. Alone: every batch; =album or =gamemusic/album,...: only",
                "those relations' batches of --loss batch-all or batch-hard."})
    List<String> spreadCrops;

    @Option(names = "--spread-share", paramLabel = "P",
            description = {"With --spread-crops: each clip of a spread batch takes spread crops with probability P",
                "and consecutive windows otherwise (default: 1, every clip)."})
    Double spreadShare;

    /** What {@code --spread-crops} without relations stands for. */
    private static final String ALL_BATCHES = "every-batch";

    @Option(names = "--mask-bands", paramLabel = "N",
            description = {"SpecAugment's frequency mask: in each training window, up to N consecutive mel bands set to",
                "its quietest value (default: ${DEFAULT-VALUE}, none)."})
    int maskBands = TrainingConfig.DEFAULT.maskBands();

    @Option(names = "--mask-frames", paramLabel = "N",
            description = {"SpecAugment's time mask: in each training window, up to N consecutive frames set to its",
                "quietest value (default: ${DEFAULT-VALUE}, none)."})
    int maskFrames = TrainingConfig.DEFAULT.maskFrames();

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = TrainingConfig.DEFAULT.learningRate();

    @Option(names = "--patience", paramLabel = "N",
            description = "Stop after this many epochs without a better validation accuracy (default: ${DEFAULT-VALUE}).")
    int patience = TrainingConfig.DEFAULT.patience();

    @Option(names = "--margin", paramLabel = "X", description = "Triplet-loss margin (default: ${DEFAULT-VALUE}).")
    double margin = TrainingConfig.DEFAULT.margin();

    @Option(names = "--hard-from", paramLabel = "EPOCH",
            description = "Semi-hard negatives from this epoch on (default: ${DEFAULT-VALUE}).")
    int hardFrom = TrainingConfig.DEFAULT.hardNegativesFromEpoch();

    @Option(names = "--per-relation", paramLabel = "N",
            description = "Mined triplets per relation and data set (default: ${DEFAULT-VALUE}).")
    int perRelation = MiningConfig.DEFAULT_TRIPLETS_PER_RELATION;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = {"Share of each set's groups (artists, soundtracks, tracks...) held out of training to",
                    "validate on, in [0, 1) (default: ${DEFAULT-VALUE}). 0 trains on every train clip: no validation,",
                    "no early stopping, every epoch runs and the last one is the model; for the final run of a",
                    "recipe already chosen on validation."})
    double validationFraction = MiningConfig.DEFAULT_VALIDATION_FRACTION;

    @Option(names = "--relations", split = ",", paramLabel = "R",
            description = {"Relations to mine training triplets from, comma-separated: artist, genre, album, track,",
                    "mood (default: all that a set has columns for; v1 was trained before mood existed)."})
    List<String> relations;

    @Option(names = "--other-track-positives",
            description = {"Album and soundtrack positives for training are another track of the anchor's album,",
                    "never another excerpt of its own track, as in the soundtrack test task (sets with a track_id",
                    "column; validation keeps the plain rule, so its figures compare with runs without it)."})
    boolean otherTrackPositives;

    @Option(names = "--no-test-eval", description = "Skip scoring the best model on the test triplets at the end.")
    boolean noTestEval;

    @Mixin
    FrontEndOptions frontEndOptions;

    @Mixin
    ArchitectureOptions architecture;

    @Mixin
    RecipeOptions recipeOptions = new RecipeOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long wallStart = System.nanoTime();
        boolean fineTune = checkMode();
        warnOfLargeHeap(err, Runtime.getRuntime().maxMemory());
        if (!resume && Files.exists(out.resolve(RunState.FILE))) {
            // before anything is written into it: a new run's triplet files would replace the old run's
            throw new IllegalArgumentException(out + ": holds a run already; pass --resume to continue it,"
                    + " or choose a new folder");
        }
        TrainingConfig config = config(fineTune ? TrainingConfig.FINE_TUNE : TrainingConfig.DEFAULT);
        FrontEndConfig frontEndConfig = frontEndOptions.config();
        InitModel initModel = null;
        if (fineTune) {
            try (ModelExport.Source source = ModelExport.load(init)) {
                frontEndConfig = frontEndOptions.configFor("--init " + init, source);
                initModel = InitModel.of(init, source, frontEndConfig);
            }
        }
        if (fineTune && recipeOptions.normaliseLevel) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--normalise-level changes the network;"
                    + " fine-tuning keeps the --init model's network");
        }
        ModelConfig modelConfig = fineTune ? initModel.config()
                : recipeOptions.applyTo(architecture.config(frontEndConfig, spec.commandLine()), frontEndConfig);
        for (String note : ArchitectureCheck.check(modelConfig)) {
            err.println("train: note: " + note);
        }
        RunArchitecture.record(out, modelConfig, frontEndConfig, resume);
        // before any audio is decoded: a malformed teacher CSV fails in a second, not after the log-mel pass
        Teacher teacher = recipeOptions.teacher == null ? null : Teacher.read(recipeOptions.teacher);

        List<Dataset> sets = new ArrayList<>();
        for (Path dir : dataDirs) {
            sets.add(DatasetReader.read(dir));
        }
        // read before training, so the provenance names the bytes the run started from
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (Dataset set : sets) {
            fingerprints.put(set.name(), DatasetFingerprint.sha256(set));
        }
        RunData.record(out, fingerprints, resume);
        MiningConfig mining = MiningConfig.defaults().withSeed(miningSeed != null ? miningSeed : seed)
                .withTripletsPerRelation(perRelation)
                .withValidationFraction(validationFraction)
                .withOtherTrackPositives(otherTrackPositives);
        if (relations != null) {
            mining = mining.withRelations(Relation.parseAll(relations));
        }
        List<String> relationNames = new ArrayList<>();
        for (Dataset set : sets) {
            mining.relations().forEach(r -> relationNames.add(set.name() + "/" + r.id()));
        }
        // before the log-mel pass: a misspelt relation fails at once
        config.loss().relationWeights().requireKnown(relationNames);
        config.spreadCrops().requireKnown(relationNames);
        PairRule rule = new PairRule(sets, mining, config.loss().moodNegatives());
        MinedTriplets mined = new MinedTriplets(List.of(), List.of());
        OutputFolder.create(out, "--out");
        if (!fineTune || mixWeak > 0) {
            mined = new TripletMiner(mining).mine(sets);
            mined.write(out.resolve("triplets.csv"));
        }
        HumanData humanData = null;
        if (fineTune) {
            if (sets.stream().anyMatch(set -> set.name().equals(HumanSplit.SET))) {
                throw new IllegalArgumentException("a --data set is named '" + HumanSplit.SET + "', the name human"
                        + " triplets go by in a run; rename its folder");
            }
            humanData = HumanData.load(human, humanClips, sets, humanHeldOut, seed);
            new MinedTriplets(humanData.split.train(), humanData.split.heldOut()).write(out.resolve("human-triplets.csv"));
        }

        FrontEnd frontEnd = new FrontEnd(frontEndConfig, frontEndOptions.cacheOrNull(frontEndConfig));
        Map<Dataset, Set<Clip>> needed = clipsNamed(sets, mined);
        if (humanData != null) {
            needed.put(humanData.asDataset(), new LinkedHashSet<>(humanData.asDataset().clips()));
        }
        int clipCount = (int) needed.values().stream().flatMap(Set::stream).map(Clip::file).distinct().count();
        ClipLibrary library;
        try (ProgressReporter progress = new ProgressReporter("log-mel", clipCount)) {
            library = ClipLibrary.load(needed, frontEnd, frontEndOptions.threads, progress);
        }
        FailureReport.print(err, "train", library.failures());
        List<MinedTriplet> weakTrain = usable(mined.train(), library);
        Trainer.Data data;
        if (fineTune) {
            data = new Trainer.Data(usable(humanData.split.train(), library), usable(humanData.split.heldOut(), library),
                    library, rule, weakTrain, mixWeak);
            if (data.train().isEmpty() || data.validation().isEmpty()) {
                throw new IllegalArgumentException(human + ": " + data.train().size() + " training and "
                        + data.validation().size() + " held-out judgements have all three clips' audio; need both");
            }
            w.printf(Locale.ROOT, "data: %d clips (%.0f MB of log-mel); %d judged triplets to fine-tune on, %d held out"
                            + " (%d distinct), %d weak ones mixed in per epoch%n", library.size(), library.bytes() / 1e6,
                    data.train().size(), data.validation().size(), humanData.split.heldOutQuestions(),
                    data.mixedPerEpoch());
        } else {
            data = new Trainer.Data(weakTrain, usable(mined.validation(), library), library, rule);
            if (data.validation().isEmpty() && validationFraction > 0) {
                throw new IllegalArgumentException("none of the " + mined.validation().size() + " validation triplets"
                        + " has all three clips' audio, so no epoch can be judged; give the sets more groups, or train"
                        + " without validation with --validation-fraction 0");
            }
            if (data.validation().isEmpty()) {
                w.printf(Locale.ROOT, "data: %d clips (%.0f MB of log-mel), %d training triplets and no validation"
                                + " (--validation-fraction 0): all %d epochs run, and the last one is the model%n",
                        library.size(), library.bytes() / 1e6, data.train().size(), config.maxEpochs());
            } else {
                w.printf(Locale.ROOT, "data: %d clips (%.0f MB of log-mel), %d training and %d validation triplets%n",
                        library.size(), library.bytes() / 1e6, data.train().size(), data.validation().size());
            }
        }
        if (config.loss().groupLoss() != null) {
            GroupSampler sampler = GroupSampler.of(data.train(), data.rule(), config.loss());
            RelationWeights weights = config.loss().relationWeights();
            w.printf(Locale.ROOT, "loss: %s over %d x %d batches of one relation each, cycling through %s"
                            + " (groups)%s%s%n",
                    config.loss().groupLoss(), config.loss().groups(), config.loss().clipsPerGroup(),
                    sampler.groupCounts(), weights.isEqual() ? ""
                            : ", weighted " + weights + ": " + sampler.cycleOrder().size() + " batches a cycle",
                    filled(sampler, config.loss()));
        }
        int teacherCovers = 0;
        int trainClips = 0;
        if (teacher != null) {
            Set<String> keys = new LinkedHashSet<>();
            for (Triplet t : ClipLibrary.keyed(data.train())) {
                keys.addAll(List.of(t.anchor(), t.positive(), t.negative()));
            }
            trainClips = keys.size();
            teacherCovers = teacher.requireCoverage(keys);
            w.printf(Locale.ROOT, "teacher: %s (%d clips x %d), weight %s; it covers %d of the %d training clips"
                            + "%s%n", teacher.file(), teacher.vectors().size(), teacher.dimensions(),
                    config.loss().teacherWeight(), teacherCovers, trainClips,
                    teacherCovers < trainClips ? " (the others take no part in its term)" : "");
        }
        w.printf(Locale.ROOT, "model: %,d parameters, %,d bytes of weights%n", modelConfig.parameterCount(),
                modelConfig.weightBytes());
        w.flush();

        String setupHash = frontEndConfig + "|" + modelConfig + "|" + mining.seed() + "|" + mining.tripletsPerRelation()
                + "|" + mining.relations()
                + "|" + data.train().size() + "|" + data.validation().size();
        if (teacher != null) {
            setupHash += "|teacher " + teacher.sha256();
        }
        if (mining.otherTrackPositives()) {
            setupHash += "|other-track positives"; // only when set, so that older runs still resume
        }
        Trainee.Factory factory;
        TaskScore before = null;
        if (fineTune) {
            setupHash += "|init " + initModel.sha256() + "|human " + humanData.sha256 + "|" + humanHeldOut + "|"
                    + mixWeak + "|" + data.mixed().size();
            factory = SameDiffTrainee.fineTuneFactory(init, config::hyper, config.weightAverage());
            try (Trainee start = factory.create(config.seed())) {
                before = Trainer.score(start, data);
            }
            w.printf(Locale.ROOT, "held-out human triplets before fine-tuning: %s%n", format(before));
        } else {
            Set<String> trainKeys = new LinkedHashSet<>();
            for (Triplet t : ClipLibrary.keyed(data.train())) {
                trainKeys.addAll(List.of(t.anchor(), t.positive(), t.negative()));
            }
            BandStatistics bands = BandStatistics.of(library, trainKeys, modelConfig.levelFloor());
            factory = SameDiffTrainee.factory(modelConfig, bands, config.hyper(TrainingHyper.DEFAULT),
                    config.weightAverage());
        }
        Trainer.Result result;
        try (BarListener bar = new BarListener(config.maxEpochs(), w)) {
            result = new Trainer(config, factory, bar, teacher).run(data, out, setupHash, resume);
        }

        Path modelDir = out.resolve("model");
        FileTrees.replaceWithCopy(result.bestCheckpoint(), modelDir);
        TaskScore after = null;
        if (fineTune) {
            try (Trainee best = factory.load(modelDir)) {
                after = Trainer.score(best, data);
            }
        }
        EvalReport test = null;
        if (!noTestEval && sets.stream().anyMatch(s -> !s.tasks().isEmpty())) {
            List<Dataset> withTasks = sets.stream().filter(s -> !s.tasks().isEmpty()).toList();
            try (TrainedModelSource source = new TrainedModelSource("model", EmbeddingModel.load(modelDir), frontEnd,
                    frontEndOptions.threads);
                 ProgressReporter progress = new ProgressReporter("test eval",
                         withTasks.stream().mapToInt(s -> Evaluation.clipsToEmbed(s).size()).sum())) {
                test = Evaluation.run(withTasks, source, progress);
            }
            test.writeJson(out.resolve("test-eval.json"));
            w.print(test.table());
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        ObjectNode summary = summary(CommandLines.of(CommandLines.TRAINING_JAR, "train",
                        spec.commandLine().getParseResult().originalArgs()),
                config, frontEndConfig, modelConfig, mining, sets, fingerprints, data, library, result, test, wall);
        if (teacher != null) {
            summary.putObject("teacher").put("file", teacher.file().toAbsolutePath().toString())
                    .put("sha256", teacher.sha256()).put("weight", config.loss().teacherWeight())
                    .put("dimensions", teacher.dimensions()).put("clips", teacher.vectors().size())
                    .put("trainClipsCovered", teacherCovers).put("trainClips", trainClips);
        }
        if (fineTune) {
            ObjectNode node = summary.putObject("fineTuning");
            initModel.describe(node.putObject("init"));
            humanData.describe(node.putObject("human"), data.train().size(), data.validation().size());
            node.put("mixWeak", mixWeak);
            node.put("weakTripletsPerEpoch", data.mixedPerEpoch());
            node.put("weakTripletsAvailable", data.mixed().size());
            put(node.putObject("heldOutBefore"), before);
            put(node.putObject("heldOutAfter"), after);
        }
        writeJson(out.resolve("summary.json"), summary);
        writeJson(modelDir.resolve("provenance.json"), summary);
        // the peak the summary recorded, so that the line and the file give the same figure
        JsonNode peak = summary.path("run").path("peakResidentBytes");
        String peakText = peak.isMissingNode() ? ""
                : String.format(Locale.ROOT, ", peak resident memory %.2f GB", peak.asLong() / 1e9);
        if (data.validation().isEmpty()) {
            w.printf(Locale.ROOT, "last epoch %d (no validation); model in %s; %.0f s wall%s%n",
                    result.state().bestEpoch(), modelDir, wall, peakText);
        } else {
            w.printf(Locale.ROOT, "best epoch %d: validation accuracy %.1f%%; model in %s; %.0f s wall%s%n",
                    result.state().bestEpoch(), 100 * result.state().bestAccuracy(), modelDir, wall, peakText);
        }
        if (fineTune) {
            w.printf(Locale.ROOT, "held-out human triplets: before %s, after %s%n", format(before), format(after));
        }
        return ExitCodes.OK;
    }

    /** Checks which options go together; true when fine-tuning. */
    private boolean checkMode() {
        CommandLine cl = spec.commandLine();
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new CommandLine.ParameterException(cl, "--validation-fraction must be in [0, 1), got "
                    + validationFraction);
        }
        if (init == null) {
            if (human != null || humanClips != null || mixWeak != 0) {
                throw new CommandLine.ParameterException(cl, "--human, --human-clips and --mix-weak are for fine-tuning:"
                        + " give the trained model to start from with --init MODEL_DIR");
            }
            if (dataDirs.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "give at least one --data folder to train on");
            }
            return false;
        }
        List<String> architectureGiven = ArchitectureOptions.given(cl.getParseResult());
        if (!architectureGiven.isEmpty()) {
            throw new CommandLine.ParameterException(cl, String.join(", ", architectureGiven) + ": fine-tuning keeps"
                    + " the network of the --init model; leave the architecture options out");
        }
        if (human == null) {
            throw new CommandLine.ParameterException(cl, "--init fine-tunes on human triplets: give them with --human FILE");
        }
        if (!(mixWeak >= 0 && mixWeak < 1)) {
            throw new CommandLine.ParameterException(cl, "--mix-weak must be in [0, 1), got " + mixWeak);
        }
        if (mixWeak > 0 && dataDirs.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--mix-weak mines weak triplets from --data sets: give at least one");
        }
        if (humanClips == null && dataDirs.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "say where the human triplets' clips are: --human-clips DIR,"
                    + " or --data sets whose clip ids they use");
        }
        return true;
    }

    /** The base settings with every option the user gave on top. */
    private TrainingConfig config(TrainingConfig base) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        TrainingConfig.Builder b = base.toBuilder();
        if (given.hasMatchedOption("--seed")) {
            b.seed(seed);
        }
        if (given.hasMatchedOption("--epochs")) {
            b.maxEpochs(epochs);
        }
        if (given.hasMatchedOption("--triplets-per-epoch")) {
            b.tripletsPerEpoch(tripletsPerEpoch);
        }
        if (given.hasMatchedOption("--batch")) {
            b.batchTriplets(batch);
        }
        if (given.hasMatchedOption("--train-windows")) {
            b.trainWindows(trainWindows);
        }
        if (spreadCrops != null || spreadShare != null) {
            try {
                SpreadCrops spread = spreadCrops == null ? SpreadCrops.NONE
                        : spreadCrops.equals(List.of(ALL_BATCHES)) ? SpreadCrops.ALL : SpreadCrops.of(spreadCrops);
                b.spreadCrops(spreadShare == null ? spread : spread.withShare(spreadShare));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        if (given.hasMatchedOption("--mask-bands")) {
            b.maskBands(maskBands);
        }
        if (given.hasMatchedOption("--mask-frames")) {
            b.maskFrames(maskFrames);
        }
        if (given.hasMatchedOption("--lr")) {
            b.learningRate(learningRate);
        }
        if (given.hasMatchedOption("--patience")) {
            b.patience(patience);
        }
        if (given.hasMatchedOption("--margin")) {
            b.margin(margin);
        }
        if (given.hasMatchedOption("--hard-from")) {
            b.hardNegativesFromEpoch(hardFrom);
        }
        recipeOptions.applyTo(b, base, spec.commandLine());
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static String format(TaskScore s) {
        WilsonInterval ci = s.ci95();
        return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f] (n = %d)", 100 * s.accuracy(), 100 * ci.low(),
                100 * ci.high(), s.n());
    }

    private static void put(ObjectNode node, TaskScore s) {
        node.put("accuracy", s.accuracy());
        node.put("n", s.n());
        node.put("correct", s.correct());
        WilsonInterval ci = s.ci95();
        node.putArray("ci95").add(ci.low()).add(ci.high());
    }

    private static Map<Dataset, Set<Clip>> clipsNamed(List<Dataset> sets, MinedTriplets mined) {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        for (List<MinedTriplet> part : List.of(mined.train(), mined.validation())) {
            for (MinedTriplet m : part) {
                Set<String> s = ids.computeIfAbsent(m.dataset(), k -> new LinkedHashSet<>());
                s.add(m.triplet().anchor());
                s.add(m.triplet().positive());
                s.add(m.triplet().negative());
            }
        }
        Map<Dataset, Set<Clip>> out = new LinkedHashMap<>();
        for (Dataset set : sets) {
            Set<String> wanted = ids.getOrDefault(set.name(), Set.of());
            Set<Clip> clips = new LinkedHashSet<>();
            set.clips().stream().filter(c -> wanted.contains(c.id())).forEach(clips::add);
            out.put(set, clips);
        }
        return out;
    }

    /** Triplets whose three clips loaded; the others are dropped (their files were reported). */
    private static List<MinedTriplet> usable(List<MinedTriplet> triplets, ClipLibrary library) {
        List<Triplet> keyed = ClipLibrary.keyed(triplets);
        List<MinedTriplet> out = new ArrayList<>();
        for (int i = 0; i < triplets.size(); i++) {
            Triplet t = keyed.get(i);
            if (library.contains(t.anchor()) && library.contains(t.positive()) && library.contains(t.negative())) {
                out.add(triplets.get(i));
            }
        }
        return out;
    }

    private static ObjectNode summary(String command, TrainingConfig config, FrontEndConfig frontEnd, ModelConfig model,
                                      MiningConfig mining, List<Dataset> sets, Map<String, String> fingerprints,
                                      Trainer.Data training,
                                      ClipLibrary library, Trainer.Result result, EvalReport test, double wallSeconds) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("tool", new VersionProvider().getVersion()[0]);
        root.put("created", Instant.now().toString());
        // the settings below are what the run used; the command is how to ask for them again
        root.put("command", command);
        root.set("training", mapper.valueToTree(config));
        root.set("frontEnd", mapper.valueToTree(frontEnd));
        root.set("model", mapper.valueToTree(model));
        root.put("parameters", model.parameterCount());
        root.put("weightBytes", model.weightBytes());
        ObjectNode data = root.putObject("data");
        for (Dataset s : sets) {
            data.putObject(s.name()).put("root", s.root().toString()).put("clips", s.clips().size())
                    .put("trainClips", s.clips(io.github.mecomp.embed.data.Split.TRAIN).size())
                    .put("sha256", fingerprints.get(s.name()));
        }
        data.put("miningSeed", mining.seed());
        data.put("validationFraction", mining.validationFraction());
        ArrayNode relationIds = data.putArray("relations");
        mining.relations().forEach(r -> relationIds.add(r.id()));
        data.put("otherTrackPositives", mining.otherTrackPositives());
        data.put("trainTriplets", training.train().size());
        data.put("validationTriplets", training.validation().size());
        data.put("clipsLoaded", library.size());
        data.put("clipsFailed", library.failures().size());
        ObjectNode run = root.putObject("run");
        run.put("bestEpoch", result.state().bestEpoch());
        if (training.validation().isEmpty()) {
            run.putNull("bestValidationAccuracy"); // no validation: the last epoch is the model
        } else {
            run.put("bestValidationAccuracy", result.state().bestAccuracy());
        }
        run.put("stoppedEarly", result.stoppedEarly());
        run.put("wallSeconds", wallSeconds);
        ProcessMemory.peakResidentBytes().ifPresent(b -> run.put("peakResidentBytes", b));
        run.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        run.put("maxNativeArrayBytes", NativeMemory.maxBytes());
        run.set("epochs", mapper.valueToTree(result.state().history()));
        if (test != null) {
            root.set("test", test.toJson(mapper).get("tasks"));
        }
        return root;
    }

    /** Above this heap ceiling, a run may pass 4 GB resident: the heap fills before the collector runs. */
    static final long LARGE_HEAP_BYTES = 2L << 30;

    /**
     * Without {@code -Xmx} the JVM allows a quarter of the machine's memory for the heap, and the collector lets
     * the heap grow that far before it works hard; nd4j's arrays come on top. Said before the long part starts.
     */
    static void warnOfLargeHeap(PrintWriter err, long maxHeapBytes) {
        if (maxHeapBytes > LARGE_HEAP_BYTES) {
            err.printf(Locale.ROOT, "train: note: the Java heap may grow to %.1f GB; run java with -Xmx1536m (enough"
                    + " for the shared sets and the track excerpts) to keep the process under 4 GB%n", maxHeapBytes / 1e9);
        }
    }

    private static void writeJson(Path file, ObjectNode node) throws IOException {
        AtomicFiles.write(file, tmp ->
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), node));
    }

    /** A bar per epoch with loss and ETA, and one line per finished epoch. */
    private static final class BarListener implements TrainingListener, AutoCloseable {
        private final int maxEpochs;
        private final PrintWriter out;
        private ProgressBar bar;
        private double lossSum;
        private int steps;

        BarListener(int maxEpochs, PrintWriter out) {
            this.maxEpochs = maxEpochs;
            this.out = out;
        }

        @Override
        public void epochStarted(int epoch, int stepsInEpoch) {
            close();
            lossSum = 0;
            steps = 0;
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + maxEpochs).setInitialMax(stepsInEpoch)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).setUnit(" steps", 1).build();
        }

        @Override
        public void stepDone(int epoch, int step, double loss, double learningRate) {
            lossSum += loss;
            steps++;
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f lr %.1e", lossSum / steps, learningRate));
            bar.step();
        }

        @Override
        public void epochDone(EpochRecord r, boolean best) {
            close();
            String validation = Double.isNaN(r.validationAccuracy()) ? "no validation "
                    : String.format(Locale.ROOT, "validation %.1f%% %s", 100 * r.validationAccuracy(), best ? "best " : "");
            out.printf(Locale.ROOT, "epoch %d: loss %.4f, %s(%.0f s, %.1f triplets/s)%n", r.epoch(), r.trainLoss(),
                    validation, r.seconds(), r.tripletsPerSecond());
            out.flush();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** The relations whose batches {@code --fill-batches} fills, as ", filled: name G x K, ..."; "" for none. */
    private static String filled(GroupSampler sampler, LossSettings loss) {
        List<String> out = new ArrayList<>();
        sampler.groupCounts().forEach((name, groups) -> {
            if (loss.clipsPerGroup(groups) != loss.clipsPerGroup()) {
                out.add(name + " " + groups + " x " + loss.clipsPerGroup(groups));
            }
        });
        return out.isEmpty() ? "" : ", filled: " + String.join(", ", out);
    }
}
