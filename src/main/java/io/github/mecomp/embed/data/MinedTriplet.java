package io.github.mecomp.embed.data;

/**
 * A training triplet mined from metadata.
 *
 * @param triplet  the clip ids
 * @param dataset  the name of the set the clips belong to (clip ids are unique only within a set)
 * @param relation why the positive should sound like the anchor: a {@link Relation#id()}
 */
public record MinedTriplet(Triplet triplet, String dataset, String relation) {
}
