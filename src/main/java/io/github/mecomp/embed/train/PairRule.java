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
 * positive is never another excerpt of the anchor's own track.
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

    public PairRule(List<Dataset> sets, MiningConfig mining) {
        for (Dataset set : sets) {
            LabelRoles roles = mining.rolesFor(set);
            for (Clip clip : set.clips()) {
                Map<Relation, Set<String>> values = new HashMap<>();
                Map<Relation, Set<String>> mustDiffer = new HashMap<>();
                roles.relations().forEach((relation, columns) -> {
                    values.put(relation, valuesOf(roles, clip, columns));
                    String column = mining.positiveMustDifferIn(roles, relation);
                    if (column != null) {
                        mustDiffer.put(relation, roles.values(clip, column));
                    }
                });
                byKey.put(ClipLibrary.key(set.name(), clip.id()), new Labels(set.name(), values, mustDiffer));
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
        return Collections.disjoint(av, cv);
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
