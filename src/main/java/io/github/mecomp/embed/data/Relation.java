package io.github.mecomp.embed.data;

import java.util.Locale;

/** A reason two clips should sound alike, used to mine weak training triplets from metadata. */
public enum Relation {
    /** Same artist; the negative is by another artist. */
    ARTIST,
    /** Same genre; the negative shares none of the anchor's genres. */
    GENRE,
    /** Same album (for game music: the same soundtrack); the negative is from another album. */
    ALBUM,
    /** Another excerpt of the same track; the negative is from another album or soundtrack. */
    TRACK;

    /** The name written in mined triplet files: {@code artist}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}, ignoring case. */
    public static Relation parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Relation r : values()) {
            if (r.id().equals(v)) {
                return r;
            }
        }
        throw new IllegalArgumentException("relation must be artist, genre, album or track, got '" + value + "'");
    }
}
