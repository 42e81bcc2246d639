package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.data.MinedTriplet;
import io.github.mecomp.embed.data.MinedTriplets;
import io.github.mecomp.embed.data.MiningConfig;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.data.TripletMiner;
import io.github.mecomp.embed.eval.EvalReport;
import io.github.mecomp.embed.eval.Evaluation;
import io.github.mecomp.embed.eval.TrainedModelSource;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import io.github.mecomp.embed.train.BandStatistics;
import io.github.mecomp.embed.train.ClipLibrary;
import io.github.mecomp.embed.train.EpochRecord;
import io.github.mecomp.embed.io.FileTrees;
import io.github.mecomp.embed.train.NegativeRule;
import io.github.mecomp.embed.train.ProcessMemory;
import io.github.mecomp.embed.train.SameDiffTrainee;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Weak triplets from metadata in, a trained embedding model with its provenance out. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Trains the embedding model (CNN over 1-second log-mel windows, GRU over the windows, 32-d unit",
            "vectors) with a triplet loss on weak triplets mined from the TRAIN clips of each data set.",
            "Validates after every epoch, keeps the best checkpoint, stops early, and resumes a killed run",
            "with --resume. Writes <out>/model (the best model with provenance.json), summary.json,",
            "curves.png and test-eval.json (accuracy on the data sets' test triplets)."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A data set folder; repeat for several.")
    List<Path> dataDirs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The run folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its last finished epoch.")
    boolean resume;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed = TrainingConfig.DEFAULT.seed();

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

    @Option(names = "--no-test-eval", description = "Skip scoring the best model on the test triplets at the end.")
    boolean noTestEval;

    @Mixin
    FrontEndOptions frontEndOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long wallStart = System.nanoTime();
        TrainingConfig config = TrainingConfig.DEFAULT.toBuilder().seed(seed).maxEpochs(epochs)
                .tripletsPerEpoch(tripletsPerEpoch).batchTriplets(batch).trainWindows(trainWindows)
                .learningRate(learningRate).patience(patience).margin(margin).hardNegativesFromEpoch(hardFrom).build();
        FrontEndConfig frontEndConfig = frontEndOptions.config();
        ModelConfig modelConfig = ModelConfig.forFrontEnd(frontEndConfig);

        List<Dataset> sets = new ArrayList<>();
        for (Path dir : dataDirs) {
            sets.add(DatasetReader.read(dir));
        }
        MiningConfig mining = MiningConfig.defaults().withSeed(seed).withTripletsPerRelation(perRelation);
        MinedTriplets mined = new TripletMiner(mining).mine(sets);
        Files.createDirectories(out);
        mined.write(out.resolve("triplets.csv"));

        FrontEnd frontEnd = new FrontEnd(frontEndConfig, frontEndOptions.cacheOrNull(frontEndConfig));
        Map<Dataset, Set<Clip>> needed = clipsNamed(sets, mined);
        int clipCount = needed.values().stream().mapToInt(Set::size).sum();
        ClipLibrary library;
        try (ProgressReporter progress = new ProgressReporter("log-mel", clipCount)) {
            library = ClipLibrary.load(needed, frontEnd, frontEndOptions.threads, progress);
        }
        FailureReport.print(err, "train", library.failures());
        List<MinedTriplet> train = usable(mined.train(), library);
        List<MinedTriplet> validation = usable(mined.validation(), library);
        w.printf(Locale.ROOT, "data: %d clips (%.0f MB of log-mel), %d training and %d validation triplets%n",
                library.size(), library.bytes() / 1e6, train.size(), validation.size());
        w.printf(Locale.ROOT, "model: %,d parameters, %,d bytes of weights%n", modelConfig.parameterCount(),
                modelConfig.weightBytes());
        w.flush();

        Set<String> trainKeys = new LinkedHashSet<>();
        for (Triplet t : ClipLibrary.keyed(train)) {
            trainKeys.addAll(List.of(t.anchor(), t.positive(), t.negative()));
        }
        BandStatistics bands = BandStatistics.of(library, trainKeys);
        String setupHash = frontEndConfig + "|" + modelConfig + "|" + mining.seed() + "|" + mining.tripletsPerRelation()
                + "|" + train.size() + "|" + validation.size();
        Trainer.Result result;
        try (BarListener bar = new BarListener(config.maxEpochs(), w)) {
            result = new Trainer(config, SameDiffTrainee.factory(modelConfig, bands, config.margin()), bar)
                    .run(new Trainer.Data(train, validation, library, new NegativeRule(sets, mining)), out, setupHash,
                            resume);
        }

        Path modelDir = out.resolve("model");
        FileTrees.replaceWithCopy(result.bestCheckpoint(), modelDir);
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
        ObjectNode summary = summary(config, frontEndConfig, modelConfig, mining, sets, train, validation, library,
                result, test, wall);
        writeJson(out.resolve("summary.json"), summary);
        writeJson(modelDir.resolve("provenance.json"), summary);
        w.printf(Locale.ROOT, "best epoch %d: validation accuracy %.1f%%; model in %s; %.0f s wall%n",
                result.state().bestEpoch(), 100 * result.state().bestAccuracy(), modelDir, wall);
        return ExitCodes.OK;
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

    private static ObjectNode summary(TrainingConfig config, FrontEndConfig frontEnd, ModelConfig model,
                                      MiningConfig mining, List<Dataset> sets, List<MinedTriplet> train,
                                      List<MinedTriplet> validation, ClipLibrary library, Trainer.Result result,
                                      EvalReport test, double wallSeconds) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("tool", "mecomp-embed " + new VersionProvider().getVersion()[0]);
        root.put("created", Instant.now().toString());
        root.set("training", mapper.valueToTree(config));
        root.set("frontEnd", mapper.valueToTree(frontEnd));
        root.set("model", mapper.valueToTree(model));
        root.put("parameters", model.parameterCount());
        root.put("weightBytes", model.weightBytes());
        ObjectNode data = root.putObject("data");
        for (Dataset s : sets) {
            data.putObject(s.name()).put("root", s.root().toString()).put("clips", s.clips().size())
                    .put("trainClips", s.clips(io.github.mecomp.embed.data.Split.TRAIN).size());
        }
        data.put("miningSeed", mining.seed());
        data.put("trainTriplets", train.size());
        data.put("validationTriplets", validation.size());
        data.put("clipsLoaded", library.size());
        data.put("clipsFailed", library.failures().size());
        ObjectNode run = root.putObject("run");
        run.put("bestEpoch", result.state().bestEpoch());
        run.put("bestValidationAccuracy", result.state().bestAccuracy());
        run.put("stoppedEarly", result.stoppedEarly());
        run.put("wallSeconds", wallSeconds);
        ProcessMemory.peakResidentBytes().ifPresent(b -> run.put("peakResidentBytes", b));
        run.set("epochs", mapper.valueToTree(result.state().history()));
        if (test != null) {
            root.set("test", test.toJson(mapper).get("tasks"));
        }
        return root;
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
            out.printf(Locale.ROOT, "epoch %d: loss %.4f, validation %.1f%% %s(%.0f s, %.1f triplets/s)%n", r.epoch(),
                    r.trainLoss(), 100 * r.validationAccuracy(), best ? "best " : "", r.seconds(), r.tripletsPerSecond());
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
}
