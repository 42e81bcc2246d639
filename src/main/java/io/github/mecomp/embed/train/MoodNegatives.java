package io.github.mecomp.embed.train;

import java.util.Locale;

/**
 * Which clips may be a negative for an anchor under the mood relation (Russell quadrants Q1-Q4: Q1 happy and
 * energetic, Q2 tense, Q3 sad, Q4 calm), in P x K batches.
 *
 * <p>The miner's rule makes every other quadrant a negative. The mood test task takes its negative from the
 * opposite quadrant only (Q1 against Q3, Q2 against Q4): two quadrants side by side share arousal or valence, and
 * a listener would call a tense song nearer an energetic one than a calm one. With {@link #OPPOSITE} such pairs
 * are neither positive nor negative, so the loss no longer pushes them as far apart as opposites.
 */
public enum MoodNegatives {
    /** Any other quadrant (the miner's rule, and the default). */
    OTHER,
    /** The opposite quadrant only (the mood test task's rule). */
    OPPOSITE;

    /** The option value: {@code other} or {@code opposite}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}, ignoring case. */
    public static MoodNegatives parse(String value) {
        for (MoodNegatives m : values()) {
            if (m.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("training: --mood-negatives must be other or opposite, got '" + value + "'");
    }

    /**
     * The quadrant's number, 1 to 4, of a label such as {@code Q3} (or {@code 3}); -1 when it is not one.
     */
    static int quadrant(String label) {
        String v = label.trim().toUpperCase(Locale.ROOT);
        if (v.startsWith("Q")) {
            v = v.substring(1);
        }
        return v.length() == 1 && v.charAt(0) >= '1' && v.charAt(0) <= '4' ? v.charAt(0) - '0' : -1;
    }

    /** Whether quadrants {@code a} and {@code b} (1 to 4) are opposite: 1 and 3, or 2 and 4. */
    static boolean opposite(int a, int b) {
        return a > 0 && b > 0 && Math.abs(a - b) == 2;
    }
}
