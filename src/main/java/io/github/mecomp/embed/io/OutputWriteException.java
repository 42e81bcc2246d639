package io.github.mecomp.embed.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Writing an output failed. The message names the output the user asked for, not the temporary file the
 * failure happened in, nor the input being processed at the time: "cannot write out/song.npy: No space left
 * on device". A stream's own error ("No space left on device") names no file at all.
 */
public final class OutputWriteException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Path target;

    private OutputWriteException(Path target, String reason, IOException cause) {
        super("cannot write " + PrintablePath.of(target) + ": " + reason, cause);
        this.target = target;
    }

    /** {@code cause} as a failure to write {@code target}; returned as it is if it already names an output. */
    public static OutputWriteException of(Path target, IOException cause) {
        if (cause instanceof OutputWriteException named) {
            return named;
        }
        return new OutputWriteException(target, reason(target, cause), cause);
    }

    /** The output that could not be written. */
    public Path target() {
        return target;
    }

    private static String reason(Path target, IOException e) {
        // A file where a folder above the target should be: systems say "Not a directory" or name that file.
        for (Path p = target.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return PrintablePath.of(p) + " is a file, not a folder";
            }
        }
        if (!(e instanceof FileSystemException fse)) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String what = fse.getReason() != null ? fse.getReason() : kind(fse);
        // The file the system names is worth printing only if it is not the target or its temporary sibling.
        String file = fse.getFile();
        if (file == null || isTargetOrTemporary(target, Path.of(file))) {
            return what;
        }
        return PrintablePath.escape(file) + ": " + what;
    }

    private static String kind(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        } else if (e instanceof FileAlreadyExistsException) {
            return "it exists and is in the way";
        } else if (e instanceof DirectoryNotEmptyException) {
            return "a folder that is not empty is in the way";
        } else if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        return e.getClass().getSimpleName();
    }

    private static boolean isTargetOrTemporary(Path target, Path file) {
        Path t = target.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        return f.equals(t) || (t.getParent() != null && t.getParent().equals(f.getParent())
                && t.getFileName() != null && f.getFileName().toString().startsWith(t.getFileName().toString()));
    }
}
