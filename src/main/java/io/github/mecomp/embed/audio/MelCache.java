package io.github.mecomp.embed.audio;

import io.github.mecomp.embed.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

/**
 * Log-mel windows kept on disk, keyed by the audio file's content and the front-end configuration, so a
 * renamed file still hits and a changed setting never returns stale numbers.
 *
 * <p>Entries are written to a temporary file and renamed into place, so a crash mid-write leaves either
 * the old entry or none, never a torn one; an unreadable entry is treated as a miss and rewritten.
 *
 * <p>Entry format (big-endian): magic {@code MELC}, int version, int windows, int frames, int bands,
 * then windows*frames*bands float32 values.
 */
public final class MelCache {

    private static final int MAGIC = 0x4D454C43; // "MELC"
    /** 2: stereo mixed as MECOMP mixes it, (L + R)·√2/2, so entries of the averaging decoders (1) are stale. */
    private static final int VERSION = 2;

    /** Computes the value on a miss. */
    @FunctionalInterface
    public interface Computation {
        float[][][] compute() throws IOException;
    }

    private final Path dir;
    private final FrontEndConfig config;
    private final byte[] configKey;

    public MelCache(Path dir, FrontEndConfig config) throws IOException {
        this.dir = dir;
        this.config = config;
        this.configKey = (config.key() + "|cache-v" + VERSION).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(dir);
    }

    public FrontEndConfig config() {
        return config;
    }

    public Path dir() {
        return dir;
    }

    /** The cached windows of {@code audioFile}, or {@code computation}'s result, stored before it is returned. */
    public float[][][] getOrCompute(Path audioFile, Computation computation) throws IOException {
        return getOrCompute(audioFile, computation, () -> true);
    }

    /**
     * The cached windows of {@code audioFile}, or {@code computation}'s result, stored before it is returned when
     * {@code store} says so after the computation (not, for instance, for a file read only up to where it was cut).
     */
    public float[][][] getOrCompute(Path audioFile, Computation computation, BooleanSupplier store)
            throws IOException {
        Path entry = entryFor(audioFile);
        float[][][] cached = read(entry);
        if (cached != null) {
            return cached;
        }
        float[][][] value = computation.compute();
        if (store.getAsBoolean()) {
            write(entry, value);
        }
        return value;
    }

    /** Where the entry for {@code audioFile}'s current content lives. */
    Path entryFor(Path audioFile) throws IOException {
        MessageDigest sha = sha256();
        sha.update(configKey);
        try (InputStream in = Files.newInputStream(audioFile)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new AudioDecodeException(audioFile, "file not found", e);
        }
        String key = HexFormat.of().formatHex(sha.digest());
        return dir.resolve(key.substring(0, 2)).resolve(key + ".mel");
    }

    private static float[][][] read(Path entry) {
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(entry)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return null;
            }
            int windows = in.readInt();
            int frames = in.readInt();
            int bands = in.readInt();
            if (windows < 0 || frames <= 0 || bands <= 0 || (long) windows * frames * bands > Integer.MAX_VALUE) {
                return null;
            }
            float[][][] out = new float[windows][frames][bands];
            for (float[][] w : out) {
                for (float[] f : w) {
                    for (int b = 0; b < bands; b++) {
                        f[b] = in.readFloat();
                    }
                }
            }
            if (in.read() != -1) {
                return null; // trailing bytes: not an entry we wrote
            }
            return out;
        } catch (EOFException e) {
            return null;
        } catch (IOException e) {
            return null; // an unreadable entry is recomputed and replaced
        }
    }

    private static void write(Path entry, float[][][] value) throws IOException {
        AtomicFiles.write(entry, tmp -> {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(value.length);
                out.writeInt(value.length == 0 ? 1 : value[0].length);
                out.writeInt(value.length == 0 ? 1 : value[0][0].length);
                for (float[][] w : value) {
                    for (float[] f : w) {
                        for (float v : f) {
                            out.writeFloat(v);
                        }
                    }
                }
            }
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
