package io.github.mecomp.embed.survey;

/**
 * What {@link SurveyCleaning} drops. Every default is here.
 *
 * @param minListenFraction     an answer given sooner than this share of the time the three excerpts take to
 *                              play, counted by the server from showing the question, is dropped: the
 *                              listener cannot have heard them. 0 keeps every answer
 * @param minRepeats            a listener is judged on consistency only with at least this many repeats
 * @param maxRepeatDisagreement a listener whose repeats disagree with their first answers more often than
 *                              this is dropped with all their answers (someone answering at random disagrees
 *                              two times in three)
 */
public record CleaningConfig(double minListenFraction, int minRepeats, double maxRepeatDisagreement) {

    public static final double DEFAULT_MIN_LISTEN_FRACTION = 0.5;
    public static final int DEFAULT_MIN_REPEATS = 2;
    public static final double DEFAULT_MAX_REPEAT_DISAGREEMENT = 0.5;

    public CleaningConfig {
        if (!(minListenFraction >= 0 && minListenFraction <= 1)) {
            throw new IllegalArgumentException("min listen fraction must be in [0, 1], got " + minListenFraction);
        }
        if (minRepeats < 1) {
            throw new IllegalArgumentException("min repeats must be at least 1, got " + minRepeats);
        }
        if (!(maxRepeatDisagreement >= 0 && maxRepeatDisagreement <= 1)) {
            throw new IllegalArgumentException("max repeat disagreement must be in [0, 1], got " + maxRepeatDisagreement);
        }
    }

    public static CleaningConfig defaults() {
        return new CleaningConfig(DEFAULT_MIN_LISTEN_FRACTION, DEFAULT_MIN_REPEATS, DEFAULT_MAX_REPEAT_DISAGREEMENT);
    }
}
