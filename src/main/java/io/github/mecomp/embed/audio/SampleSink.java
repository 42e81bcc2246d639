package io.github.mecomp.embed.audio;

/**
 * Receives a song's mono samples as a decoder streams them, so that a stage downstream (resampling, window
 * picking) never needs the whole song in memory.
 */
public interface SampleSink {

    /**
     * Called once, before the first sample.
     *
     * @param sampleRate     the rate of the samples to come
     * @param declaredLength the number of samples the container declares (Xing/Info frame count, FLAC
     *                       STREAMINFO, WAV data size), or -1 when it declares none; a hint only, since a cut
     *                       or joined file holds another number
     */
    void begin(int sampleRate, long declaredLength) throws AudioDecodeException;

    /** The next samples, {@code samples[from, to)}; the array is reused after the call returns. */
    void accept(float[] samples, int from, int to) throws AudioDecodeException;

    /** Called once, after the last sample. */
    void end() throws AudioDecodeException;
}
