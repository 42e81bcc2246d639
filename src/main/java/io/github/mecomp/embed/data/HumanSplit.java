package io.github.mecomp.embed.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Human judgements split into a part to fine-tune on and a held-out part to measure on, as training triplets
 * of the pseudo data set {@value #SET} with the relation {@value #RELATION}.
 *
 * <p>Split by triplet: every judgement of the same three clips (in whatever order, with whatever answer)
 * falls on the same side, so that no held-out question was answered in training; a clip may appear on both
 * sides. Which triplets are held out depends on the seed and on the set of judged triplets only, not on the
 * order of the rows. A judgement of n votes counts n times, in training and in the held-out accuracy, so
 * that the accuracy is the share of listeners' votes the model agrees with.
 *
 * @param train   the judgements to train on, each repeated by its votes
 * @param heldOut the held-out judgements, each repeated by its votes
 * @param heldOutQuestions how many distinct sets of three clips were held out
 */
public record HumanSplit(List<MinedTriplet> train, List<MinedTriplet> heldOut, int heldOutQuestions) {

    /** The data set name human triplets carry in a training run (keys {@code human/<clip id>}). */
    public static final String SET = "human";
    /** Their relation: a judgement, not a {@link Relation}, so its negative is never re-chosen. */
    public static final String RELATION = "judged";

    public HumanSplit {
        train = List.copyOf(train);
        heldOut = List.copyOf(heldOut);
    }

    /**
     * @param heldOutFraction share of the distinct triplets held out, in (0, 1); at least one is held out
     *                        and at least one kept for training
     * @throws IllegalArgumentException if the fraction is out of range or fewer than two distinct triplets
     *                                  were judged
     */
    public static HumanSplit of(List<HumanTriplet> judgements, double heldOutFraction, long seed) {
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("human triplets: the held-out fraction must be in (0, 1), got "
                    + heldOutFraction);
        }
        Map<String, List<HumanTriplet>> byQuestion = new TreeMap<>();
        for (HumanTriplet h : judgements) {
            byQuestion.computeIfAbsent(question(h.triplet()), k -> new ArrayList<>()).add(h);
        }
        if (byQuestion.size() < 2) {
            throw new IllegalArgumentException("human triplets: " + byQuestion.size() + " distinct triplet(s) judged;"
                    + " need at least 2, one to train on and one to hold out");
        }
        List<String> questions = new ArrayList<>(byQuestion.keySet());
        Collections.shuffle(questions, new Random(seed));
        int held = (int) Math.round(questions.size() * heldOutFraction);
        held = Math.max(1, Math.min(questions.size() - 1, held));
        Set<String> heldOut = new TreeSet<>(questions.subList(0, held));
        List<MinedTriplet> trainPart = new ArrayList<>();
        List<MinedTriplet> heldPart = new ArrayList<>();
        // rows keep file order within each side, so that the parts read like the file
        for (HumanTriplet h : judgements) {
            List<MinedTriplet> side = heldOut.contains(question(h.triplet())) ? heldPart : trainPart;
            for (int v = 0; v < h.votes(); v++) {
                side.add(new MinedTriplet(h.triplet(), SET, RELATION));
            }
        }
        return new HumanSplit(trainPart, heldPart, held);
    }

    /** The three clips of a triplet, in a fixed order: what a listener was asked about. */
    static String question(Triplet t) {
        TreeSet<String> ids = new TreeSet<>(List.of(t.anchor(), t.positive(), t.negative()));
        return String.join("\u0000", ids);
    }
}
