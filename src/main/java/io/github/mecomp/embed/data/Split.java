package io.github.mecomp.embed.data;

import java.util.Locale;

/** Which part of a data set a clip belongs to. Evaluation triplets are drawn from {@link #TEST} only. */
public enum Split {
    TRAIN,
    TEST;

    /** Parses the {@code split} column; anything but train or test is an error naming the value. */
    public static Split parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "train" -> TRAIN;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException(
                    "split must be 'train' or 'test', got '" + value + "'");
        };
    }
}
