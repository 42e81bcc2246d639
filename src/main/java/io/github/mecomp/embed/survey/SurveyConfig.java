package io.github.mecomp.embed.survey;

/**
 * How the survey asks. Start from {@link #defaults()} and change what you need with the {@code with...}
 * methods; every default is here and nowhere else.
 *
 * @param questionsPerSession  answers that make a session (the progress count's target); a listener may go on
 * @param excerptSeconds       longest part of a clip that is played: a longer file is played from its middle
 * @param repeatShare          share of questions that repeat one the same listener answered earlier (shown in
 *                             a new order), to measure each listener's consistency
 * @param sharedShare          share of questions that reuse a triplet another listener answered, so that
 *                             votes add up per triplet and listeners can be compared
 * @param uncertainShare       share of questions the model is least sure about (needs embeddings)
 * @param uncertainCandidates  random triplets scored per uncertain question; the closest call is asked
 * @param votesPerTriplet      a triplet with this many answers is no longer reused for others
 * @param raterLimit           request rate allowed per listener (cookie)
 * @param addressLimit         request rate allowed per network address (several listeners may share one)
 * @param threads              request-handling threads
 * @param limits               deadlines and the connection bound that keep slow clients from holding the server
 * @param seed                 seed of the question choice (answers still arrive in any order)
 */
public record SurveyConfig(int questionsPerSession, double excerptSeconds, double repeatShare, double sharedShare,
                           double uncertainShare, int uncertainCandidates, int votesPerTriplet,
                           RateLimit raterLimit, RateLimit addressLimit, int threads, ServerLimits limits,
                           long seed) {

    public static final int DEFAULT_QUESTIONS = 20;
    public static final double DEFAULT_EXCERPT_SECONDS = 30;
    public static final double DEFAULT_REPEAT_SHARE = 0.1;
    public static final double DEFAULT_SHARED_SHARE = 0.3;
    public static final double DEFAULT_UNCERTAIN_SHARE = 0.3;
    public static final int DEFAULT_UNCERTAIN_CANDIDATES = 300;
    public static final int DEFAULT_VOTES_PER_TRIPLET = 5;
    /** A person answers at most one question every few seconds; pages, audio ranges and retries add a few. */
    public static final RateLimit DEFAULT_RATER_LIMIT = new RateLimit(3, 60);
    /** A classroom or office behind one NAT address shares this. */
    public static final RateLimit DEFAULT_ADDRESS_LIMIT = new RateLimit(30, 300);
    public static final int DEFAULT_THREADS = 8;
    public static final long DEFAULT_SEED = 42;

    public SurveyConfig {
        if (questionsPerSession < 1 || questionsPerSession > 10_000) {
            throw new IllegalArgumentException("questions per session must be in [1, 10000], got " + questionsPerSession);
        }
        if (!(excerptSeconds >= 1 && excerptSeconds <= 600)) {
            throw new IllegalArgumentException("excerpt must be between 1 and 600 seconds, got " + excerptSeconds);
        }
        share("repeat share", repeatShare);
        share("shared share", sharedShare);
        share("uncertain share", uncertainShare);
        if (repeatShare + sharedShare + uncertainShare > 1 + 1e-9) {
            throw new IllegalArgumentException("repeat, shared and uncertain shares add up to more than 1: "
                    + repeatShare + " + " + sharedShare + " + " + uncertainShare);
        }
        if (uncertainCandidates < 1) {
            throw new IllegalArgumentException("uncertain candidates must be at least 1, got " + uncertainCandidates);
        }
        if (votesPerTriplet < 2) {
            throw new IllegalArgumentException("votes per triplet must be at least 2, got " + votesPerTriplet);
        }
        if (raterLimit == null || addressLimit == null) {
            throw new IllegalArgumentException("rate limits must be given");
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], got " + threads);
        }
        if (limits == null) {
            throw new IllegalArgumentException("server limits must be given");
        }
    }

    private static void share(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    public static SurveyConfig defaults() {
        return new SurveyConfig(DEFAULT_QUESTIONS, DEFAULT_EXCERPT_SECONDS, DEFAULT_REPEAT_SHARE, DEFAULT_SHARED_SHARE,
                DEFAULT_UNCERTAIN_SHARE, DEFAULT_UNCERTAIN_CANDIDATES, DEFAULT_VOTES_PER_TRIPLET,
                DEFAULT_RATER_LIMIT, DEFAULT_ADDRESS_LIMIT, DEFAULT_THREADS, ServerLimits.defaults(), DEFAULT_SEED);
    }

    public SurveyConfig withQuestionsPerSession(int n) {
        return new SurveyConfig(n, excerptSeconds, repeatShare, sharedShare, uncertainShare, uncertainCandidates,
                votesPerTriplet, raterLimit, addressLimit, threads, limits, seed);
    }

    public SurveyConfig withExcerptSeconds(double seconds) {
        return new SurveyConfig(questionsPerSession, seconds, repeatShare, sharedShare, uncertainShare,
                uncertainCandidates, votesPerTriplet, raterLimit, addressLimit, threads, limits, seed);
    }

    public SurveyConfig withShares(double repeat, double shared, double uncertain) {
        return new SurveyConfig(questionsPerSession, excerptSeconds, repeat, shared, uncertain, uncertainCandidates,
                votesPerTriplet, raterLimit, addressLimit, threads, limits, seed);
    }

    public SurveyConfig withRateLimits(RateLimit rater, RateLimit address) {
        return new SurveyConfig(questionsPerSession, excerptSeconds, repeatShare, sharedShare, uncertainShare,
                uncertainCandidates, votesPerTriplet, rater, address, threads, limits, seed);
    }

    public SurveyConfig withThreads(int n) {
        return new SurveyConfig(questionsPerSession, excerptSeconds, repeatShare, sharedShare, uncertainShare,
                uncertainCandidates, votesPerTriplet, raterLimit, addressLimit, n, limits, seed);
    }

    public SurveyConfig withSeed(long newSeed) {
        return new SurveyConfig(questionsPerSession, excerptSeconds, repeatShare, sharedShare, uncertainShare,
                uncertainCandidates, votesPerTriplet, raterLimit, addressLimit, threads, limits, newSeed);
    }

    public SurveyConfig withLimits(ServerLimits newLimits) {
        return new SurveyConfig(questionsPerSession, excerptSeconds, repeatShare, sharedShare, uncertainShare,
                uncertainCandidates, votesPerTriplet, raterLimit, addressLimit, threads, newLimits, seed);
    }
}
