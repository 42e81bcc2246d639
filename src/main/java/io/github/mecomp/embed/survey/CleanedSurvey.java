package io.github.mecomp.embed.survey;

import java.util.List;

/**
 * The survey after cleaning: votes per triplet and what was dropped on the way.
 *
 * @param triplets          votes per clip set, sorted by clip paths
 * @param answers           answers in the database
 * @param tooFast           answers dropped because they came sooner than the clips could be heard
 * @param droppedRaters     listeners dropped for inconsistent repeats, with their consistency
 * @param droppedRaterAnswers answers of those listeners (not counted in {@code tooFast})
 * @param duplicates        later answers of a listener to a clip set they had answered (repeats): they measure
 *                          consistency and do not vote twice
 * @param votes             answers that became votes
 * @param raters            every listener with at least one repeat, with their consistency
 * @param agreement         agreement between listeners on shared triplets
 */
public record CleanedSurvey(List<TripletVotes> triplets, int answers, int tooFast, List<RaterConsistency> droppedRaters,
                            int droppedRaterAnswers, int duplicates, int votes, List<RaterConsistency> raters,
                            Agreement agreement) {

    /**
     * How often one listener agreed with themselves.
     *
     * @param rater    the listener id
     * @param repeats  repeats answered, with their original
     * @param disagreed repeats whose odd clip differed from the first answer's
     */
    public record RaterConsistency(String rater, int repeats, int disagreed) {
        public double disagreement() {
            return repeats == 0 ? 0 : disagreed / (double) repeats;
        }
    }

    /**
     * Agreement between listeners, over the clip sets at least two of them answered.
     *
     * @param triplets clip sets with at least two votes
     * @param pairs    pairs of votes on the same clip set
     * @param observed share of those pairs that chose the same odd clip (1/3 by chance)
     * @param kappa    Fleiss' kappa over those sets (categories: which clip is left out; chance agreement from
     *                 the overall shares), NaN when no set has two votes
     */
    public record Agreement(int triplets, long pairs, double observed, double kappa) {
    }
}
