package io.github.mecomp.embed.cli;

import java.io.OutputStream;
import java.io.PrintStream;

/** Keeps the libraries' chatter out of the tool's output. */
final class Logging {

    private Logging() {
    }

    /**
     * Call once, after the tool has taken its own writers on the real standard output. Some libraries print
     * to {@code System.out} with no way to turn it off (jFLAC on every escape-coded residual partition, which
     * is valid FLAC; SameDiff a line per op when it builds a gradient graph); that would garble tables and
     * files the user pipes from standard output, so it is dropped. Logging through slf4j is set to
     * warnings in simplelogger.properties.
     */
    static void quietLibraries() {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    }
}
