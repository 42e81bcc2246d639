package io.github.mecomp.embed.train;

import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.LabelRoles;
import io.github.mecomp.embed.data.MiningConfig;
import io.github.mecomp.embed.data.Relation;
import io.github.mecomp.embed.data.RelationColumns;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The miner's rules for pairs of training clips, for batches that pair clips afresh (P x K batches, re-chosen
 * negatives), so that such a pair is as valid as a mined one: a negative is in the same data set and has none
 * of the anchor's values in the relation's columns; with {@link MiningConfig#otherTrackPositives()}, an album
 * positive is never another excerpt of the anchor's own track; with {@link MoodNegatives#OPPOSITE}, a mood
 * negative is of the anchor's opposite quadrant.
 */
public final class PairRule {

    /**
     * @param forbidden   per relation, the values a negative may not share
     * @param mustDiffer  per relation that has one, the values a positive may not share
     *                    ({@link MiningConfig#positiveMustDifferIn})
     */
    private record Labels(String dataset, Map<Relation, Set<String>> forbidden, Map<Relation, Set<String>> mustDiffer) {
    }

    private final Map<String, Labels> byKey = new HashMap<>();
    private final MoodNegatives moodNegatives;

    /** The miner's rules, every other quadrant a mood negative. */
    public PairRule(List<Dataset> sets, MiningConfig mining) {
        this(sets, mining, MoodNegatives.OTHER);
    }

    /**
     * @throws IllegalArgumentException with {@link MoodNegatives#OPPOSITE}, when a clip's mood label is not a
     *                                  quadrant Q1-Q4 (named with its set and clip)
     */
    public PairRule(List<Dataset> sets, MiningConfig mining, MoodNegatives moodNegatives) {
        this.moodNegatives = moodNegatives;
        for (Dataset set : sets) {
            LabelRoles roles = mining.rolesFor(set);
            for (Clip clip : set.clips()) {
                Map<Relation, Set<String>> values = new HashMap<>();
                Map<Relation, Set<String>> mustDiffer = new HashMap<>();
                roles.relations().forEach((relation, columns) -> {
                    values.put(relation, valuesOf(roles, clip, columns));
                    if (relation == Relation.MOOD && moodNegatives == MoodNegatives.OPPOSITE) {
                        requireQuadrants(set, clip, columns.same(), values.get(relation));
                    }
                    String column = mining.positiveMustDifferIn(roles, relation);
                    if (column != null) {
                        mustDiffer.put(relation, roles.values(clip, column));
                    }
                });
                byKey.put(ClipLibrary.key(set.name(), clip.id()), new Labels(set.name(), values, mustDiffer));
            }
        }
    }

    private static void requireQuadrants(Dataset set, Clip clip, String column, Set<String> labels) {
        for (String label : labels) {
            if (MoodNegatives.quadrant(label) < 0) {
                throw new IllegalArgumentException("training: --mood-negatives opposite needs Russell quadrants Q1-Q4"
                        + " in column '" + column + "', but clip '" + clip.id() + "' of set '" + set.name()
                        + "' has '" + label + "'; use --mood-negatives other for other mood labels");
            }
        }
    }

    private static Set<String> valuesOf(LabelRoles roles, Clip clip, RelationColumns columns) {
        Set<String> v = new HashSet<>(roles.values(clip, columns.same()));
        v.addAll(roles.values(clip, columns.different()));
        return v;
    }

    /** True when {@code candidate} shares no label of {@code relation} with {@code anchor}, in the same set. */
    public boolean allowsNegative(String anchor, String candidate, Relation relation) {
        Labels a = byKey.get(anchor);
        Labels c = byKey.get(candidate);
        if (a == null || c == null || !a.dataset().equals(c.dataset())) {
            return false;
        }
        Set<String> av = a.forbidden().getOrDefault(relation, Set.of());
        Set<String> cv = c.forbidden().getOrDefault(relation, Set.of());
        if (av.isEmpty() || cv.isEmpty()) {
            return false; // unlabelled: cannot prove it is a negative
        }
        if (!Collections.disjoint(av, cv)) {
            return false;
        }
        return relation != Relation.MOOD || moodNegatives == MoodNegatives.OTHER || opposite(av, cv);
    }

    /** Whether some quadrant of one clip is opposite some quadrant of the other. */
    private static boolean opposite(Set<String> a, Set<String> b) {
        for (String x : a) {
            for (String y : b) {
                if (MoodNegatives.opposite(MoodNegatives.quadrant(x), MoodNegatives.quadrant(y))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code candidate}, of the anchor's group under {@code relation}, may be its positive: unless it
     * shares a value of {@link MiningConfig#positiveMustDifferIn} with the anchor (another excerpt of the
     * anchor's own track, for the album relation under {@link MiningConfig#otherTrackPositives()}).
     */
    public boolean allowsPositive(String anchor, String candidate, Relation relation) {
        Labels a = byKey.get(anchor);
        Labels c = byKey.get(candidate);
        if (a == null || c == null) {
            return true;
        }
        return Collections.disjoint(a.mustDiffer().getOrDefault(relation, Set.of()),
                c.mustDiffer().getOrDefault(relation, Set.of()));
    }
}
