package io.github.mecomp.embed.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be used as it is. The message always reads {@code <file>:<line>: <problem>}, the
 * form editors and terminals turn into a link, so that a person can go straight to the offending line.
 */
public final class DataFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String problem;

    /**
     * @param file    the file at fault
     * @param line    1-based line of the offending record (where it starts, if it spans several lines)
     * @param problem what is wrong, naming the field when there is one: {@code "split: must be train or test"}
     */
    public DataFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The message without its {@code <file>:<line>: } prefix. */
    public String problem() {
        return problem;
    }
}
