package io.github.mecomp.embed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.eval.EvalReport;
import io.github.mecomp.embed.eval.Evaluation;
import io.github.mecomp.embed.eval.OnnxModelSource;
import io.github.mecomp.embed.sweep.RunFigures;
import io.github.mecomp.embed.sweep.ScanBench;
import io.github.mecomp.embed.sweep.Sweep;
import io.github.mecomp.embed.sweep.SweepGrid;
import io.github.mecomp.embed.sweep.SweepRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A grid of architectures, each trained with several seeds, exported, timed and tabled; resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Trains every configuration of a grid file with each seed (train with the grid line's options",
            "and --epochs as the time box), exports each to ONNX, and measures: validation and test triplet",
            "accuracy (from each run's summary.json), parameters and bytes, ONNX Runtime ms per song with one",
            "thread and with MECOMP's default session, and optionally the Rust scan's songs/s (--scan-bench).",
            "Writes sweep.md (mean ± sd over seeds), sweep.json and pareto.png into --out, and each run into",
            "<out>/runs/<name>-seed<S>. Run the same command again after a kill: finished runs are skipped and an",
            "interrupted one resumes with train --resume. Grid file: one 'name: train options' a line, '#' comments."})
final class SweepCommand implements Callable<Integer> {

    @Option(names = "--grid", required = true, paramLabel = "FILE",
            description = "The configurations, e.g. 'narrow-k10: --channels 8,16,32,64 --windows-per-song 10'.")
    Path gridFile;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A data set folder; repeat for several.")
    List<Path> dataDirs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep folder.")
    Path out;

    @Option(names = "--seeds", split = ",", paramLabel = "S1,S2,..",
            description = "Seeds; every configuration runs once with each (default: ${DEFAULT-VALUE}).")
    List<Long> seeds = new ArrayList<>(List.of(1L, 2L));

    @Option(names = "--epochs", paramLabel = "N",
            description = "The time box: epochs per run at most (default: ${DEFAULT-VALUE}).")
    int epochs = 10;

    @Option(names = "--train-options", paramLabel = "\"OPTIONS\"",
            description = {"More train options for every run, in one quoted string, e.g. \"--triplets-per-epoch 4000\";",
                "a grid line's own options come after them."})
    String trainOptions = "";

    @Option(names = "--cache", paramLabel = "DIR", description = "Log-mel cache passed to train (strongly advised).")
    Path cache;

    @Option(names = "--threads", paramLabel = "N", description = "Files decoded at once by train (default: the cores).")
    Integer threads;

    @Option(names = "--song-seconds", paramLabel = "S",
            description = "Length of the synthetic song the ONNX timings run (default: ${DEFAULT-VALUE}).")
    double songSeconds = 180;

    @Option(names = "--bench-runs", paramLabel = "N",
            description = "Timed ONNX Runtime calls per session kind, median kept (default: ${DEFAULT-VALUE}).")
    int benchRuns = 15;

    @Option(names = "--scan-bench", paramLabel = "FILE",
            description = {"rust-check/bench's scan-bench binary built with --features tract: also time the library",
                "scan (decode included) of --scan-folder with each model (its window rule from the model's metadata)."})
    Path scanBench;

    @Option(names = "--scan-folder", paramLabel = "DIR", description = "The songs the scan reads.")
    Path scanFolder;

    @Option(names = "--scan-count", paramLabel = "N",
            description = "Songs per scan, cycling through the folder (default: each file once).")
    int scanCount;

