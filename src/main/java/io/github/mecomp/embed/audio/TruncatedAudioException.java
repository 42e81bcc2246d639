package io.github.mecomp.embed.audio;

import java.nio.file.Path;

/**
 * The file ends before its container says it should (a cut download, an Ogg stream without its end-of-stream
 * page). What decoded before the end is still audio: {@link TruncationPolicy} decides whether it is used.
 */
public final class TruncatedAudioException extends AudioDecodeException {

    private static final long serialVersionUID = 1L;

    public TruncatedAudioException(Path file, String detail) {
        super(file, "truncated: " + detail);
    }
}
