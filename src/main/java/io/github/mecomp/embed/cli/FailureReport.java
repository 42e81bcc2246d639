package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.BatchFailure;
import java.io.PrintWriter;
import java.util.List;

/** The end-of-batch list of files that could not be used, each with its reason. */
final class FailureReport {

    private FailureReport() {
    }

    static void print(PrintWriter err, String command, List<BatchFailure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        err.println(command + ": " + failures.size() + " file(s) could not be used:");
        for (BatchFailure f : failures) {
            err.println("  " + f);
        }
        err.flush();
    }
}
