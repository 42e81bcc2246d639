package io.github.mecomp.embed.train;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which training batches take spread crops ({@link BatchAssembler}): none, every batch, or the P x K batches of
 * named relations, a key naming a relation of every data set ({@code album}) or of one ({@code gamemusic/album}),
 * as {@link RelationWeights} names them. Spread crops show a batch each clip whole; the relations whose
 * similarity runs through a whole clip (a soundtrack's tracks) may want them while others (an artist's songs) do not.
 * With a share below 1, each clip of such a batch takes them with that probability and consecutive windows
 * otherwise, so the network learns from both views of a clip in every batch.
 *
 * @param all       every batch, of any loss
 * @param relations the relations whose group-loss batches take them, when not {@code all}
 * @param share     the probability that a clip of such a batch takes spread crops, in (0, 1]
 */
public record SpreadCrops(boolean all, Set<String> relations, double share) {

    /** Consecutive crops in every batch. */
    public static final SpreadCrops NONE = new SpreadCrops(false, Set.of());

    /** Spread crops in every batch. */
    public static final SpreadCrops ALL = new SpreadCrops(true, Set.of());

    /** Every clip of the batches chosen takes spread crops. */
    public SpreadCrops(boolean all, Set<String> relations) {
        this(all, relations, 1.0);
    }

    public SpreadCrops {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("training: --spread-share must be in (0, 1], got " + share);
        }
        if (relations == null) {
            throw new IllegalArgumentException("training: the spread-crop relations are missing");
        }
        for (String key : relations) {
            if (!RelationKeys.isName(key)) {
                throw new IllegalArgumentException("training: --spread-crops needs relation names (album, or"
                        + " gamemusic/album), got '" + key + "'");
            }
        }
        if (all && !relations.isEmpty()) {
            throw new IllegalArgumentException("training: spread crops in every batch name no relations, got "
                    + relations);
        }
        if (share < 1 && !all && relations.isEmpty()) {
            throw new IllegalArgumentException("training: --spread-share " + share + " is the share of clips that"
                    + " take spread crops; give --spread-crops too");
        }
        relations = Collections.unmodifiableSet(new TreeSet<>(relations));
    }

    /** Spread crops in the batches of these relations only; none when empty. */
    public static SpreadCrops of(Collection<String> relations) {
        return new SpreadCrops(false, new TreeSet<>(relations));
    }

    /** The same batches, with each clip taking spread crops with probability {@code share}. */
    public SpreadCrops withShare(double share) {
        return new SpreadCrops(all, relations, share);
    }

    /** Whether some clips of a spread batch keep consecutive windows, a draw per clip. */
    public boolean isMixed() {
        return share < 1;
    }

    /** Whether no batch takes spread crops. */
    public boolean isOff() {
        return !all && relations.isEmpty();
    }

    /** Whether the batches of {@code pool}, a {@code dataset/relation} name, take spread crops. */
    public boolean appliesTo(String pool) {
        return all || relations.stream().anyMatch(key -> RelationKeys.names(key, pool));
    }

    /**
     * Fails when a key names no relation of {@code pools} (the {@code dataset/relation} names batches are drawn
     * from), a typo that would otherwise spread nothing.
     */
    public void requireKnown(Collection<String> pools) {
        RelationKeys.requireKnown("--spread-crops", relations, pools);
    }

    /** {@code true}, {@code false} or the relations, and the share below 1, as a run's resume text has it. */
    @Override
    public String toString() {
        String which = all ? "true" : relations.isEmpty() ? "false" : relations.toString();
        return isMixed() ? which + " (share " + share + ")" : which;
    }
}
