package io.github.mecomp.embed.audio;

import java.nio.file.Path;

/**
 * Turns one audio file into mono samples.
 *
 * <p>Implementations give the file's native sample rate (resampling is the front-end's job, so that it
 * happens once and the same way for every format) and mix the channels down as MECOMP's decoder does
 * (mecomp-analysis 0.7.3): stereo as (L + R)·√2/2, other channel counts by averaging (see
 * {@code MonoBuffer.mixGain}), so stereo mixes can reach ±√2. They write to a {@link MonoBuffer}, which either
 * keeps the whole file or streams it on, so one decoder serves both. They are stateless and safe to share
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
    default PcmAudio decode(Path file) throws AudioDecodeException {
        MonoBuffer out = MonoBuffer.whole(file);
        decode(file, out);
        return out.toAudio();
    }

    /**
     * Decodes the file into {@code out}, calling {@code out.begin} before the first sample. On a
     * {@link TruncatedAudioException} {@code out} holds every sample decoded before the file ended.
     *
     * @throws AudioDecodeException as {@link #decode(Path)}
     */
    void decode(Path file, MonoBuffer out) throws AudioDecodeException;
}
