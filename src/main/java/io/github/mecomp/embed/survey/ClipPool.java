package io.github.mecomp.embed.survey;

import io.github.mecomp.embed.audio.AudioDecodeException;
import io.github.mecomp.embed.audio.AudioDecoders;
import io.github.mecomp.embed.audio.AudioFileFormat;
import io.github.mecomp.embed.audio.BatchFailure;
import io.github.mecomp.embed.io.FileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The clips the operator chose: every audio file under one folder, registered at start-up. A file is decoded
 * once to learn its duration (so that answers given faster than the clips could be heard can be found);
 * unchanged files keep the duration measured on an earlier start.
 */
public final class ClipPool {

    private final Path root;
    private final Map<String, SurveyClip> byId;
    private final List<SurveyClip> clips;
    private final List<BatchFailure> failures;

    private ClipPool(Path root, List<SurveyClip> clips, List<BatchFailure> failures) {
        this.root = root;
        Map<String, SurveyClip> map = new LinkedHashMap<>();
        for (SurveyClip c : clips) {
            SurveyClip clash = map.put(c.id(), c);
            if (clash != null) {
                // 48 bits of SHA-256: a clash is astronomically unlikely, but it must not go unnoticed.
                throw new IllegalStateException("clip id " + c.id() + " is shared by " + clash.path() + " and " + c.path()
                        + "; rename one of the files");
            }
        }
        this.byId = Collections.unmodifiableMap(map);
        this.clips = List.copyOf(clips);
        this.failures = List.copyOf(failures);
    }

    /**
     * Registers every audio file under {@code dir}. Files that cannot be decoded are left out and listed in
     * {@link #failures()}.
     *
     * @param known clips registered on an earlier start, by path; reused when size and time are unchanged
     * @throws NoSuchFileException if {@code dir} is not a folder
     */
    public static ClipPool scan(Path dir, Map<String, SurveyClip> known) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "not a folder of clips");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(FileNames::hasAudioExtension).sorted().toList();
        }
        // Decoding whole files is the slow part of a first start: one file per core.
        List<Object> results;
        try {
            results = files.parallelStream().map(file -> {
                try {
                    return register(root, file, known);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<SurveyClip> clips = new ArrayList<>();
        List<BatchFailure> failures = new ArrayList<>();
        for (Object r : results) {
            if (r instanceof SurveyClip c) {
                clips.add(c);
            } else {
                failures.add((BatchFailure) r);
            }
        }
        return new ClipPool(root, clips, failures);
    }

    /** The file's clip, or why it cannot be one. */
    private static Object register(Path root, Path file, Map<String, SurveyClip> known) throws IOException {
        String path = FileNames.relativePath(root, file);
        long bytes = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        SurveyClip earlier = known.get(path);
        if (earlier != null && earlier.bytes() == bytes && earlier.modified() == modified) {
            return new SurveyClip(earlier.id(), path, file, earlier.format(), earlier.seconds(), bytes, modified);
        }
        try {
            AudioFileFormat format = AudioFileFormat.sniff(file);
            double seconds = AudioDecoders.forFormat(format).decode(file).durationSeconds();
            if (!(seconds > 0)) {
                return new BatchFailure(file, "no audio samples in the file");
            }
            return new SurveyClip(idOf(path), path, file, format, seconds, bytes, modified);
        } catch (AudioDecodeException e) {
            return new BatchFailure(file, e.reason());
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // As in FileBatch: whatever one file does, running out of memory included, is that file's failure.
            return BatchFailure.of(file, e);
        }
    }

    /** The stable id of a clip path: the first 12 hex digits of its SHA-256. */
    static String idOf(String path) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public Path root() {
        return root;
    }

    /** In path order. */
    public List<SurveyClip> clips() {
        return clips;
    }

    public SurveyClip byId(String id) {
        return byId.get(id);
    }

    public int size() {
        return clips.size();
    }

    /** Files that were left out, each with its reason. */
    public List<BatchFailure> failures() {
        return failures;
    }
}
