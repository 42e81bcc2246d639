package io.github.mecomp.embed.survey;

import io.github.mecomp.embed.audio.AudioFileFormat;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One registered clip of the pool. Requests name clips only by {@link #id()}; the file behind it never comes
 * from a request.
 *
 * @param id       12 hex digits of the SHA-256 of {@link #path()}: stable across restarts, says nothing about the file
 * @param path     path relative to the clip folder, with '/' separators: the clip's name in exports
 * @param file     the file on disk
 * @param format   the format found in its content
 * @param seconds  its duration, from decoding it
 * @param bytes    its size, to notice a changed file on restart
 * @param modified its modification time in milliseconds, for the same reason
 */
public record SurveyClip(String id, String path, Path file, AudioFileFormat format, double seconds, long bytes,
                         long modified) {

    /** The only form a clip id in a request may take. */
    public static final Pattern ID = Pattern.compile("[0-9a-f]{12}");

    public SurveyClip {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("clip id must be 12 lower-case hex digits, got '" + id + "'");
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(path + ": duration must be positive, got " + seconds);
        }
    }

    /** What the browser is told the file is. */
    public String contentType() {
        return switch (format) {
            case WAV -> "audio/wav";
            case MP3 -> "audio/mpeg";
            case OGG_VORBIS -> "audio/ogg";
            case FLAC -> "audio/flac";
        };
    }

    /** Where playback starts: the middle {@code excerptSeconds} of a longer file, else its beginning. */
    public double excerptStart(double excerptSeconds) {
        return seconds > excerptSeconds ? (seconds - excerptSeconds) / 2 : 0;
    }

    /** How long playback lasts: the whole clip, or {@code excerptSeconds} of a longer one. */
    public double excerptLength(double excerptSeconds) {
        return Math.min(seconds, excerptSeconds);
    }
}
