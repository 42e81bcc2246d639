package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.BatchFailure;
import java.io.PrintWriter;
import java.util.List;

/** The end-of-batch list of files that could not be used, each with its reason. */
final class FailureReport {

    private FailureReport() {
    }

    static void print(PrintWriter err, String command, List<BatchFailure> failures) {
        print(err, command, failures, List.of());
    }

    /**
     * The failures, then what the search of the folders passed over. One line each, whatever a file's name
     * holds (control characters are escaped), so that the list reads as one entry per file.
     */
    static void print(PrintWriter err, String command, List<BatchFailure> failures, List<InputFiles.Skipped> skipped) {
        if (!failures.isEmpty()) {
            err.println(command + ": " + failures.size() + " file(s) could not be used:");
            for (BatchFailure f : failures) {
                err.println("  " + f);
            }
        }
        if (!skipped.isEmpty()) {
            err.println(command + ": " + skipped.size() + " path(s) under the folders were skipped:");
            for (InputFiles.Skipped s : skipped) {
                err.println("  " + s);
            }
        }
        err.flush();
    }
}
