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
     * files the user pipes from standard output, so it is dropped.
     */
    static void quietLibraries() {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        // nd4j logs through slf4j: keep its warnings, drop its info lines.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
}
