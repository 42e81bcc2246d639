package io.github.mecomp.embed.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A library's songs and their vectors (an embeddings CSV written by {@code embed}), searched the way MECOMP
 * searches it: nearest by Euclidean distance.
 */
public final class SongVectors {

    /** A song and its distance from the query. */
    public record Neighbour(String song, double distance) {
    }

    private final Path source;
    private final Map<String, float[]> vectors;

    public SongVectors(Path source, Map<String, float[]> vectors) {
        this.source = source;
        this.vectors = new LinkedHashMap<>(vectors);
    }

    /** Reads an embeddings CSV ({@link EmbeddingCsv}); an empty one is an error, as nothing could be searched. */
    public static SongVectors read(Path file) throws IOException {
        Map<String, float[]> vectors = EmbeddingCsv.read(file);
        if (vectors.isEmpty()) {
            throw new IOException(file + ": no songs below the header");
        }
        return new SongVectors(file, vectors);
    }

    public int size() {
        return vectors.size();
    }

    /**
     * The key of a song as the user named it: the exact key, or else the one key ending in {@code /<song>}
     * (a file name without its folders).
     *
     * @throws IllegalArgumentException naming the file and suggesting keys when none or several match
     */
    public String resolve(String song) {
        if (vectors.containsKey(song)) {
            return song;
        }
        String normalised = song.replace('\\', '/');
        List<String> bySuffix = vectors.keySet().stream().filter(k -> k.endsWith("/" + normalised)).toList();
        if (bySuffix.size() == 1) {
            return bySuffix.get(0);
        }
        if (bySuffix.size() > 1) {
            throw new IllegalArgumentException("'" + song + "' matches " + bySuffix.size() + " songs in " + source
                    + ": " + preview(bySuffix) + "; give the path as written there");
        }
        String lower = normalised.toLowerCase(java.util.Locale.ROOT);
        List<String> near = vectors.keySet().stream()
                .filter(k -> k.toLowerCase(java.util.Locale.ROOT).contains(lower)).toList();
        throw new IllegalArgumentException("unknown song '" + song + "': not among the " + vectors.size()
                + " songs of " + source + (near.isEmpty() ? "" : "; did you mean " + preview(near) + "?"));
    }

    public float[] vector(String key) {
        float[] v = vectors.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown song '" + key + "' in " + source);
        }
        return v;
    }

    /** The {@code n} songs nearest {@code query}, nearest first, leaving out {@code exclude}. */
    public List<Neighbour> nearest(float[] query, Set<String> exclude, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of songs must be >= 1, got " + n);
        }
        List<Neighbour> all = new ArrayList<>();
        vectors.forEach((song, v) -> {
            if (!exclude.contains(song)) {
                all.add(new Neighbour(song, Math.sqrt(TripletAccuracy.squaredDistance(query, v))));
            }
        });
        all.sort(Comparator.comparingDouble(Neighbour::distance)); // stable: file order among equal distances
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** The songs nearest one song, itself left out. */
    public List<Neighbour> similar(String song, int n) {
        String key = resolve(song);
        return nearest(vector(key), Set.of(key), n);
    }

    /**
     * A radio playlist as MECOMP makes one: the mean of the seeds' vectors is the query, the nearest songs come
     * first, the seeds themselves are left out.
     */
    public List<Neighbour> playlist(Collection<String> seeds, int n) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a playlist needs at least one seed song");
        }
        Set<String> keys = new java.util.LinkedHashSet<>();
        for (String s : seeds) {
            keys.add(resolve(s));
        }
        List<float[]> seedVectors = keys.stream().map(this::vector).toList();
        return nearest(mean(seedVectors), keys, n);
    }

    static float[] mean(List<float[]> vectors) {
        int d = vectors.get(0).length;
        double[] sum = new double[d];
        for (float[] v : vectors) {
            if (v.length != d) {
                throw new IllegalArgumentException("vectors differ in size: " + v.length + " vs " + d);
            }
            for (int i = 0; i < d; i++) {
                sum[i] += v[i];
            }
        }
        float[] out = new float[d];
        for (int i = 0; i < d; i++) {
            out[i] = (float) (sum[i] / vectors.size());
        }
        return out;
    }

    private static String preview(List<String> keys) {
        List<String> shown = keys.subList(0, Math.min(3, keys.size()));
        return String.join(", ", shown) + (keys.size() > 3 ? ", ..." : "");
    }
}
