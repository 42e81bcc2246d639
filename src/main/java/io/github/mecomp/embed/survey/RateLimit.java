package io.github.mecomp.embed.survey;

/**
 * A token bucket's settings: {@code burst} requests at once, refilled at {@code perSecond}.
 *
 * @param perSecond sustained requests per second, positive
 * @param burst     requests allowed at once after a quiet spell, at least 1
 */
public record RateLimit(double perSecond, int burst) {

    public RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate limit: perSecond must be positive and finite, got " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit: burst must be at least 1, got " + burst);
        }
    }
}
