package io.github.mecomp.embed.data;

import java.util.Locale;

/**
 * The nested subsets of the Free Music Archive data set: every small track is in medium, every medium
 * track in large. Full holds the same tracks as large, untrimmed, so its audio lives in its own folder.
 */
public enum FmaSubset {
    SMALL,
    MEDIUM,
    LARGE,
    FULL;

    /** Parses {@code small}, {@code medium}, {@code large} or {@code full}, ignoring case. */
    public static FmaSubset parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (FmaSubset s : values()) {
            if (s.id().equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("FMA subset must be small, medium, large or full, got '" + value + "'");
    }

    /** The name as FMA writes it: {@code small}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a track tagged with {@code other} belongs to this subset too. */
    public boolean contains(FmaSubset other) {
        return other.ordinal() <= ordinal();
    }
}
