package io.github.mecomp.embed.cli;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Expands the paths a user names into audio files: files as given, folders searched by file extension. */
final class InputFiles {

    static final Set<String> EXTENSIONS = Set.of("mp3", "ogg", "oga", "flac", "wav");

    private InputFiles() {
    }

    /**
     * Files named directly are kept whatever their extension, so that a wrong one gets a clear error later.
     * Folders are searched through symbolic links too, as music libraries are often assembled from links; a
     * link loop is an error naming it.
     */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p, FileVisitOption.FOLLOW_LINKS)) {
                    walk.filter(Files::isRegularFile).filter(InputFiles::hasAudioExtension).sorted()
                            .forEach(out::add);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new NoSuchFileException(p.toString(), null, "no such file or folder");
            }
        }
        return out;
    }

    static boolean hasAudioExtension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
