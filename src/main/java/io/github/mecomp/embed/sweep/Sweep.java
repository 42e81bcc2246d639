package io.github.mecomp.embed.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.mecomp.embed.eval.ReportFigures;
import io.github.mecomp.embed.export.OnnxBenchmark;
import io.github.mecomp.embed.export.OnnxRunner;
import io.github.mecomp.embed.export.SyntheticAudio;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Trains, exports and measures every configuration of a grid with every seed, one run at a time, then writes
 * the table ({@value #TABLE}), the figures of every run ({@value #FIGURES}) and the Pareto plot ({@value #PLOT}).
 * Each run's next step is read from its folder ({@link SweepRun#next()}), so the same command continues a
 * killed sweep: finished runs are skipped, an interrupted training is resumed.
 */
public final class Sweep {

    public static final String TABLE = "sweep.md";
    public static final String FIGURES = "sweep.json";
    public static final String PLOT = "pareto.png";
    private static final int SAMPLE_RATE = 22_050;

    /** What the sweep does through the tool's own commands. */
    public interface Steps {
        /** Throws when a run folder holds a run of another configuration than its grid line now gives. */
        void verify(SweepRun run) throws IOException;

        /** Trains the run into its folder, from the start or with {@code --resume}; throws when it fails. */
        void train(SweepRun run, boolean resume) throws Exception;

        /** Exports {@code <run>/model} to {@code <run>/model.onnx}; throws when it fails. */
        void export(SweepRun run) throws Exception;

        /** Test triplet accuracy per task ({@code set/task}) of any ONNX model with MECOMP's contract. */
        java.util.Map<String, Double> evaluate(Path onnx) throws Exception;
    }

    /**
     * @param seeds       every configuration runs once with each
     * @param songSeconds length of the synthetic song the ONNX timings use
     * @param benchRuns   timed calls per session kind (the median is kept)
     * @param scan        the Rust scan, or null to skip it
     * @param commands    the command lines that made the sweep, for the table's header
     * @param references  ONNX models (MECOMP's, the shipped one) evaluated and timed the same way, for comparison
     */
    public record Settings(List<Long> seeds, double songSeconds, int benchRuns, ScanBench scan, List<String> commands,
                           List<Path> references) {
        public Settings {
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("sweep: give at least one seed");
            }
            if (seeds.stream().distinct().count() != seeds.size()) {
                throw new IllegalArgumentException("sweep: the seeds " + seeds + " repeat one");
            }
            if (!(songSeconds > 0) || benchRuns < 1) {
                throw new IllegalArgumentException("sweep: the song length and benchmark runs must be positive");
            }
            seeds = List.copyOf(seeds);
            commands = List.copyOf(commands);
            references = List.copyOf(references);
        }
    }

    private final SweepGrid grid;
    private final Path out;
    private final Settings settings;
    private final Steps steps;
    private final PrintWriter log;

    public Sweep(SweepGrid grid, Path out, Settings settings, Steps steps, PrintWriter log) {
        this.grid = grid;
        this.out = out;
        this.settings = settings;
        this.steps = steps;
        this.log = log;
    }

    /** Every run of the grid, configuration by configuration, seed by seed. */
    public List<SweepRun> runs() {
        List<SweepRun> runs = new ArrayList<>();
        for (SweepGrid.Entry e : grid.entries()) {
            for (long seed : settings.seeds()) {
                runs.add(SweepRun.of(out, e, seed));
            }
        }
        return runs;
    }

    /** Runs what is left, then writes the table, the figures and the plot; returns every run's figures. */
    public List<RunFigures> run() throws Exception {
        List<SweepRun> runs = runs();
        for (SweepRun r : runs) {
            steps.verify(r); // before any work: a changed grid line is found at once, not hours later
        }
        List<RunFigures> figures = new ArrayList<>();
        int i = 0;
        for (SweepRun r : runs) {
            i++;
            SweepRun.Step step = r.next();
            log.printf(Locale.ROOT, "sweep: run %d/%d %s: %s%n", i, runs.size(), r.id(), describe(step));
            log.flush();
            if (step == SweepRun.Step.TRAIN || step == SweepRun.Step.RESUME) {
                steps.train(r, step == SweepRun.Step.RESUME);
                step = r.next();
                if (step != SweepRun.Step.EXPORT) {
                    throw new IllegalStateException(r.dir() + ": train finished without summary.json and"
                            + " model/provenance.json");
                }
            }
            if (step == SweepRun.Step.EXPORT) {
                steps.export(r);
                step = r.next();
            }
            if (step == SweepRun.Step.MEASURE) {
                measure(r).write(r.dir().resolve(SweepRun.MEASUREMENT));
            }
            figures.add(RunFigures.read(r.dir().resolve(SweepRun.MEASUREMENT)));
        }
        for (Path ref : settings.references()) {
            figures.add(reference(ref));
        }
        writeOutputs(figures);
        return figures;
    }

    private static String describe(SweepRun.Step step) {
        return switch (step) {
            case TRAIN -> "training";
            case RESUME -> "resuming its training (train --resume)";
            case EXPORT -> "trained; exporting";
            case MEASURE -> "exported; measuring";
            case DONE -> "done, skipped";
        };
    }

    /** A reference model's figures, measured once and kept in {@code references/<file name>.json}. */
    RunFigures reference(Path onnx) throws Exception {
        String name = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path file = out.resolve("references").resolve(name + ".json");
        if (Files.isRegularFile(file)) {
            log.printf("sweep: reference %s: done, skipped%n", name);
            return RunFigures.read(file);
        }
        if (!Files.isRegularFile(onnx)) {
            throw new IOException(onnx + ": no such reference ONNX file");
        }
        log.printf("sweep: reference %s: evaluating and timing%n", name);
        log.flush();
        java.util.Map<String, Double> test = steps.evaluate(onnx);
        float[] song = SyntheticAudio.music(settings.songSeconds(), SAMPLE_RATE, 1);
        double one = OnnxBenchmark.medianMillis(onnx, OnnxRunner.Session.ONE_THREAD, song, settings.benchRuns());
        double mecomp = OnnxBenchmark.medianMillis(onnx, OnnxRunner.Session.MECOMP_DEFAULT, song, settings.benchRuns());
        ScanFigure scan = scan(onnx);
        RunFigures f = new RunFigures(name + " (reference)", 0, RunFigures.REFERENCE, 0, 0, Files.size(onnx),
                Double.NaN, test, settings.songSeconds(), one, mecomp, scan.songsPerSecond(), "reference: " + scan.note(),
                0, Double.NaN);
        Files.createDirectories(file.getParent());
        f.write(file);
        return f;
    }

    /** Times the exported model and reads the training figures. */
    RunFigures measure(SweepRun r) throws Exception {
        Path onnx = r.dir().resolve(SweepRun.ONNX);
        float[] song = SyntheticAudio.music(settings.songSeconds(), SAMPLE_RATE, 1);
        double one = OnnxBenchmark.medianMillis(onnx, OnnxRunner.Session.ONE_THREAD, song, settings.benchRuns());
        double mecomp = OnnxBenchmark.medianMillis(onnx, OnnxRunner.Session.MECOMP_DEFAULT, song, settings.benchRuns());
        ScanFigure scan = scan(onnx);
        Double songsPerSecond = scan.songsPerSecond();
        RunFigures f = RunFigures.fromSummary(r, Files.size(onnx), settings.songSeconds(), one, mecomp, songsPerSecond,
                scan.note());
        log.printf(Locale.ROOT, "sweep: %s: validation %.1f%%, mean test %.1f%%, %.2f ms (1 thread), %.2f ms (MECOMP"
                        + " session), %,d bytes%s%n", r.id(), 100 * f.validationAccuracy(), 100 * f.meanTestAccuracy(),
                one, mecomp, f.onnxBytes(), songsPerSecond == null ? "" : String.format(Locale.ROOT, ", %.1f songs/s",
                        songsPerSecond));
        return f;
    }

    /** The Rust scan's songs per second of one model (null when not scanned) and the note saying how, or why not. */
    private record ScanFigure(String note, Double songsPerSecond) {}

    private ScanFigure scan(Path onnx) throws IOException {
        if (settings.scan() == null) {
            return new ScanFigure("not scanned: no --scan-bench given", null);
        }
        Optional<String> why = ScanBench.unsupported(onnx);
        if (why.isPresent()) {
            return new ScanFigure(why.get(), null);
        }
        return new ScanFigure(String.join(" ", settings.scan().command(onnx)), settings.scan().run(onnx));
    }

    private void writeOutputs(List<RunFigures> figures) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(out.resolve(FIGURES), tmp -> json.writeValue(tmp.toFile(), figures));
        List<ReportFigures.ParetoPoint> points = new ArrayList<>();
        for (SweepTable.Group g : SweepTable.groups(figures)) {
            points.add(new ReportFigures.ParetoPoint(g.config(), g.mean(RunFigures::msOneThread),
                    g.sd(RunFigures::msOneThread), g.mean(RunFigures::meanTestAccuracy),
                    g.sd(RunFigures::meanTestAccuracy), g.runs().get(0).onnxBytes()));
        }
        ReportFigures.pareto(out.resolve(PLOT), "sweep: accuracy against ONNX Runtime time (mean over seeds)",
                String.format(Locale.ROOT, "ms per %.0f s song, ONNX Runtime, 1 thread", settings.songSeconds()),
                "mean test triplet accuracy over tasks (%)", points);
        AtomicFiles.write(out.resolve(TABLE), tmp -> Files.writeString(tmp, markdown(figures)));
    }

    String markdown(List<RunFigures> figures) {
        StringBuilder b = new StringBuilder("# Sweep\n\n");
        b.append(String.format(Locale.ROOT, "Written %s; %d configurations x %d seeds (%s); %d cores, load average"
                        + " %.2f at the end.%n%n", Instant.now(), grid.entries().size(), settings.seeds().size(),
                settings.seeds(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        b.append("Made with:\n\n```sh\n");
        settings.commands().forEach(c -> b.append(c).append('\n'));
        b.append("```\n\nGrid (").append(grid.file().getFileName()).append("):\n\n```\n");
        grid.entries().forEach(e -> b.append(e.name()).append(": ").append(String.join(" ", e.trainOptions()))
                .append('\n'));
        b.append("```\n\n");
        b.append(SweepTable.markdown(figures)).append('\n');
        b.append(String.format(Locale.ROOT, "Mean ± sample standard deviation over the seeds. Test: triplet accuracy"
                + " of the best epoch's model on each data set's test triplets; validation: the mined validation"
                + " triplets. ms/song: median of %d calls on one synthetic %.0f s song at 22,050 Hz, B = 1, after 3"
                + " warm-ups; \"1 thread\" is one intra-op thread, \"MECOMP session\" ONNX Runtime's default threads"
                + " with memory pattern and CPU arena off.%n%n", settings.benchRuns(), settings.songSeconds()));
        b.append("![accuracy against time](").append(PLOT).append(")\n\n## Runs\n\n");
        b.append(SweepTable.perRun(figures));
        return b.toString();
    }
}
