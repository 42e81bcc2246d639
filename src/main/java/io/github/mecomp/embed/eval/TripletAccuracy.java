package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.data.Triplet;
import java.util.List;
import java.util.Map;

/**
 * The one metric of the project: the share of triplets whose anchor lies strictly closer (Euclidean) to
 * the positive than to the negative. A tie counts as wrong, so a constant embedding scores 0, not 50%.
 */
public final class TripletAccuracy {

    private TripletAccuracy() {
    }

    public static TaskScore score(List<Triplet> triplets, Map<String, float[]> embeddings) {
        long correct = 0;
        long n = 0;
        long skipped = 0;
        for (Triplet t : triplets) {
            float[] a = embeddings.get(t.anchor());
            float[] p = embeddings.get(t.positive());
            float[] q = embeddings.get(t.negative());
            if (a == null || p == null || q == null) {
                skipped++;
                continue;
            }
            n++;
            if (isCorrect(a, p, q)) {
                correct++;
            }
        }
        return new TaskScore(correct, n, skipped);
    }

    /** True when the anchor is strictly closer to the positive than to the negative. */
    public static boolean isCorrect(float[] anchor, float[] positive, float[] negative) {
        return squaredDistance(anchor, positive) < squaredDistance(anchor, negative);
    }

    public static double squaredDistance(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("embeddings differ in size: " + x.length + " vs " + y.length);
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            s += d * d;
        }
        return s;
    }
}
