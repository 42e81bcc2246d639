package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.model.NativeMemory;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code java -jar mecomp-embed.jar <command>}. */
@Command(name = "mecomp-embed",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Learns music-similarity embeddings and ships them to MECOMP.",
        subcommands = {MelCommand.class, ExcerptsCommand.class, TripletsCommand.class, TrainCommand.class,
            EvalCommand.class, ReportCommand.class, BenchCommand.class, EmbedCommand.class, SimilarCommand.class,
            PlaylistCommand.class, ExportCommand.class, CheckCommand.class, FixturesCommand.class, SweepCommand.class,
            SeedsCommand.class, SurveyCommand.class, SurveyExportCommand.class, SimulateRatersCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    private static final int HELP_WIDTH = 120;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Logging.quietLibraries();
        NativeMemory.limitByDefault();
        System.exit(run(out, err, args));
    }

    /** Runs a command line, printing to the given writers; returns the exit code (0 ok, 1 failed, 2 usage). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Main())
                // descriptions are written as lines of up to ~105 characters; at picocli's default 80 they rewrap
                .setUsageHelpWidth(HELP_WIDTH)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new ErrorHandler())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
