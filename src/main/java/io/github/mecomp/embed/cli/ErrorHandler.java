package io.github.mecomp.embed.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one line the user can act on. Stack traces are for bugs:
 * they are printed only for exceptions that are not about the user's input or files.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        String name = cmd.getCommandName();
        if (t instanceof IOException || t instanceof IllegalArgumentException) {
            cmd.getErr().println(name + ": error: " + t.getMessage());
            return ExitCodes.FAILED;
        }
        cmd.getErr().println(name + ": internal error (please report it): " + t);
        t.printStackTrace(cmd.getErr());
        return ExitCodes.FAILED;
    }
}
