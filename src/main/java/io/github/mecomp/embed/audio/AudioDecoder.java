package io.github.mecomp.embed.audio;

import java.nio.file.Path;

/**
 * Turns one audio file into mono samples.
 *
 * <p>Implementations return the file's native sample rate (resampling is the front-end's job, so that it
 * happens once and the same way for every format) and mix the channels down as MECOMP's decoder does
 * (mecomp-analysis 0.7.3): stereo as (L + R)·√2/2, other channel counts by averaging (see
 * {@code MonoBuffer.mixGain}). Stereo mixes can therefore reach ±√2. They are stateless and safe to share
 * between threads.
 */
public interface AudioDecoder {

    /**
     * Decodes the whole file.
     *
     * @throws AudioDecodeException if the file is missing, unreadable, empty, not in this decoder's format,
     *                              truncated, corrupt, or holds no samples; the message names the file and
     *                              the problem
     */
    PcmAudio decode(Path file) throws AudioDecodeException;
}
