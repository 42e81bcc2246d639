package io.github.mecomp.embed.survey;

import io.github.mecomp.embed.eval.TripletAccuracy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Chooses the next triplet for a listener, mixing four kinds (shares in {@link SurveyConfig}):
 *
 * <ul>
 *   <li><b>repeat</b>: a triplet the listener answered at least {@link #REPEAT_GAP} questions ago, shown in a
 *       new order; the two answers measure the listener's consistency;</li>
 *   <li><b>shared</b>: a triplet other listeners answered, fewest votes first, so that votes add up per
 *       triplet and listeners can be compared;</li>
 *   <li><b>uncertain</b>: with embeddings, of {@code uncertainCandidates} random triplets, the one whose
 *       smallest pairwise distance is closest to its second smallest: the model can hardly tell which two
 *       are most alike, so an answer teaches it the most;</li>
 *   <li><b>random</b>: three clips drawn uniformly; also the fallback when a kind has nothing to offer.</li>
 * </ul>
 *
 * A listener never gets the same clip set twice except as a deliberate repeat. Thread-safe.
 */
final class TripletPicker {

    /** Questions between an answer and its repeat, so that the listener does not simply remember it. */
    static final int REPEAT_GAP = 3;
    private static final int RANDOM_TRIES = 100;
    private static final int SHARED_CANDIDATES = 20;

    /** A chosen triplet: clip ids in the order to show them. */
    record Choice(List<String> clips, Question.Kind kind, long repeatOf) {
    }

    private final List<String> clipIds;
    private final List<String> embedded;
    private final Map<String, float[]> embeddings;
    private final SurveyConfig config;
    private final Random random;

    /**
     * @param clipIds    the pool, at least 3 clips
     * @param embeddings vectors by clip id (may be empty, or cover only part of the pool)
     */
    TripletPicker(List<String> clipIds, Map<String, float[]> embeddings, SurveyConfig config) {
        if (clipIds.size() < 3) {
            throw new IllegalArgumentException("a triplet survey needs at least 3 clips, got " + clipIds.size());
        }
        this.clipIds = List.copyOf(clipIds);
        this.embeddings = Map.copyOf(embeddings);
        this.embedded = this.clipIds.stream().filter(embeddings::containsKey).toList();
        this.config = config;
        this.random = new Random(config.seed());
    }

    boolean hasEmbeddings() {
        return embedded.size() >= 3;
    }

    Choice pick(String rater, SurveyStore store) throws IOException {
        Set<String> seen = store.tripletsSeenBy(rater);
        double u = random.nextDouble();
        Choice choice = null;
        if (u < config.repeatShare()) {
            choice = repeat(store.answersOf(rater));
        } else if (u < config.repeatShare() + config.sharedShare()) {
            choice = shared(store.sharedCandidates(rater, config.votesPerTriplet(), SHARED_CANDIDATES));
        } else if (u < config.repeatShare() + config.sharedShare() + config.uncertainShare()) {
            choice = uncertain(seen);
        }
        return choice != null ? choice : randomChoice(seen);
    }

    private Choice repeat(List<StoredAnswer> answered) {
        Set<Long> repeated = new HashSet<>();
        for (StoredAnswer a : answered) {
            if (a.question().kind() == Question.Kind.REPEAT) {
                repeated.add(a.question().repeatOf());
            }
        }
        List<Question> eligible = new ArrayList<>();
        for (int i = 0; i < answered.size() - REPEAT_GAP; i++) {
            Question q = answered.get(i).question();
            if (q.kind() != Question.Kind.REPEAT && !repeated.contains(q.id())) {
                eligible.add(q);
            }
        }
        if (eligible.isEmpty()) {
            return null;
        }
        Question original = eligible.get(random.nextInt(eligible.size()));
        List<String> order = new ArrayList<>(original.clips());
        // A new order, so that a position habit does not pass for consistency.
        do {
            Collections.shuffle(order, random);
        } while (order.equals(original.clips()));
        return new Choice(order, Question.Kind.REPEAT, original.id());
    }

    private Choice shared(List<List<String>> candidates) {
        if (candidates.isEmpty()) {
            return null;
        }
        List<String> order = new ArrayList<>(candidates.get(0));
        Collections.shuffle(order, random);
        return new Choice(order, Question.Kind.SHARED, 0);
    }

    private Choice uncertain(Set<String> seen) {
        if (!hasEmbeddings()) {
            return null;
        }
        List<String> best = null;
        double bestMargin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < config.uncertainCandidates(); i++) {
            List<String> t = draw(embedded);
            if (seen.contains(Question.key(t))) {
                continue;
            }
            double margin = margin(embeddings.get(t.get(0)), embeddings.get(t.get(1)), embeddings.get(t.get(2)));
            if (margin < bestMargin) {
                bestMargin = margin;
                best = t;
            }
        }
        return best == null ? null : new Choice(best, Question.Kind.UNCERTAIN, 0);
    }

    /**
     * How sure the embedding is of the most alike pair: the gap between the smallest and the second smallest
     * of the three pairwise distances, relative to their mean so that the scale of the vectors does not matter.
     */
    static double margin(float[] a, float[] b, float[] c) {
        double[] d = {
            Math.sqrt(TripletAccuracy.squaredDistance(a, b)),
            Math.sqrt(TripletAccuracy.squaredDistance(a, c)),
            Math.sqrt(TripletAccuracy.squaredDistance(b, c)),
        };
        java.util.Arrays.sort(d);
        double mean = (d[0] + d[1] + d[2]) / 3;
        return mean == 0 ? 0 : (d[1] - d[0]) / mean;
    }

    private Choice randomChoice(Set<String> seen) {
        List<String> t = draw(clipIds);
        for (int i = 1; i < RANDOM_TRIES && seen.contains(Question.key(t)); i++) {
            t = draw(clipIds);
        }
        // A tiny pool can run out of new triplets; a seen one is then better than no question.
        return new Choice(t, Question.Kind.RANDOM, 0);
    }

    private List<String> draw(List<String> from) {
        synchronized (random) {
            int n = from.size();
            int i = random.nextInt(n);
            int j = random.nextInt(n - 1);
            if (j >= i) {
                j++;
            }
            int k = random.nextInt(n - 2);
            int lo = Math.min(i, j);
            int hi = Math.max(i, j);
            if (k >= lo) {
                k++;
            }
            if (k >= hi) {
                k++;
            }
            return List.of(from.get(i), from.get(j), from.get(k));
        }
    }
}
