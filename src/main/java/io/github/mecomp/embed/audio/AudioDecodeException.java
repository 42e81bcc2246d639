package io.github.mecomp.embed.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file could not be turned into usable audio. The message always starts with the file, then says what
 * was wrong with it, so that a batch can list failures the user can act on.
 */
public class AudioDecodeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final String reason;

    public AudioDecodeException(Path file, String reason) {
        this(file, reason, null);
    }

    public AudioDecodeException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file that failed. */
    public Path file() {
        return file;
    }

    /** What was wrong, without the file name. */
    public String reason() {
        return reason;
    }
}
