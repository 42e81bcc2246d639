package io.github.mecomp.embed.train;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often the P x K batches of each relation come round: a relation of weight 2 gets two batches for each one
 * of a relation of weight 1. A key names a relation of every data set ({@code album}) or of one
 * ({@code gamemusic/album}, which wins over the plain name); relations not named weigh 1, so {@link #EQUAL}
 * is the plain cycle through them.
 *
 * <p>Whole numbers keep the cycle exact and a run repeatable: the batches of one cycle are known in advance, and
 * a resumed run goes on where it stopped.
 *
 * @param weights relation or {@code dataset/relation} to its weight, 1 to {@value #MAX_WEIGHT}
 */
public record RelationWeights(Map<String, Integer> weights) {

    /** The largest weight: a relation ten times as often as another is already most of the run. */
    public static final int MAX_WEIGHT = 10;

    /** Every relation the same number of batches. */
    public static final RelationWeights EQUAL = new RelationWeights(Map.of());

    public RelationWeights {
        if (weights == null) {
            throw new IllegalArgumentException("training: the relation weights are missing");
        }
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            String key = e.getKey();
            if (!RelationKeys.isName(key)) {
                throw new IllegalArgumentException("training: a relation weight needs a relation name (album, or"
                        + " gamemusic/album), got '" + key + "'");
            }
            Integer w = e.getValue();
            if (w == null || w < 1 || w > MAX_WEIGHT) {
                throw new IllegalArgumentException("training: the weight of relation '" + key + "' must be a whole"
                        + " number from 1 to " + MAX_WEIGHT + ", got " + w
                        + " (to leave a relation out, leave it out of --relations)");
            }
        }
        weights = Collections.unmodifiableMap(new TreeMap<>(weights));
    }

    /**
     * Parses {@code R=W} items such as {@code album=2} or {@code gamemusic/album=3}; each relation at most once.
     */
    public static RelationWeights parse(List<String> items) {
        Map<String, Integer> out = new TreeMap<>();
        for (String item : items) {
            String s = item == null ? "" : item.strip();
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new IllegalArgumentException("--relation-weights: '" + item + "' is not RELATION=WEIGHT"
                        + " (e.g. album=2 or gamemusic/album=2)");
            }
            String key = s.substring(0, eq).strip();
            String value = s.substring(eq + 1).strip();
            int weight;
            try {
                weight = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--relation-weights: the weight of '" + key + "' must be a whole"
                        + " number from 1 to " + MAX_WEIGHT + ", got '" + value + "'", e);
            }
            if (out.put(key, weight) != null) {
                throw new IllegalArgumentException("--relation-weights: '" + key + "' is weighted twice");
            }
        }
        return new RelationWeights(out);
    }

    /** The weight of the batches of {@code pool}, a {@code dataset/relation} name. */
    public int weightOf(String pool) {
        Integer own = weights.get(pool);
        if (own != null) {
            return own;
        }
        int slash = pool.indexOf('/');
        return weights.getOrDefault(slash < 0 ? pool : pool.substring(slash + 1), 1);
    }

    /** Whether every relation gets the same number of batches. */
    public boolean isEqual() {
        return weights.values().stream().allMatch(w -> w == 1);
    }

    /**
     * Fails when a key names no relation of {@code pools} (the {@code dataset/relation} names batches are drawn
     * from), which would otherwise be a typo that silently weighs nothing.
     */
    public void requireKnown(Collection<String> pools) {
        RelationKeys.requireKnown("--relation-weights", weights.keySet(), pools);
    }

    @Override
    public String toString() {
        return weights.toString();
    }
}
