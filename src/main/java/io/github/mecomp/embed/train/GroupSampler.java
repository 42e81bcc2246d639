package io.github.mecomp.embed.train;

import io.github.mecomp.embed.data.HumanSplit;
import io.github.mecomp.embed.data.MinedTriplet;
import io.github.mecomp.embed.data.Relation;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.model.PairMasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws P x K batches (Hermans, Beyer and Leibe 2017): P groups of one relation, K clips of each.
 *
 * <p>The groups come from the mined training triplets: an anchor and its positive share the relation's label
 * (artist, soundtrack, track, single genre), so the clips linked by anchor-positive pairs of one
 * {@code dataset/relation} form its groups. That keeps to the miner's rules (training side of the validation
 * split, no test group, one-valued genres) without a second reading of the labels. A pair of clips from two
 * groups is a negative when the {@link PairRule} allows it (under the track relation, another track of the
 * same soundtrack is neither positive nor negative), and a pair of one group is a positive unless the rule
 * refuses it (another excerpt of the anchor's track, when album positives must be other tracks).
 *
 * <p>Batches cycle through the relations ({@code dataset/relation} pools, in sorted order), one relation per
 * batch, so that each gets the same number of steps, as each gets the same number of mined triplets; with
 * {@link RelationWeights} a relation of weight w comes round w times a cycle, its extra turns spread over the
 * cycle rather than back to back. A relation with fewer groups than P gives smaller batches, unless
 * {@link LossSettings#fillBatches()} gives it more clips of each group.
 */
public final class GroupSampler {

    /** The groups of one {@code dataset/relation}, each a list of clip keys. */
    record Pool(String name, Relation relation, List<List<String>> groups) {
    }

    private final List<Pool> pools;
    /** The pool of each step of one cycle, as indices into {@link #pools}. */
    private final int[] cycle;
    private final PairRule rule;
    private final LossSettings settings;

    GroupSampler(List<Pool> pools, PairRule rule, LossSettings settings) {
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("training: no relation has two groups of two clips for P x K batches;"
                    + " use --loss triplet, or data with more labelled clips");
        }
        this.pools = List.copyOf(pools);
        settings.relationWeights().requireKnown(pools.stream().map(Pool::name).toList());
        this.cycle = cycle(this.pools, settings.relationWeights());
        this.rule = rule;
        this.settings = settings;
    }

    /**
     * The groups of each {@code dataset/relation} of {@code train} (mined triplets; human judgements have no
     * relation and are left out). Relations with fewer than two groups of two clips are dropped.
     */
    public static GroupSampler of(List<MinedTriplet> train, PairRule rule, LossSettings settings) {
        Map<String, UnionFind> linked = new TreeMap<>();
        Map<String, Relation> relations = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            MinedTriplet m = train.get(i);
            if (HumanSplit.RELATION.equals(m.relation())) {
                continue;
            }
            String name = m.dataset() + "/" + m.relation();
            relations.computeIfAbsent(name, n -> Relation.parse(m.relation()));
            Triplet t = ClipLibrary.keyed(List.of(m)).get(0);
            linked.computeIfAbsent(name, n -> new UnionFind()).union(t.anchor(), t.positive());
        }
        List<Pool> pools = new ArrayList<>();
        linked.forEach((name, uf) -> {
            List<List<String>> groups = uf.groups().stream().filter(g -> g.size() >= 2).toList();
            if (groups.size() >= 2) {
                pools.add(new Pool(name, relations.get(name), groups));
            }
        });
        return new GroupSampler(pools, rule, settings);
    }

    /**
     * Round r of a cycle holds, in sorted order, every pool whose weight is above r: equal weights give the plain
     * cycle, and a heavier relation's extra batches come in the later rounds, between the others'.
     */
    private static int[] cycle(List<Pool> pools, RelationWeights weights) {
        int[] weight = pools.stream().mapToInt(p -> weights.weightOf(p.name())).toArray();
        int rounds = Arrays.stream(weight).max().orElse(1);
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < pools.size(); i++) {
                if (weight[i] > r) {
                    order.add(i);
                }
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code dataset/relation} and its number of groups, in sorted order. */
    public Map<String, Integer> groupCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        pools.forEach(p -> out.put(p.name(), p.groups().size()));
        return out;
    }

    /** The {@code dataset/relation} of each batch of one cycle, in the order they are drawn. */
    public List<String> cycleOrder() {
        return Arrays.stream(cycle).mapToObj(i -> pools.get(i).name()).toList();
    }

    /**
     * The clips of batch number {@code step} (counted over the run, so that a resumed run cycles on where it
     * stopped) and their masks; {@code random} picks groups and clips.
     */
    public Drawn draw(long step, SplittableRandom random) {
        Pool pool = pools.get(cycle[(int) (step % cycle.length)]);
        List<List<String>> groups = new ArrayList<>(pool.groups());
        int p = Math.min(settings.groups(), groups.size());
        int clipsPerGroup = settings.clipsPerGroup(groups.size());
        partialShuffle(groups, p, random);
        List<String> keys = new ArrayList<>(p * clipsPerGroup);
        int[] groupOf = new int[p * clipsPerGroup];
        for (int g = 0; g < p; g++) {
            List<String> clips = new ArrayList<>(groups.get(g));
            int distinct = Math.min(clipsPerGroup, clips.size());
            partialShuffle(clips, distinct, random);
            for (int k = 0; k < clipsPerGroup; k++) {
                // a small group repeats its clips; each copy gets its own crop and gain
                String key = k < distinct ? clips.get(k) : clips.get(random.nextInt(clips.size()));
                groupOf[keys.size()] = g;
                keys.add(key);
            }
        }
        return new Drawn(keys, masks(keys, groupOf, pool.relation()), pool.name());
    }

    /** A batch's clips before their windows are cut. */
    public record Drawn(List<String> keys, PairMasks masks, String relation) {
    }

    private PairMasks masks(List<String> keys, int[] groupOf, Relation relation) {
        int n = keys.size();
        boolean[] positive = new boolean[n * n];
        boolean[] negative = new boolean[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                if (groupOf[i] == groupOf[j]) {
                    // a pair the rule refuses as positive (another excerpt of the anchor's own track, when album
                    // positives must be other tracks) is in the same group, so it is no negative either
                    positive[i * n + j] = rule.allowsPositive(keys.get(i), keys.get(j), relation);
                } else {
                    negative[i * n + j] = rule.allowsNegative(keys.get(i), keys.get(j), relation);
                }
            }
        }
        return new PairMasks(n, positive, negative);
    }

    /** Moves a uniform random choice of {@code count} elements to the front, in random order. */
    private static <T> void partialShuffle(List<T> list, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            Collections.swap(list, i, i + random.nextInt(list.size() - i));
        }
    }

    /** Clips linked by anchor-positive pairs, grouped; groups and their clips in first-seen order. */
    private static final class UnionFind {
        private final Map<String, String> parent = new LinkedHashMap<>();

        void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (!ra.equals(rb)) {
                parent.put(rb, ra);
            }
        }

        private String find(String x) {
            parent.putIfAbsent(x, x);
            String root = x;
            while (!parent.get(root).equals(root)) {
                root = parent.get(root);
            }
            parent.put(x, root);
            return root;
        }

        List<List<String>> groups() {
            Map<String, List<String>> byRoot = new LinkedHashMap<>();
            for (String key : new ArrayList<>(parent.keySet())) {
                byRoot.computeIfAbsent(find(key), r -> new ArrayList<>()).add(key);
            }
            return new ArrayList<>(byRoot.values());
        }
    }
}
