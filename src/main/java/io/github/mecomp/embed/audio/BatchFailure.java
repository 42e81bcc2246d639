package io.github.mecomp.embed.audio;

import io.github.mecomp.embed.io.PrintablePath;
import java.nio.file.Path;

/** A file a batch could not use, and why, in words the user can act on. */
public record BatchFailure(Path file, String reason) {

    /** The failure a batch records for what one file's work threw. */
    public static BatchFailure of(Path file, Throwable e) {
        if (e instanceof AudioDecodeException ade) {
            return new BatchFailure(ade.file(), ade.reason());
        }
        if (e instanceof OutOfMemoryError) {
            return new BatchFailure(file, "out of memory: " + messageOf(e) + " with a heap of at most "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; try a larger -Xmx (java -Xmx4g -jar ...)");
        }
        if (e instanceof StackOverflowError) {
            return new BatchFailure(file, "stack overflow while reading it (a deeply nested or looping structure);"
                    + " please report it with the file");
        }
        return new BatchFailure(file, messageOf(e));
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One line, whatever the file's name holds: control characters are escaped (see {@link PrintablePath}). */
    @Override
    public String toString() {
        return PrintablePath.of(file) + ": " + PrintablePath.escape(reason);
    }
}
