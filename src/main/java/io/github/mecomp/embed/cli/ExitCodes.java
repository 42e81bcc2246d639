package io.github.mecomp.embed.cli;

/** Process exit codes shared by every command. */
final class ExitCodes {

    static final int OK = 0;
    /** Nothing could be done: no input could be read, or an error stopped the command. */
    static final int FAILED = 1;
    /** The command line itself was wrong (picocli's own code). */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
