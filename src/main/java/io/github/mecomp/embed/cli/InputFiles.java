package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.io.FileNames;
import io.github.mecomp.embed.io.PrintablePath;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** Expands the paths a user names into audio files: files as given, folders searched by file extension. */
final class InputFiles {

    /** A path under a folder that the search could not go into or through, and why, as one printable line. */
    record Skipped(Path path, String message) {

        @Override
        public String toString() {
            return message;
        }
    }

    /**
     * What a search found.
     *
     * @param files   the audio files, sorted within each folder named
     * @param skipped what was passed over (link loops, dangling links, unreadable folders), in the order met
     */
    record Listing(List<Path> files, List<Skipped> skipped) {

        Listing {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
        }
    }

    private InputFiles() {
    }

    /**
     * Files named directly are kept whatever their extension, so that a wrong one gets a clear error later.
     * Folders are searched through symbolic links too, as music libraries are often assembled from links. What
     * one folder cannot give (a link that loops back to a folder above it, a link to nothing, a folder that
     * cannot be read) is skipped with its reason and the search goes on: one bad corner of a library must not
     * stop the rest.
     *
     * @throws NoSuchFileException if a path named directly does not exist
     */
    static Listing expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                Search search = new Search();
                Files.walkFileTree(p, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, search);
                files.addAll(search.files.stream().sorted().toList());
                skipped.addAll(search.skipped);
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                throw new NoSuchFileException(p.toString(), null, "no such file or folder");
            }
        }
        return new Listing(files, skipped);
    }

    /** One folder's walk: collects audio files, and skips with a reason what cannot be walked. */
    static final class Search extends SimpleFileVisitor<Path> {

        final List<Path> files = new ArrayList<>();
        final List<Skipped> skipped = new ArrayList<>();

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isSymbolicLink()) {
                // Links are followed: one still seen as a link points to nothing that exists.
                skip(file, "dangling symbolic link: " + PrintablePath.of(file) + " -> " + linkTarget(file)
                        + " (nothing there), skipped");
            } else if (attrs.isRegularFile() && FileNames.hasAudioExtension(file)) {
                files.add(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
                skip(file, loop(file));
            } else if (e instanceof AccessDeniedException) {
                skip(file, "cannot read " + PrintablePath.of(file) + " (permission denied), skipped");
            } else {
                skip(file, "cannot read " + PrintablePath.of(file) + " (" + reason(e) + "), skipped");
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) { // the folder opened but listing it failed part-way
                skip(dir, "cannot list all of " + PrintablePath.of(dir) + " (" + reason(e) + "), the rest skipped");
            }
            return FileVisitResult.CONTINUE;
        }

        private void skip(Path path, String message) {
            skipped.add(new Skipped(path, message));
        }

        /**
         * The walk meets a loop at the first folder it has already entered; the link that leads there is that
         * path or one of the folders above it (a link to "..", say).
         */
        private static String loop(Path file) {
            Path link = file;
            while (link != null && !Files.isSymbolicLink(link)) {
                link = link.getParent();
            }
            String again;
            try {
                again = PrintablePath.of(file.toRealPath());
            } catch (IOException e) {
                again = "?";
            }
            if (link == null) {
                return "symbolic-link loop: " + PrintablePath.of(file) + " is " + again + " again, skipped";
            }
            return "symbolic-link loop: " + PrintablePath.of(link) + " -> " + linkTarget(link) + " (leads back to "
                    + again + ", a folder above it), skipped";
        }

        private static String linkTarget(Path file) {
            try {
                return PrintablePath.of(Files.readSymbolicLink(file));
            } catch (IOException | UnsupportedOperationException e) {
                return "?"; // the loop is through a link above it, or the link vanished meanwhile
            }
        }

        private static String reason(IOException e) {
            if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
                return fse.getReason();
            }
            return e.getMessage() == null ? e.getClass().getSimpleName() : PrintablePath.escape(e.getMessage());
        }
    }
}
