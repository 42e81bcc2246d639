package io.github.mecomp.embed.eval;

/**
 * Triplet accuracy on one task.
 *
 * @param correct triplets whose anchor is strictly closer to the positive than to the negative
 * @param n       triplets scored
 * @param skipped triplets not scored because a clip had no vector (its audio failed to load, or a precomputed
 *                source lacks it)
 */
public record TaskScore(long correct, long n, long skipped) {

    public double accuracy() {
        return n == 0 ? Double.NaN : correct / (double) n;
    }

    public WilsonInterval ci95() {
        return WilsonInterval.of95(correct, n);
    }
}
