package io.github.mecomp.embed.data;

/**
 * A triplet that people judged: of three songs, the anchor and positive were chosen as the most alike.
 *
 * @param triplet the judged triplet
 * @param votes   how many people made this judgement; 1 when the file has no {@code votes} column
 */
public record HumanTriplet(Triplet triplet, int votes) {

    public HumanTriplet {
        if (votes < 1) {
            throw new IllegalArgumentException("votes must be at least 1, got " + votes);
        }
    }
}
