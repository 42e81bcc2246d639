package io.github.mecomp.embed.audio;

import java.nio.file.Path;

/** A file a batch could not use, and why, in words the user can act on. */
public record BatchFailure(Path file, String reason) {

    static BatchFailure of(Path file, Exception e) {
        if (e instanceof AudioDecodeException ade) {
            return new BatchFailure(ade.file(), ade.reason());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new BatchFailure(file, message);
    }

    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
