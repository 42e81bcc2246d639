package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.LabelRoles;
import io.github.mecomp.embed.data.Relation;
import io.github.mecomp.embed.data.RelationColumns;
import io.github.mecomp.embed.data.Split;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retrieval figures beside triplet accuracy: each test clip in turn is the query, every other test clip with a
 * label is ranked by Euclidean distance, and the clips sharing the query's label are the relevant ones. This is
 * what MECOMP's radio does with one seed, so it says more than triplets about the playlists a user would hear.
 *
 * <p>Labels: one per clip. A list column (mer4q's {@code genres}) follows the evaluation triplets' definition
 * of "same genre": only clips with exactly one genre take part, as queries and as candidates, and two of them
 * are relevant to each other when that one genre is the same. A clip listed under several genres is left out
 * of the genre ranking entirely (it is neither relevant nor a distractor), and a clip without a label is left
 * out of that label's ranking.
 *
 * <p>Ties in distance are ranked pessimistically, irrelevant clips first, so that a constant embedding gets the
 * lowest score possible, just as ties count as wrong in {@link TripletAccuracy}.
 */
public final class Retrieval {

    /** The cut-off of precision at k that reports quote. */
    public static final int K = 5;

    private Retrieval() {
    }

    /**
     * The retrieval tasks of a set, by task name, each mapping the test clips that take part to their label:
     * artist (or any group column such as soundtrack) and genre, from the set's default {@link LabelRoles}.
     * Names are the column's, without an {@code _id} suffix, singular: {@code artist}, {@code soundtrack},
     * {@code genre}.
     */
    public static Map<String, Map<String, String>> tasks(Dataset set) {
        LabelRoles roles;
        try {
            roles = LabelRoles.defaultsFor(set);
        } catch (IllegalArgumentException e) {
            return Map.of(); // no label to rank by: the set still has its triplet tasks
        }
        List<String> columns = new ArrayList<>();
        columns.add(roles.groupColumn());
        for (Relation r : List.of(Relation.ARTIST, Relation.ALBUM, Relation.GENRE)) {
            RelationColumns rc = roles.relations().get(r);
            if (rc != null && !columns.contains(rc.same())) {
                columns.add(rc.same());
            }
        }
        Map<String, Map<String, String>> tasks = new LinkedHashMap<>();
        for (String column : columns) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Clip c : set.clips(Split.TEST)) {
                Set<String> values = roles.values(c, column);
                if (values.size() == 1) {
                    labels.put(c.id(), values.iterator().next());
                }
            }
            if (!labels.isEmpty()) {
                tasks.put(taskName(column), labels);
            }
        }
        return tasks;
    }

    static String taskName(String column) {
        String name = column.endsWith("_id") ? column.substring(0, column.length() - 3) : column;
        return name.equals("genres") ? "genre" : name;
    }

    /**
     * Precision at {@code k} and mean average precision over every clip of {@code labels} that has a vector and
     * at least one other relevant clip with a vector.
     *
     * @param labels  clip id to its label; its order is the candidates' order (only used among equal distances
     *                of clips equally relevant, where it changes nothing)
     * @param vectors clip id to vector; clips without one are left out (their audio failed)
     */
    public static RetrievalScore score(Map<String, String> labels, Map<String, float[]> vectors, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        List<String> ids = labels.keySet().stream().filter(vectors::containsKey).toList();
        int n = ids.size();
        double sumPrecision = 0;
        double sumAp = 0;
        int queries = 0;
        int withoutRelevant = 0;
        for (int q = 0; q < n; q++) {
            String query = ids.get(q);
            String label = labels.get(query);
            float[] qv = vectors.get(query);
            int count = n - 1;
            double[] dist = new double[count];
            boolean[] relevant = new boolean[count];
            Integer[] order = new Integer[count];
            int relevantTotal = 0;
            for (int i = 0, j = 0; i < n; i++) {
                if (i == q) {
                    continue;
                }
                String other = ids.get(i);
                dist[j] = TripletAccuracy.squaredDistance(qv, vectors.get(other));
                relevant[j] = label.equals(labels.get(other));
                relevantTotal += relevant[j] ? 1 : 0;
                order[j] = j;
                j++;
            }
            if (relevantTotal == 0) {
                withoutRelevant++;
                continue;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int c = Double.compare(dist[a], dist[b]);
                return c != 0 ? c : Boolean.compare(relevant[a], relevant[b]); // irrelevant first on a tie
            });
            int hits = 0;
            int hitsAtK = 0;
            double ap = 0;
            for (int rank = 1; rank <= count; rank++) {
                if (relevant[order[rank - 1]]) {
                    hits++;
                    ap += hits / (double) rank;
                    if (rank <= k) {
                        hitsAtK++;
                    }
                }
            }
            sumPrecision += hitsAtK / (double) k;
            sumAp += ap / relevantTotal;
            queries++;
        }
        return new RetrievalScore(queries == 0 ? Double.NaN : sumPrecision / queries,
                queries == 0 ? Double.NaN : sumAp / queries, queries, withoutRelevant, labels.size() - n);
    }
}
