package io.github.mecomp.embed.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing a file so that nothing is ever half-written: the content goes to a temporary file beside the
 * target, which is then renamed over it in one step. A crash, a full disk or an exception in the middle
 * leaves the old file (or none), never a torn one that a later run would take for complete.
 */
public final class AtomicFiles {

    /** Writes the whole content into the file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} through {@code content}, creating its folder if needed. */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Path folder = file.getParent();
        Files.createDirectories(folder);
        Path tmp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            content.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
