package io.github.mecomp.embed.data;

/**
 * Which label columns carry a relation in one data set.
 *
 * @param same      the positive shares this column's value with the anchor
 * @param different the negative shares none of the anchor's values in this column (nor in {@code same});
 *                  for the track relation this is the album or soundtrack, so that the negative is not merely
 *                  another track of the anchor's album
 */
public record RelationColumns(String same, String different) {

    public RelationColumns {
        if (same == null || same.isBlank() || different == null || different.isBlank()) {
            throw new IllegalArgumentException("relation columns must be named, got " + same + ", " + different);
        }
    }

    /** A relation whose negative differs in the same column its positive shares. */
    public static RelationColumns of(String column) {
        return new RelationColumns(column, column);
    }
}
