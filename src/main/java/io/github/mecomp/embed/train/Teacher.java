package io.github.mecomp.embed.train;

import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.model.TeacherPairs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A teacher's per-clip vectors for the distillation term of a group loss, read from a CSV in the format
 * {@code eval --embeddings} reads ({@link EmbeddingCsv}: {@code clip_id} first, then one column per dimension;
 * any dimension). A row names a clip by its id in its data set ({@code clip_id} of the set's clips.csv) or by the
 * run's key {@code <set>/<clip id>}, which tells apart equal ids of two sets.
 *
 * <p>Clips without a row take no part in the term (their pairs are masked out), so a teacher computed for one of
 * several sets, or one that failed on a few files, still teaches the rest; the run reports how many of its
 * clips the teacher covers and refuses a teacher that covers none.
 *
 * @param file   where the vectors came from, for the run's provenance
 * @param sha256 SHA-256 of the file's bytes, in hex (as {@code sha256sum} prints it)
 */
public record Teacher(Path file, String sha256, Map<String, float[]> vectors, int dimensions) {

    public Teacher {
        vectors = Map.copyOf(vectors);
    }

    /**
     * @throws io.github.mecomp.embed.data.DataFormatException naming the line and column of a malformed row (a
     *                                                        row with another number of values than the header
     *                                                        included)
     * @throws IllegalArgumentException                       if the file has no rows
     */
    public static Teacher read(Path file) throws IOException {
        Map<String, float[]> vectors = EmbeddingCsv.read(file);
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException(file + ": the teacher CSV has a header but no rows");
        }
        return new Teacher(file, sha256(file), vectors, vectors.values().iterator().next().length);
    }

    /** The vector of the clip keyed {@code <set>/<clip id>}: its row by key, else by clip id; null if none. */
    public float[] vectorFor(String key) {
        float[] v = vectors.get(key);
        if (v == null) {
            int slash = key.indexOf('/');
            v = slash < 0 ? null : vectors.get(key.substring(slash + 1));
        }
        return v;
    }

    /** How many of {@code keys} have a vector. */
    public int covered(Collection<String> keys) {
        return (int) keys.stream().filter(k -> vectorFor(k) != null).count();
    }

    /** The teacher's normalised distances for a batch of clips, by their keys. */
    public TeacherPairs pairs(List<String> keys) {
        List<float[]> rows = new ArrayList<>(keys.size());
        for (String k : keys) {
            rows.add(vectorFor(k));
        }
        return TeacherPairs.of(keys, rows);
    }

    /**
     * Checks that the teacher covers some of the run's training clips.
     *
     * @return how many it covers
     * @throws IllegalArgumentException if it covers none, with examples of both kinds of ids
     */
    public int requireCoverage(Collection<String> trainKeys) {
        int n = covered(trainKeys);
        if (n == 0 && !trainKeys.isEmpty()) {
            throw new IllegalArgumentException(file + ": the teacher has a vector for none of the run's "
                    + trainKeys.size() + " training clips (its clip_ids look like " + examples(vectors.keySet())
                    + "; the run's clips like " + examples(trainKeys) + "): was it computed for these data sets?");
        }
        return n;
    }

    private static String examples(Collection<String> ids) {
        return ids.stream().limit(3).map(id -> "'" + id + "'").reduce((a, b) -> a + ", " + b).orElse("none")
                + (ids.size() > 3 ? ", ..." : "");
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public String toString() {
        return "Teacher[" + file + ", " + vectors.size() + " clips x " + dimensions + ", sha256 " + sha256 + "]";
    }
}
