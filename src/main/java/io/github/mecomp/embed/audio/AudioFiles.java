package io.github.mecomp.embed.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opening files with the same plain-words errors for every decoder, and the shared error wording. */
final class AudioFiles {

    /** Large enough that the codecs' small reads never reach the file system one by one. */
    static final int BUFFER_SIZE = 64 * 1024;

    private AudioFiles() {
    }

    /** Checks that the file can be decoded at all and returns its size, which is never zero. */
    static long checkReadable(Path file) throws AudioDecodeException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (!Files.exists(file)) {
            throw new AudioDecodeException(file, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new AudioDecodeException(file, "unreadable: it is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new AudioDecodeException(file, "unreadable: permission denied");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (size == 0) {
            throw new AudioDecodeException(file, "empty file (0 bytes)");
        }
        return size;
    }

    /** A buffered stream over a file that passed {@link #checkReadable}. */
    static InputStream open(Path file) throws AudioDecodeException {
        checkReadable(file);
        try {
            return new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** A channel for the few positioned reads of format sniffing. */
    static SeekableByteChannel openChannel(Path file) throws AudioDecodeException {
        checkReadable(file);
        try {
            return Files.newByteChannel(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The file system refused or failed a read; the file itself may be fine. */
    static AudioDecodeException unreadable(Path file, IOException e) {
        if (e instanceof AudioDecodeException ade) {
            return ade;
        }
        if (e instanceof NoSuchFileException) {
            return new AudioDecodeException(file, "file not found", e);
        }
        if (e instanceof AccessDeniedException) {
            return new AudioDecodeException(file, "unreadable: permission denied", e);
        }
        return new AudioDecodeException(file, "unreadable: " + e, e);
    }

    static TruncatedAudioException truncated(Path file, String detail) {
        return new TruncatedAudioException(file, detail);
    }

    static AudioDecodeException corrupt(Path file, String detail) {
        return new AudioDecodeException(file, "corrupt: " + detail);
    }

    static AudioDecodeException unsupported(Path file, String what) {
        return new AudioDecodeException(file, "unsupported format: " + what);
    }

    /**
     * Wraps what a codec library threw on damaged input. The Java codecs signal bad data with anything from
     * their own checked exceptions to ArrayIndexOutOfBoundsException or custom Errors, so every throwable is
     * taken as "the data is corrupt", except the JVM running out of memory or stack, which says nothing
     * about the file and must reach the caller as it is.
     */
    static AudioDecodeException codecFailure(Path file, String codec, Throwable failure) {
        if (failure instanceof VirtualMachineError vmError) {
            throw vmError;
        }
        if (failure instanceof AudioDecodeException ade) {
            return ade;
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return new AudioDecodeException(file, "corrupt: the " + codec + " decoder rejected the data (" + detail + ")",
                failure);
    }
}
