package io.github.mecomp.embed.train;

import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.LabelRoles;
import io.github.mecomp.embed.data.MiningConfig;
import io.github.mecomp.embed.data.Relation;
import io.github.mecomp.embed.data.RelationColumns;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a clip may serve as the negative of an anchor under a relation: same data set, and none of the
 * anchor's values in the relation's columns (the miner's own rule, so that a re-chosen negative is as valid
 * as a mined one).
 */
public final class NegativeRule {

    private record Labels(String dataset, Map<Relation, Set<String>> forbidden) {
    }

    private final Map<String, Labels> byKey = new HashMap<>();

    public NegativeRule(List<Dataset> sets, MiningConfig mining) {
        for (Dataset set : sets) {
            LabelRoles roles = mining.rolesFor(set);
            for (Clip clip : set.clips()) {
                Map<Relation, Set<String>> values = new HashMap<>();
                roles.relations().forEach((relation, columns) -> values.put(relation, valuesOf(roles, clip, columns)));
                byKey.put(ClipLibrary.key(set.name(), clip.id()), new Labels(set.name(), values));
            }
        }
    }

    private static Set<String> valuesOf(LabelRoles roles, Clip clip, RelationColumns columns) {
        Set<String> v = new java.util.HashSet<>(roles.values(clip, columns.same()));
        v.addAll(roles.values(clip, columns.different()));
        return v;
    }

    /** True when {@code candidate} shares no label of {@code relation} with {@code anchor}, in the same set. */
    public boolean allows(String anchor, String candidate, Relation relation) {
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
}
