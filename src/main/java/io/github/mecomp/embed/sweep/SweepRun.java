package io.github.mecomp.embed.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of a sweep, a configuration with one seed, in its own folder {@code <out>/runs/<name>-seed<seed>}: the
 * {@code train} run folder, with the exported {@value #ONNX} and the figures in {@value #MEASUREMENT}.
 * How far it got is read from the files each step leaves, so a killed sweep picks up where it stopped.
 */
public record SweepRun(SweepGrid.Entry entry, long seed, Path dir) {

    /** Options the sweep sets on every run itself. */
    static final List<String> SWEEP_OWNED_OPTIONS = List.of("--out", "--seed", "--resume", "--data", "--epochs",
            "--no-test-eval");

    public static final String ONNX = "model.onnx";
    public static final String MEASUREMENT = "measurement.json";
    /** Written by train when a run is complete (after its test evaluation). */
    static final String SUMMARY = "summary.json";
    /** Written by train after each finished epoch. */
    static final String STATE = "state.json";

    /** The next step a run needs. */
    public enum Step {
        /** Nothing trained yet: train from the start. */
        TRAIN,
        /** Stopped during training: train with --resume. */
        RESUME,
        /** Trained: export the ONNX file. */
        EXPORT,
        /** Exported: time it and gather the figures. */
        MEASURE,
        /** Done: its figures are in {@value #MEASUREMENT}. */
        DONE
    }

    public static SweepRun of(Path sweepDir, SweepGrid.Entry entry, long seed) {
        return new SweepRun(entry, seed, sweepDir.resolve("runs").resolve(entry.name() + "-seed" + seed));
    }

    public String id() {
        return entry.name() + "-seed" + seed;
    }

    public Step next() {
        if (Files.isRegularFile(dir.resolve(MEASUREMENT))) {
            return Step.DONE;
        }
        if (Files.isRegularFile(dir.resolve(ONNX))) {
            return Step.MEASURE;
        }
        // provenance.json is written just after summary.json: export needs its front-end
        if (Files.isRegularFile(dir.resolve(SUMMARY)) && Files.isRegularFile(dir.resolve("model/provenance.json"))) {
            return Step.EXPORT;
        }
        return Files.isRegularFile(dir.resolve(STATE)) ? Step.RESUME : Step.TRAIN;
    }
}
