package io.github.mecomp.embed.data;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How {@link TripletMiner} mines. Start from {@link #defaults()} and change what you need with the
 * {@code with...} methods.
 *
 * @param seed                 the same seed and data give the same triplets
 * @param tripletsPerRelation  triplets to mine per relation and data set, training and validation together
 *                             (fewer when the set has fewer distinct ones)
 * @param validationFraction   share of each set's groups (and so of its triplets) kept for validation, in
 *                             [0, 1); 0 mines training triplets only
 * @param relations            the relations to mine, where a set has columns for them
 * @param roles                label roles by data set name, for sets whose columns the defaults get wrong;
 *                             other sets use {@link LabelRoles#defaultsFor(Dataset)}
 * @param otherTrackPositives  training positives of the album relation are another track of the anchor's album
 *                             or soundtrack, never another excerpt of its own track (the rule of the soundtrack
 *                             test task; the track relation already teaches same-track pairs). Validation keeps
 *                             the plain rule, so that its figures compare with runs made without it. Sets
 *                             without a track column are not affected.
 */
public record MiningConfig(long seed, int tripletsPerRelation, double validationFraction,
                           Set<Relation> relations, Map<String, LabelRoles> roles, boolean otherTrackPositives) {

    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_TRIPLETS_PER_RELATION = 5_000;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.15;

    public MiningConfig {
        if (tripletsPerRelation < 1) {
            throw new IllegalArgumentException("tripletsPerRelation must be at least 1, got " + tripletsPerRelation);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        if (relations.isEmpty()) {
            throw new IllegalArgumentException("at least one relation is needed");
        }
        // An EnumSet iterates in declaration order, which keeps the mined output in a stable order.
        relations = Collections.unmodifiableSet(EnumSet.copyOf(relations));
        roles = Map.copyOf(roles);
    }

    /**
     * Seed 42, 5000 triplets per relation, 15% of groups for validation, every relation, default roles, album
     * positives of any track.
     */
    public static MiningConfig defaults() {
        return new MiningConfig(DEFAULT_SEED, DEFAULT_TRIPLETS_PER_RELATION, DEFAULT_VALIDATION_FRACTION,
                EnumSet.allOf(Relation.class), Map.of(), false);
    }

    public MiningConfig withSeed(long newSeed) {
        return new MiningConfig(newSeed, tripletsPerRelation, validationFraction, relations, roles,
                otherTrackPositives);
    }

    public MiningConfig withTripletsPerRelation(int count) {
        return new MiningConfig(seed, count, validationFraction, relations, roles, otherTrackPositives);
    }

    public MiningConfig withValidationFraction(double fraction) {
        return new MiningConfig(seed, tripletsPerRelation, fraction, relations, roles, otherTrackPositives);
    }

    public MiningConfig withRelations(Set<Relation> newRelations) {
        return new MiningConfig(seed, tripletsPerRelation, validationFraction, newRelations, roles,
                otherTrackPositives);
    }

    public MiningConfig withOtherTrackPositives(boolean enabled) {
        return new MiningConfig(seed, tripletsPerRelation, validationFraction, relations, roles, enabled);
    }

    /** Uses {@code datasetRoles} for the set named {@code dataset} instead of the defaults. */
    public MiningConfig withRoles(String dataset, LabelRoles datasetRoles) {
        Map<String, LabelRoles> copy = new HashMap<>(roles);
        copy.put(dataset, datasetRoles);
        return new MiningConfig(seed, tripletsPerRelation, validationFraction, relations, copy, otherTrackPositives);
    }

    /**
     * The column in which a training positive of {@code relation} must share no value with its anchor, for a set
     * with these roles: the track column for the album relation under {@link #otherTrackPositives()}, else none
     * (null). The miner and the trainer's pair rule both ask here, so that they cannot disagree.
     */
    public String positiveMustDifferIn(LabelRoles setRoles, Relation relation) {
        RelationColumns track = setRoles.relations().get(Relation.TRACK);
        return otherTrackPositives && relation == Relation.ALBUM && track != null ? track.same() : null;
    }

    /** The roles for a set: configured ones, or the defaults for its columns. */
    public LabelRoles rolesFor(Dataset dataset) {
        LabelRoles configured = roles.get(dataset.name());
        return configured != null ? configured : LabelRoles.defaultsFor(dataset);
    }
}
