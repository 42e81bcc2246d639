package io.github.mecomp.embed.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Mines weak training triplets from metadata: an anchor, a positive sharing a label with it (same artist,
 * genre, album or track) and a negative that does not.
 *
 * <p>Only train clips are used, and of those only clips whose group (artist, soundtrack: see
 * {@link LabelRoles#groupColumn()}) has no test clip in any of the sets mined together, so that no test
 * artist or soundtrack is ever seen in training. The remaining groups are split between training and
 * validation, by group and never by clip: a validation score on artists the model trained on would measure
 * memory, not generalisation. Sets mined together may share groups (one soundtrack's 20 s excerpts in one
 * set and its full tracks cut differently in another): a group is on the same side in every set that has
 * it, decided by the first of them, or validation would score music that another set trained on.
 * Triplets are then mined within each side only.
 *
 * <p>Everything is drawn from random generators seeded from {@link MiningConfig#seed()}, the set's name and
 * the relation, so the output is the same for the same seed and data, and adding a relation or a set leaves
 * the triplets of the others unchanged.
 */
public final class TripletMiner {

    /** Each side needs two groups, or a group-based relation has no negative there. */
    private static final int MIN_GROUPS_PER_SIDE = 2;
    /** Draws per wanted triplet before accepting fewer: small sets have few distinct triplets. */
    private static final int DRAWS_PER_TRIPLET = 20;
    /** Random negatives to try before listing every valid one (needed when valid negatives are rare). */
    private static final int NEGATIVE_TRIES = 32;

    private final MiningConfig config;

    public TripletMiner(MiningConfig config) {
        this.config = config;
    }

    public MiningConfig config() {
        return config;
    }

    /** Mines one set. */
    public MinedTriplets mine(Dataset dataset) {
        return mine(List.of(dataset));
    }

    /**
     * Mines each set in turn and concatenates the results in set order. The sets share their test groups
     * and their validation split (see the class comment), so a set's triplets depend on the sets before it
     * when they share groups, and on nothing after it.
     *
     * @throws IllegalArgumentException if a set has too few groups for a validation split, a configured
     *                                  column is missing, or nothing at all could be mined from a set
     */
    public MinedTriplets mine(List<Dataset> datasets) {
        GroupSides sides = new GroupSides();
        for (Dataset dataset : datasets) {
            LabelRoles roles = config.rolesFor(dataset);
            for (Clip c : dataset.clips(Split.TEST)) {
                sides.addTestGroups(roles.groupColumn(), roles.values(c, roles.groupColumn()));
            }
        }
        List<MinedTriplet> train = new ArrayList<>();
        List<MinedTriplet> validation = new ArrayList<>();
        for (Dataset dataset : datasets) {
            mineInto(dataset, sides, train, validation);
        }
        return new MinedTriplets(train, validation);
    }

    /** The set's usable train clips, split by group, placing its groups in {@code sides}. */
    private GroupSplit splitByGroup(Dataset dataset, LabelRoles roles, GroupSides sides) {
        String group = roles.groupColumn();
        requireColumn(dataset, group);
        List<Clip> usable = new ArrayList<>();
        Set<String> groups = new TreeSet<>();
        for (Clip c : dataset.clips(Split.TRAIN)) {
            // A clip without a group cannot be placed on one side for sure, so it is left out.
            Set<String> g = roles.values(c, group);
            if (!g.isEmpty() && !sides.anyTest(group, g)) {
                usable.add(c);
                groups.addAll(g);
            }
        }
        if (config.validationFraction() == 0) {
            return new GroupSplit(usable, List.of());
        }
        int n = groups.size();
        if (n < 2 * MIN_GROUPS_PER_SIDE) {
            throw new IllegalArgumentException(String.format(
                    "%s: too few groups for a validation split by '%s': need at least %d (%d per side, so that"
                            + " each side has negatives), but the train clips outside test groups have %d;"
                            + " set the validation fraction to 0 or configure another group column",
                    dataset.name(), group, 2 * MIN_GROUPS_PER_SIDE, MIN_GROUPS_PER_SIDE, n));
        }
        int wanted = (int) Math.round(n * config.validationFraction());
        wanted = Math.max(MIN_GROUPS_PER_SIDE, Math.min(n - MIN_GROUPS_PER_SIDE, wanted));
        List<String> shuffled = new ArrayList<>(groups);
        Collections.shuffle(shuffled, random(dataset.name(), "groups"));
        // Groups an earlier set placed keep their side; the new ones fill validation up to this set's share.
        // With no earlier placement this takes the first groups of the shuffle, the split of one set alone.
        int onValidation = (int) shuffled.stream().filter(g -> sides.isValidation(group, g)).count();
        for (String g : shuffled) {
            if (!sides.isPlaced(group, g)) {
                boolean toValidation = onValidation < wanted;
                sides.place(group, g, toValidation);
                if (toValidation) {
                    onValidation++;
                }
            }
        }
        List<Clip> trainSide = new ArrayList<>();
        List<Clip> validationSide = new ArrayList<>();
        for (Clip c : usable) {
            (sides.isValidation(group, roles.values(c, group).iterator().next()) ? validationSide : trainSide).add(c);
        }
        return new GroupSplit(trainSide, validationSide);
    }

    private void mineInto(Dataset dataset, GroupSides sides, List<MinedTriplet> train,
                          List<MinedTriplet> validation) {
        LabelRoles roles = config.rolesFor(dataset);
        GroupSplit split = splitByGroup(dataset, roles, sides);
        int validationCount = config.validationFraction() == 0
                ? 0
                : Math.max(1, (int) Math.round(config.tripletsPerRelation() * config.validationFraction()));
        int trainCount = config.tripletsPerRelation() - validationCount;
        int trainBefore = train.size();
        int validationBefore = validation.size();
        for (Relation relation : config.relations()) {
            RelationColumns columns = roles.relations().get(relation);
            if (columns == null) {
                continue;
            }
            requireColumn(dataset, columns.same());
            requireColumn(dataset, columns.different());
            Sampler sampler = new Sampler(roles, columns, null);
            Sampler trainSampler = new Sampler(roles, columns, config.positiveMustDifferIn(roles, relation));
            for (Triplet t : trainSampler.sample(split.train(), trainCount,
                    random(dataset.name(), relation.id() + "/train"))) {
                train.add(new MinedTriplet(t, dataset.name(), relation.id()));
            }
            for (Triplet t : sampler.sample(split.validation(), validationCount,
                    random(dataset.name(), relation.id() + "/validation"))) {
                validation.add(new MinedTriplet(t, dataset.name(), relation.id()));
            }
        }
        if (train.size() == trainBefore) {
            throw new IllegalArgumentException(dataset.name() + ": no training triplet could be mined with relations "
                    + config.relations() + " and roles " + roles);
        }
        // An empty validation side means every group of this set was placed on the training side by an
        // earlier set that shares it: the set then adds training data only, which is not an error.
        if (validationCount > 0 && validation.size() == validationBefore && !split.validation().isEmpty()) {
            throw new IllegalArgumentException(dataset.name() + ": no validation triplet could be mined with"
                    + " relations " + config.relations() + " and roles " + roles
                    + "; use a larger validation fraction or none");
        }
    }

    private static void requireColumn(Dataset dataset, String column) {
        if (!dataset.labelColumns().contains(column)) {
            throw new IllegalArgumentException(dataset.name() + ": no label column '" + column + "' (columns: "
                    + dataset.labelColumns() + ")");
        }
    }

    private Random random(String dataset, String purpose) {
        // String.hashCode and java.util.Random are both fully specified, so this is stable across JVMs.
        long h = config.seed() * 0x9E3779B97F4A7C15L + dataset.hashCode();
        h = h * 0x9E3779B97F4A7C15L + purpose.hashCode();
        return new Random(h ^ (h >>> 31));
    }

    /** Usable train clips on each side of the validation split. */
    record GroupSplit(List<Clip> train, List<Clip> validation) {
    }

    /**
     * The groups of every set mined together: which have test clips somewhere, and which side of the
     * validation split each placed group is on. A group is a value of a group column, so an artist and a
     * soundtrack that happen to share a name stay apart.
     */
    private static final class GroupSides {

        private final Set<String> test = new HashSet<>();
        private final Map<String, Boolean> validation = new HashMap<>();

        private static String key(String column, String value) {
            return column + '\u0000' + value;
        }

        void addTestGroups(String column, Set<String> values) {
            values.forEach(v -> test.add(key(column, v)));
        }

        boolean anyTest(String column, Set<String> values) {
            return values.stream().anyMatch(v -> test.contains(key(column, v)));
        }

        boolean isPlaced(String column, String value) {
            return validation.containsKey(key(column, value));
        }

        boolean isValidation(String column, String value) {
            return validation.getOrDefault(key(column, value), false);
        }

        void place(String column, String value, boolean onValidation) {
            validation.put(key(column, value), onValidation);
        }
    }

    /** Draws triplets of one relation from one side's clips. */
    private static final class Sampler {

        private final LabelRoles roles;
        private final RelationColumns columns;
        private final String distinctColumn;

        /** {@code distinctColumn}: a column the positive must share no value of with the anchor, or null. */
        Sampler(LabelRoles roles, RelationColumns columns, String distinctColumn) {
            this.roles = roles;
            this.columns = columns;
            this.distinctColumn = distinctColumn;
        }

        List<Triplet> sample(List<Clip> clips, int count, Random random) {
            List<Labelled> labelled = new ArrayList<>(clips.size());
            for (Clip c : clips) {
                labelled.add(new Labelled(c, roles.values(c, columns.same()), roles.values(c, columns.different())));
            }
            // Anchors and positives: clips with exactly one value of the shared column (see LabelRoles on
            // list columns), and some value of the column the negative must differ in.
            Map<String, List<Labelled>> byValue = new TreeMap<>();
            for (Labelled l : labelled) {
                if (l.same().size() == 1 && !l.different().isEmpty()) {
                    byValue.computeIfAbsent(l.same().iterator().next(), k -> new ArrayList<>()).add(l);
                }
            }
            List<List<Labelled>> groups = byValue.values().stream().filter(g -> g.size() >= 2).toList();
            List<Labelled> negatives = labelled.stream().filter(l -> !l.different().isEmpty()).toList();
            if (groups.isEmpty() || count == 0) {
                return List.of();
            }
            Set<Triplet> out = new LinkedHashSet<>();
            Map<String, List<Labelled>> allNegatives = new HashMap<>();
            long draws = (long) count * DRAWS_PER_TRIPLET;
            for (long d = 0; d < draws && out.size() < count; d++) {
                // A uniformly drawn group, not clip, so that prolific artists do not dominate.
                List<Labelled> group = groups.get(random.nextInt(groups.size()));
                int a = random.nextInt(group.size());
                int p = random.nextInt(group.size() - 1);
                if (p >= a) {
                    p++;
                }
                Labelled anchor = group.get(a);
                if (distinctColumn != null) {
                    // drawn again among the allowed; the first draw stays, as the runs measured with
                    // --other-track-positives (docs/recipe-v2-runs.md) consumed it from this random stream
                    p = distinctPositive(group, a, random);
                    if (p < 0) {
                        continue;
                    }
                }
                Labelled negative = negative(anchor, negatives, allNegatives, random);
                if (negative != null) {
                    out.add(new Triplet(anchor.clip().id(), group.get(p).clip().id(), negative.clip().id()));
                }
            }
            return List.copyOf(out);
        }

        /** A random member of the group sharing no value of the distinct column with member a, or -1. */
        private int distinctPositive(List<Labelled> group, int a, Random random) {
            Set<String> anchorValues = roles.values(group.get(a).clip(), distinctColumn);
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                if (i != a && Collections.disjoint(anchorValues, roles.values(group.get(i).clip(), distinctColumn))) {
                    candidates.add(i);
                }
            }
            return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
        }

        private static Labelled negative(Labelled anchor, List<Labelled> candidates,
                                         Map<String, List<Labelled>> cache, Random random) {
            for (int i = 0; i < NEGATIVE_TRIES; i++) {
                Labelled c = candidates.get(random.nextInt(candidates.size()));
                if (anchor.isNegative(c)) {
                    return c;
                }
            }
            // Valid negatives are rare for this anchor: draw from the full list instead of giving up.
            List<Labelled> valid = cache.computeIfAbsent(anchor.clip().id(),
                    k -> candidates.stream().filter(anchor::isNegative).toList());
            return valid.isEmpty() ? null : valid.get(random.nextInt(valid.size()));
        }
    }

    /** A clip with its values in the relation's two columns. */
    private record Labelled(Clip clip, Set<String> same, Set<String> different) {

        boolean isNegative(Labelled other) {
            return Collections.disjoint(different, other.different()) && Collections.disjoint(same, other.same());
        }
    }
}
