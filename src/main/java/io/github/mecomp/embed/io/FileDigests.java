package io.github.mecomp.embed.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Content fingerprints, so that a run can record exactly which files it started from and refuse others. */
public final class FileDigests {

    /** What stands for an absent file's content (a file of exactly these bytes would hash alike; no audio is one). */
    private static final byte[] ABSENT = "\u0000absent\u0000".getBytes(StandardCharsets.UTF_8);

    private FileDigests() {
    }

    /** SHA-256 of one file, in hex. */
    public static String sha256(Path file) throws IOException {
        return sha256(List.of(file), file.getParent());
    }

    /**
     * SHA-256 of every regular file under {@code folder} (sorted, each preceded by its relative path), in hex:
     * it changes when any file's content or name does.
     */
    public static String sha256OfTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return sha256(walk.filter(Files::isRegularFile).sorted().toList(), folder);
        }
    }

    /**
     * SHA-256 of {@code files} in the order given, each preceded by its path relative to {@code base}, in hex. A
     * file that does not exist adds its name and a marker instead of failing, so the digest still tells which
     * files were absent (a data set may list a clip whose file a run then reports as unusable).
     */
    public static String sha256OfFiles(List<Path> files, Path base) throws IOException {
        return sha256(files, base, true);
    }

    private static String sha256(List<Path> files, Path base) throws IOException {
        return sha256(files, base, false);
    }

    private static String sha256(List<Path> files, Path base, boolean markAbsent) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            Path name = base == null ? f.getFileName() : base.relativize(f);
            digest.update(name.toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            if (markAbsent && !Files.exists(f)) {
                digest.update(ABSENT);
                continue;
            }
            try (InputStream in = Files.newInputStream(f)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
