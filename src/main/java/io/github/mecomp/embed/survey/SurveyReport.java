package io.github.mecomp.embed.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The cleaning figures in words, for the export command and the operator page. */
public final class SurveyReport {

    private SurveyReport() {
    }

    public static List<String> lines(CleanedSurvey s, CleaningConfig config) {
        List<String> out = new ArrayList<>();
        out.add("answers stored: " + s.answers());
        out.add(String.format(Locale.ROOT, "dropped as too fast (under %.0f%% of the listening time): %d",
                100 * config.minListenFraction(), s.tooFast()));
        out.add(String.format(Locale.ROOT,
                "listeners dropped for inconsistent repeats (over %.0f%% disagreeing, at least %d repeats): %d, with %d answers",
                100 * config.maxRepeatDisagreement(), config.minRepeats(), s.droppedRaters().size(),
                s.droppedRaterAnswers()));
        out.add("repeat answers not counted twice: " + s.duplicates());
        out.add("votes: " + s.votes() + " on " + s.triplets().size() + " clip sets");
        int repeats = 0;
        int disagreed = 0;
        for (CleanedSurvey.RaterConsistency r : s.raters()) {
            repeats += r.repeats();
            disagreed += r.disagreed();
        }
        out.add(repeats == 0 ? "self-consistency: no repeats answered yet"
                : String.format(Locale.ROOT, "self-consistency: %d of %d repeats agreed (%.1f%%) over %d listeners",
                        repeats - disagreed, repeats, 100.0 * (repeats - disagreed) / repeats, s.raters().size()));
        CleanedSurvey.Agreement a = s.agreement();
        out.add(a.triplets() == 0 ? "inter-listener agreement: no clip set has two votes yet"
                : String.format(Locale.ROOT,
                        "inter-listener agreement: %d clip sets with 2+ votes, %d vote pairs, %.1f%% agree (33.3%% by chance),"
                                + " Fleiss' kappa %.3f", a.triplets(), a.pairs(), 100 * a.observed(), a.kappa()));
        return out;
    }
}
