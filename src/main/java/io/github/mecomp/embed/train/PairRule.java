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

    private record Labels(String dataset, Map<Relation, Set<String>> forbidden, Set<String> tracks) {
    }

    private final Map<String, Labels> byKey = new HashMap<>();
    private final boolean otherTrackPositives;

    public PairRule(List<Dataset> sets, MiningConfig mining) {
        this.otherTrackPositives = mining.otherTrackPositives();
        for (Dataset set : sets) {
            LabelRoles roles = mining.rolesFor(set);
            RelationColumns track = roles.relations().get(Relation.TRACK);
            for (Clip clip : set.clips()) {
                Map<Relation, Set<String>> values = new HashMap<>();
                roles.relations().forEach((relation, columns) -> values.put(relation, valuesOf(roles, clip, columns)));
                Set<String> tracks = track == null ? Set.of() : roles.values(clip, track.same());
                byKey.put(ClipLibrary.key(set.name(), clip.id()), new Labels(set.name(), values, tracks));
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
     * Whether {@code candidate}, of the anchor's group under {@code relation}, may be its positive: always, but
     * for an album relation under {@link MiningConfig#otherTrackPositives()}, where another excerpt of the
     * anchor's own track may not.
     */
    public boolean allowsPositive(String anchor, String candidate, Relation relation) {
        if (!otherTrackPositives || relation != Relation.ALBUM) {
            return true;
        }
        Labels a = byKey.get(anchor);
        Labels c = byKey.get(candidate);
        return a == null || c == null || Collections.disjoint(a.tracks(), c.tracks());
    }
}
