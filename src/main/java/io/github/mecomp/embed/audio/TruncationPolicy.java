package io.github.mecomp.embed.audio;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What to do with a file that ends early ({@link TruncatedAudioException}): refuse it, or use the audio that
 * decoded before the end and say so. Players play such files, so embedding uses them; training refuses them by
 * default, because a cut file in a training set more often means a broken copy than a short song.
 *
 * @param useDecodedAudio true to use what decodes, false to refuse the file
 * @param minimumSeconds  a file cut before this much audio decoded is refused all the same (one model window:
 *                        less than that holds too little to embed)
 * @param warnings        receives one line per file used despite its end, naming the file and where it ended
 */
public record TruncationPolicy(boolean useDecodedAudio, double minimumSeconds, Consumer<String> warnings) {

    /** Every truncated file is an error (the training default). */
    public static final TruncationPolicy REFUSE = new TruncationPolicy(false, 0, line -> { });

    public TruncationPolicy {
        Objects.requireNonNull(warnings, "warnings");
        if (!(minimumSeconds >= 0)) {
            throw new IllegalArgumentException("truncation policy: minimumSeconds must be >= 0, got " + minimumSeconds);
        }
    }

    /** Use what decodes when at least {@code minimumSeconds} of it did, with a warning line to {@code warnings}. */
    public static TruncationPolicy useWhatDecodes(double minimumSeconds, Consumer<String> warnings) {
        return new TruncationPolicy(true, minimumSeconds, warnings);
    }

    /** Whether a file cut after {@code decodedSeconds} of audio is used rather than refused. */
    boolean accepts(double decodedSeconds) {
        return useDecodedAudio && decodedSeconds > 0 && decodedSeconds >= minimumSeconds;
    }

    /** The warning line for a file used despite its early end. */
    static String warning(TruncatedAudioException e, double decodedSeconds) {
        return String.format(Locale.ROOT, "warning: %s: %s; the audio ends at %.1f s and is used up to there",
                e.file(), e.reason(), decodedSeconds);
    }
}
