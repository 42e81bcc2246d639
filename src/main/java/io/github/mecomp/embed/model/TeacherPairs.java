package io.github.mecomp.embed.model;

import java.util.Arrays;
import java.util.List;

/**
 * What a teacher says about the songs of a group batch, for the relational distillation term of a
 * {@link GroupLoss} (Park, Kim, Lu and Cho 2019, "Relational Knowledge Distillation", distance-wise term): the
 * teacher's Euclidean distance of each pair divided by their mean, and which pairs count.
 *
 * <p>A pair counts when both songs have a teacher vector and are different clips: two crops of one clip share
 * one teacher vector, which says nothing about how far apart the crops should be. The student's distances are
 * divided by their own mean over the same pairs inside the graph, so the teacher's scale and dimension do not
 * matter.
 *
 * @param distances [n * n] the teacher's distances over their mean on counted pairs; 0 elsewhere
 * @param counted   [n * n] the pairs that take part
 */
public record TeacherPairs(int n, float[] distances, boolean[] counted) {

    public TeacherPairs {
        if (distances.length != n * n || counted.length != n * n) {
            throw new IllegalArgumentException("model: teacher pairs of " + n + " songs need " + n * n
                    + " entries each, got " + distances.length + " and " + counted.length);
        }
        distances = distances.clone();
        counted = counted.clone();
    }

    /**
     * The pairs of a batch from each row's clip key and teacher vector (null: the teacher has none for it).
     *
     * @throws IllegalArgumentException if two vectors differ in length
     */
    public static TeacherPairs of(List<String> keys, List<float[]> vectors) {
        int n = keys.size();
        if (vectors.size() != n) {
            throw new IllegalArgumentException("model: " + n + " keys but " + vectors.size() + " teacher vectors");
        }
        float[] distances = new float[n * n];
        boolean[] counted = new boolean[n * n];
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float[] a = vectors.get(i);
                float[] b = vectors.get(j);
                if (i == j || a == null || b == null || keys.get(i).equals(keys.get(j))) {
                    continue;
                }
                if (a.length != b.length) {
                    throw new IllegalArgumentException("model: the teacher vectors of " + keys.get(i) + " and "
                            + keys.get(j) + " have " + a.length + " and " + b.length + " dimensions");
                }
                double d = 0;
                for (int k = 0; k < a.length; k++) {
                    double x = a[k] - b[k];
                    d += x * x;
                }
                distances[i * n + j] = (float) Math.sqrt(d);
                counted[i * n + j] = true;
                sum += distances[i * n + j];
                pairs++;
            }
        }
        double mean = pairs == 0 ? 0 : sum / pairs;
        if (mean > 0) {
            for (int k = 0; k < n * n; k++) {
                distances[k] = (float) (distances[k] / mean);
            }
        }
        return new TeacherPairs(n, distances, counted);
    }

    /** Pairs that take part (each unordered pair twice, as (i, j) and (j, i)). */
    public int countedPairs() {
        int c = 0;
        for (boolean b : counted) {
            c += b ? 1 : 0;
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeacherPairs t && t.n == n && Arrays.equals(t.distances, distances)
                && Arrays.equals(t.counted, counted);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(distances) + Arrays.hashCode(counted);
    }

    @Override
    public String toString() {
        return "TeacherPairs[" + n + " songs, " + countedPairs() + " counted pairs]";
    }
}
