package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.io.OutputWriteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** The folder an option names for a command's output, checked before any work is done. */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * Fails if {@code dir} exists and is not a folder: the system's own error would be the path alone.
     *
     * @param option the option that named it, for the message ("--out")
     */
    static void requireNotAFile(Path dir, String option) throws NotDirectoryException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (" + option + ") is a file, not a folder: name a folder"
                    + " (it is created if missing)");
        }
    }

    /** Creates {@code dir} (and the folders above it) if needed; an error names it and says what is wrong. */
    static void create(Path dir, String option) throws IOException {
        requireNotAFile(dir, option);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw OutputWriteException.of(dir, e);
        }
    }
}
