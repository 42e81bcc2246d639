package io.github.mecomp.embed.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The rules for file names that several commands share: which files a folder walk takes as audio, how a file is
 * keyed relative to its folder, and what its name is without the extension. One place, so that a song found by
 * {@code embed} has the key {@code survey}, {@code excerpts} and {@code eval} look for.
 */
public final class FileNames {

    /** The extensions a folder walk takes as audio (the decoders then go by content, not by name). */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "ogg", "oga", "flac", "wav");

    private FileNames() {
    }

    /** Whether the file's extension is one of {@link #AUDIO_EXTENSIONS}, in any case. */
    public static boolean hasAudioExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** {@code file}'s path relative to {@code folder}, with '/' on every system: its key in outputs. */
    public static String relativePath(Path folder, Path file) {
        Path relative = folder.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    /** A '/'-separated path or a file name without its extension; a leading dot (".hidden") is not one. */
    public static String withoutExtension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }
}
