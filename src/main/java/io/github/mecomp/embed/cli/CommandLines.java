package io.github.mecomp.embed.cli;

import java.util.List;

/**
 * A command as the user can run it again: the jar's invocation and each argument quoted so that a POSIX shell
 * reads it back as the same argument. Reports quote it for regeneration, and a trained model's provenance records
 * the {@code train} command that produced it.
 */
final class CommandLines {

    /** How the README runs the tool. */
    static final String JAR = "java -jar target/mecomp-embed.jar";
    /** How the README runs training: native arrays are freed when the heap is collected, so the heap stays small. */
    static final String TRAINING_JAR = "java -Xmx1536m -jar target/mecomp-embed.jar";

    private CommandLines() {
    }

    /**
     * {@code <jar> <command> <args>}, {@code jar} being {@link #JAR} or {@link #TRAINING_JAR}; {@code args} as
     * picocli's {@code originalArgs()} gives them, which start with the command's own name when it was run through
     * {@code Main}.
     */
    static String of(String jar, String command, List<String> args) {
        StringBuilder sb = new StringBuilder(jar);
        if (args.isEmpty() || !args.get(0).equals(command)) {
            sb.append(' ').append(command);
        }
        for (String a : args) {
            sb.append(' ').append(quoted(a));
        }
        return sb.toString();
    }

    /** The argument as it is when it holds only characters no shell treats specially, else in single quotes. */
    static String quoted(String arg) {
        return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