    @Option(names = "--reference", paramLabel = "FILE.onnx",
            description = {"An ONNX model with MECOMP's contract (MECOMP's own, the shipped one) evaluated on the same",
                "test triplets and timed the same way, as a row of the table and a point of the plot; repeatable."})
    List<Path> references = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandLine cl = spec.commandLine();
        if (epochs < 1) {
            throw new CommandLine.ParameterException(cl, "--epochs must be at least 1, got " + epochs);
        }
        if ((scanBench == null) != (scanFolder == null)) {
            throw new CommandLine.ParameterException(cl, "--scan-bench and --scan-folder go together: give both or neither");
        }
        if (seeds.size() < 2) {
            err.println("sweep: note: one seed gives no spread; the table's ± needs at least two (--seeds 1,2)");
        }
        SweepGrid grid = SweepGrid.read(gridFile);
        List<String> common = commonOptions();
        Map<String, ObjectNode> expected = new HashMap<>();
        for (SweepGrid.Entry e : grid.entries()) {
            expected.put(e.name(), architectureOf(grid, e, common));
        }
        ScanBench scan = scanBench == null ? null : new ScanBench(scanBench, scanFolder, scanCount);
        List<String> commands = new ArrayList<>();
        commands.add(CommandLines.of(CommandLines.TRAINING_JAR, "sweep", cl.getParseResult().originalArgs()));
        commands.add("# each run: train " + String.join(" ", common) + " <grid line's options> --seed S --out "
                + out.resolve("runs/<name>-seed<S>") + " [--resume]");
        commands.add("# then: export " + out.resolve("runs/<name>-seed<S>/model") + " --out "
                + out.resolve("runs/<name>-seed<S>/" + SweepRun.ONNX));
        Files.createDirectories(out);
        Sweep sweep = new Sweep(grid, out, new Sweep.Settings(seeds, songSeconds, benchRuns, scan, commands,
                references), new ToolSteps(expected, common, dataDirs, threads, w, err), w);
        List<RunFigures> figures = sweep.run();
        w.printf("sweep: %d runs; wrote %s, %s and %s%n", figures.size(), out.resolve(Sweep.TABLE),
                out.resolve(Sweep.FIGURES), out.resolve(Sweep.PLOT));
        return ExitCodes.OK;
    }

    /** Options every run gets besides its grid line's, its seed and its folder. */
    private List<String> commonOptions() {
        List<String> args = new ArrayList<>();
        for (Path d : dataDirs) {
            args.addAll(List.of("--data", d.toString()));
        }
        args.addAll(List.of("--epochs", Integer.toString(epochs)));
        if (cache != null) {
            args.addAll(List.of("--cache", cache.toString()));
        }
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        List<String> extra = trainOptions.isBlank() ? List.of() : Arrays.asList(trainOptions.strip().split("\\s+"));
        for (String a : extra) {
            if (List.of("--out", "--seed", "--resume", "--epochs", "--data", "--no-test-eval", "--init").stream()
                    .anyMatch(r -> a.equals(r) || a.startsWith(r + "="))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--train-options: " + a
                        + " is set by the sweep itself (or would leave the table without test figures); leave it out");
            }
        }
        args.addAll(extra);
        return args;
    }

    /** The architecture a grid line asks for, as train would record it; a line train would refuse fails here. */
    private static ObjectNode architectureOf(SweepGrid grid, SweepGrid.Entry e, List<String> common) {
        TrainCommand train = new TrainCommand();
        CommandLine cl = new CommandLine(train);
        List<String> args = new ArrayList<>(common);
        args.addAll(e.trainOptions());
        args.addAll(List.of("--out", "unused"));
        String where = grid.file() + " line " + e.line() + " (" + e.name() + ")";
        try {
            cl.parseArgs(args.toArray(String[]::new));
            var frontEnd = train.frontEndOptions.config();
            return RunArchitecture.describe(train.architecture.config(frontEnd, cl), frontEnd);
        } catch (CommandLine.ParameterException | IllegalArgumentException ex) {
            throw new IllegalArgumentException(where + ": " + ex.getMessage());
        }
    }

    /** The sweep's steps done by this tool's own train and export commands, in this process. */
    private static final class ToolSteps implements Sweep.Steps {
        private final Map<String, ObjectNode> expected;
        private final List<String> common;
        private final List<Path> dataDirs;
        private final int threads;
        private final PrintWriter out;
        private final PrintWriter err;

        ToolSteps(Map<String, ObjectNode> expected, List<String> common, List<Path> dataDirs, Integer threads,
                  PrintWriter out, PrintWriter err) {
            this.expected = expected;
            this.common = common;
            this.dataDirs = dataDirs;
            this.threads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            this.out = out;
            this.err = err;
        }

        @Override
        public void verify(SweepRun run) throws IOException {
            Path file = run.dir().resolve(RunArchitecture.FILE);
            if (!Files.isRegularFile(file)) {
                return;
            }
            JsonNode before = new ObjectMapper().readTree(file.toFile());
            List<String> changed = RunArchitecture.differences(before, expected.get(run.entry().name()));
            if (!changed.isEmpty()) {
                throw new IllegalArgumentException(run.dir() + " holds a run of another architecture than the grid's"
                        + " line '" + run.entry().name() + "' now gives (" + String.join("; ", changed) + "); give the"
                        + " changed line a new name, or delete that folder to train it again");
            }
        }

        @Override
        public void train(SweepRun run, boolean resume) throws IOException {
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(common);
            args.addAll(run.entry().trainOptions());
            args.addAll(List.of("--seed", Long.toString(run.seed()), "--out", run.dir().toString()));
            if (resume) {
                args.add("--resume");
            }
            int code = Main.run(out, err, args.toArray(String[]::new));
            if (code != ExitCodes.OK) {
                throw new IOException(run.id() + ": train failed (exit code " + code + ", its message is above); fix"
                        + " the cause and run the same sweep command again to continue");
            }
        }

        @Override
        public void export(SweepRun run) throws IOException {
            int code = Main.run(out, err, "export", run.dir().resolve("model").toString(), "--out",
                    run.dir().resolve(SweepRun.ONNX).toString());
            if (code != ExitCodes.OK) {
                throw new IOException(run.id() + ": export failed (exit code " + code + ", its message is above)");
            }
        }

        @Override
        public Map<String, Double> evaluate(Path onnx) throws Exception {
            List<Dataset> sets = new ArrayList<>();
            for (Path d : dataDirs) {
                Dataset set = DatasetReader.read(d);
                if (!set.tasks().isEmpty()) {
                    sets.add(set);
                }
            }
            Map<String, Double> accuracy = new java.util.TreeMap<>();
            if (sets.isEmpty()) {
                return accuracy;
            }
            EvalReport report;
            try (OnnxModelSource source = new OnnxModelSource(onnx, threads);
                 ProgressReporter progress = new ProgressReporter("eval " + onnx.getFileName(),
                         sets.stream().mapToInt(s -> Evaluation.clipsToEmbed(s).size()).sum())) {
                report = Evaluation.run(sets, source, progress);
            }
            FailureReport.print(err, "sweep", report.failures());
            report.tasks().forEach((task, score) -> accuracy.put(task, score.accuracy()));
            return accuracy;
        }
    }
}
