package io.github.mecomp.embed.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

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

    /**
     * A temporary file is created readable by its owner only; the file it becomes should be readable like any
     * other the user writes (a report served or shared as it is), so it gets rw-r--r-- where POSIX applies.
     */
    private static void readableByAll(Path file) throws IOException {
        if (Files.exists(file) && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Writes {@code target} through {@code content}, creating its folder if needed.
     *
     * @throws OutputWriteException naming {@code target} if anything in writing it failed (a full disk, a folder
     *                              that cannot be written, a folder in the way)
     */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath();
        Path folder = file.getParent();
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            try {
                content.writeTo(tmp);
                readableByAll(tmp);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw OutputWriteException.of(target, e);
        }
    }
}
