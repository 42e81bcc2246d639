package io.github.mecomp.embed.cli;

/** Keeps the libraries' chatter out of the tool's output. */
final class Logging {

    private Logging() {
    }

    static void quietLibraries() {
        // nd4j logs through slf4j; without a binding slf4j prints a warning of its own, so choose the no-op one.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
}
