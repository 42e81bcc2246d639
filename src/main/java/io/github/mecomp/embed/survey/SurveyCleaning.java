package io.github.mecomp.embed.survey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns stored answers into votes: drops answers given faster than the clips could be heard and listeners
 * whose repeats disagree too often, counts one vote per listener and clip set, and measures how far
 * listeners agree.
 */
public final class SurveyCleaning {

    private SurveyCleaning() {
    }

    /**
     * @param answers every stored answer
     * @param paths   clip path by id (as registered)
     */
    public static CleanedSurvey clean(List<StoredAnswer> answers, Map<String, String> paths, CleaningConfig config) {
        Map<String, List<StoredAnswer>> byRater = new LinkedHashMap<>();
        Map<Long, StoredAnswer> byQuestion = new HashMap<>();
        for (StoredAnswer a : answers) {
            byRater.computeIfAbsent(a.question().rater(), r -> new ArrayList<>()).add(a);
            byQuestion.put(a.question().id(), a);
        }

        // Consistency: every answered repeat against the first answer it repeats, whatever their speed.
        List<CleanedSurvey.RaterConsistency> raters = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        List<CleanedSurvey.RaterConsistency> droppedRaters = new ArrayList<>();
        for (Map.Entry<String, List<StoredAnswer>> e : byRater.entrySet()) {
            int repeats = 0;
            int disagreed = 0;
            for (StoredAnswer a : e.getValue()) {
                StoredAnswer original = a.question().kind() == Question.Kind.REPEAT
                        ? byQuestion.get(a.question().repeatOf()) : null;
                if (original != null) {
                    repeats++;
                    if (!original.oddClip().equals(a.oddClip())) {
                        disagreed++;
                    }
                }
            }
            if (repeats > 0) {
                CleanedSurvey.RaterConsistency c = new CleanedSurvey.RaterConsistency(e.getKey(), repeats, disagreed);
                raters.add(c);
                if (repeats >= config.minRepeats() && c.disagreement() > config.maxRepeatDisagreement()) {
                    dropped.add(e.getKey());
                    droppedRaters.add(c);
                }
            }
        }

        int tooFast = 0;
        int droppedRaterAnswers = 0;
        int duplicates = 0;
        // clip set (sorted paths) -> listener -> path left out; a listener's first answer is their vote
        Map<List<String>, Map<String, String>> votes = new TreeMap<>(SurveyCleaning::compareLists);
        for (StoredAnswer a : answers) {
            String rater = a.question().rater();
            if (dropped.contains(rater)) {
                droppedRaterAnswers++;
                continue;
            }
            if (a.elapsedMs() < config.minListenFraction() * a.question().listenMs()) {
                tooFast++;
                continue;
            }
            List<String> clips = a.question().clips().stream().map(id -> pathOf(paths, id)).sorted().toList();
            Map<String, String> perRater = votes.computeIfAbsent(clips, k -> new LinkedHashMap<>());
            if (perRater.putIfAbsent(rater, pathOf(paths, a.oddClip())) != null) {
                duplicates++;
            }
        }

        List<TripletVotes> triplets = new ArrayList<>();
        int voteCount = 0;
        for (Map.Entry<List<String>, Map<String, String>> e : votes.entrySet()) {
            List<String> clips = e.getKey();
            int[] odd = new int[3];
            for (String left : e.getValue().values()) {
                odd[clips.indexOf(left)]++;
            }
            triplets.add(new TripletVotes(clips, List.of(odd[0], odd[1], odd[2])));
            voteCount += e.getValue().size();
        }
        return new CleanedSurvey(triplets, answers.size(), tooFast, droppedRaters, droppedRaterAnswers, duplicates,
                voteCount, raters, agreement(triplets));
    }

    /** Fleiss' kappa for a varying number of raters per item, over the items with at least two. */
    static CleanedSurvey.Agreement agreement(List<TripletVotes> triplets) {
        int items = 0;
        long pairs = 0;
        long agreeingPairs = 0;
        double sumP = 0;
        long[] categoryVotes = new long[3];
        long allVotes = 0;
        for (TripletVotes t : triplets) {
            int n = t.total();
            if (n < 2) {
                continue;
            }
            items++;
            long agree = 0;
            for (int j = 0; j < 3; j++) {
                int nj = t.odd().get(j);
                agree += (long) nj * (nj - 1);
                categoryVotes[j] += nj;
            }
            allVotes += n;
            long itemPairs = (long) n * (n - 1);
            sumP += agree / (double) itemPairs;
            pairs += itemPairs / 2;
            agreeingPairs += agree / 2;
        }
        if (items == 0) {
            return new CleanedSurvey.Agreement(0, 0, Double.NaN, Double.NaN);
        }
        double meanP = sumP / items;
        double expected = 0;
        for (long c : categoryVotes) {
            double p = c / (double) allVotes;
            expected += p * p;
        }
        double kappa = expected >= 1 ? Double.NaN : (meanP - expected) / (1 - expected);
        return new CleanedSurvey.Agreement(items, pairs, agreeingPairs / (double) pairs, kappa);
    }

    private static String pathOf(Map<String, String> paths, String id) {
        String p = paths.get(id);
        if (p == null) {
            throw new IllegalStateException("answer names clip " + id + ", which the database does not register");
        }
        return p;
    }

    private static int compareLists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
