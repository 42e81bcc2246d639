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

    private static String sha256(List<Path> files, Path base) throws IOException {
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
            try (InputStream in = Files.newInputStream(f)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
