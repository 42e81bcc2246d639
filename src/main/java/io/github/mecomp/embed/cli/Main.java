package io.github.mecomp.embed.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code java -jar mecomp-embed.jar <command>}. */
@Command(name = "mecomp-embed",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Learns music-similarity embeddings and ships them to MECOMP.",
        subcommands = {MelCommand.class, TripletsCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 nothing could be done, 2 usage error). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, printing to the given writers (tests read them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Logging.quietLibraries();
        return new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new ErrorHandler())
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
