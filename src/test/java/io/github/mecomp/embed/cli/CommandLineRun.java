package io.github.mecomp.embed.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool run in-process as its command line runs it ({@link Main#run}), keeping what it printed for the
 * assertions. One per test instance; the text accumulates over runs unless a test clears it.
 */
final class CommandLineRun {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** The exit code of {@code mecomp-embed args...}. */
    int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** The demo set the command tests train on. */
    static final Path DEMO = Path.of("fixtures/demo-set");

    /** {@code train} on the demo set into {@code runDir}, as briefly as it runs (one epoch of one batch of 8), with {@code more}. */
    int trainBriefly(Path runDir, String... more) {
        return trainBriefly(DEMO, runDir, more);
    }

    /** As {@link #trainBriefly(Path, String...)}, on the set in {@code data} (a demo set's copy a test changes). */
    int trainBriefly(Path data, Path runDir, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", runDir.toString(),
                "--epochs", "1", "--triplets-per-epoch", "8", "--batch", "8", "--train-windows", "2", "--threads", "1",
                "--no-test-eval"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }
}
