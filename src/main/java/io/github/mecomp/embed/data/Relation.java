package io.github.mecomp.embed.data;

import java.util.Collection;
import java.util.EnumSet;
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
    TRACK,
    /**
     * Same mood (mer4q's Russell quadrant); the negative is from another quadrant. The test task of that name
     * takes its negative from the opposite quadrant only, a subset of these.
     */
    MOOD;

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
        throw new IllegalArgumentException("relation must be artist, genre, album, track or mood, got '" + value + "'");
    }

    /** Parses each of {@code values} with {@link #parse(String)}; an empty collection gives an empty set. */
    public static EnumSet<Relation> parseAll(Collection<String> values) {
        EnumSet<Relation> out = EnumSet.noneOf(Relation.class);
        values.forEach(v -> out.add(parse(v)));
        return out;
    }
}
