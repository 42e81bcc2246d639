package io.github.mecomp.embed.train;

import io.github.mecomp.embed.data.Relation;
import io.github.mecomp.embed.eval.TripletAccuracy;
import java.util.List;

/**
 * Re-chooses each triplet's negative among the clips of its batch (FaceNet's semi-hard rule): the closest
 * valid clip that is still farther from the anchor than the positive. Easy negatives teach nothing once the
 * model has learnt them; the very hardest are often label noise, and pulling on them collapses the space.
 */
public final class SemiHardNegatives {

    private SemiHardNegatives() {
    }

    /**
     * For each triplet i of the batch, the batch row to use as its negative (the mined one, row 2B + i, when
     * no candidate is semi-hard).
     *
     * @param embeddings one row per batch row: anchors, positives, negatives
     * @param relations  the relation each triplet was mined for; null for a triplet whose negative must stay
     *                   (a human judgement)
     */
    public static int[] choose(float[][] embeddings, List<String> keys, List<Relation> relations, PairRule rule,
                               double margin) {
        int b = relations.size();
        int[] chosen = new int[b];
        for (int i = 0; i < b; i++) {
            chosen[i] = 2 * b + i;
            if (relations.get(i) == null) {
                continue;
            }
            double dPos = TripletAccuracy.squaredDistance(embeddings[i], embeddings[b + i]);
            double best = Double.POSITIVE_INFINITY;
            for (int row = 0; row < 3 * b; row++) {
                if (row == i || row == b + i || keys.get(row).equals(keys.get(i)) || keys.get(row).equals(keys.get(b + i))) {
                    continue;
                }
                double d = TripletAccuracy.squaredDistance(embeddings[i], embeddings[row]);
                if (d > dPos && d < dPos + margin && d < best
                        && rule.allowsNegative(keys.get(i), keys.get(row), relations.get(i))) {
                    best = d;
                    chosen[i] = row;
                }
            }
        }
        return chosen;
    }
}
