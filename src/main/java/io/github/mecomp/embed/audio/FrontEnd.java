package io.github.mecomp.embed.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * From an audio file to the model's input: decoded, resampled, cut into 1-second log-mel windows, with an
 * optional on-disk cache so that training epochs decode every file once.
 *
 * <p>Thread-safe.
 */
public final class FrontEnd {

    private final FrontEndConfig config;
    private final AudioLoader loader;
    private final LogMelSpectrogram logMel;
    private final MelCache cache;

    public FrontEnd(FrontEndConfig config) {
        this(config, null);
    }

    /** @param cache where log-mels are kept between runs, or null for none */
    public FrontEnd(FrontEndConfig config, MelCache cache) {
        this(config, cache, TruncationPolicy.REFUSE);
    }

    /**
     * @param cache      where log-mels are kept between runs, or null for none
     * @param truncation whether a file that ends early is used up to its end (embedding) or refused (training)
     */
    public FrontEnd(FrontEndConfig config, MelCache cache, TruncationPolicy truncation) {
        if (cache != null && !cache.config().equals(config)) {
            throw new IllegalArgumentException("front-end: the cache was opened for another configuration");
        }
        this.config = config;
        this.loader = new AudioLoader(config.sampleRate(), truncation);
        this.logMel = new LogMelSpectrogram(config);
        this.cache = cache;
    }

    public FrontEndConfig config() {
        return config;
    }

    public AudioLoader loader() {
        return loader;
    }

    public LogMelSpectrogram logMel() {
        return logMel;
    }

    public Optional<MelCache> cache() {
        return Optional.ofNullable(cache);
    }

    /**
     * The log-mel windows [window][frame][band] of {@code file}, from the cache when it holds them.
     *
     * @throws AudioDecodeException if the file cannot be decoded, is empty or silent (a clip shorter than one
     *                              window is zero-padded to one window, see {@link LogMelSpectrogram})
     * @throws IOException          if the cache cannot be read or written
     */
    public float[][][] windows(Path file) throws IOException {
        boolean[] whole = {true};
        if (cache == null) {
            return compute(file, whole);
        }
        // a cut file read up to its end is not cached: a strict reader of the same cache (training) must refuse it
        return cache.getOrCompute(file, () -> compute(file, whole), () -> whole[0]);
    }

    /** The log-mel windows of audio already decoded at the configured rate. */
    public float[][][] windows(Path file, PcmAudio audio) throws AudioDecodeException {
        if (audio.length() == 0) {
            throw new AudioDecodeException(file, "no audio samples in the file");
        }
        return logMel.windows(audio);
    }

    /**
     * The samples of the windows {@code selection} picks (see {@link SelectedWindows}), read in memory bounded by
     * those windows: for a model that looks at some windows of a long song.
     */
    public float[] selectedSamples(Path file, java.util.function.IntFunction<int[]> selection)
            throws AudioDecodeException {
        return SelectedWindows.samples(loader, file, config.windowSamples(), selection);
    }

    /**
     * Hands the log-mel windows of {@code file} to {@code sink} one at a time, as they are computed, holding neither
     * the song nor its windows (from the cache when there is one, which holds them all). The checks that need the
     * whole file (silence) fail after the last window: a sink should keep what it wrote provisional until this
     * returns.
     *
     * @return the number of windows
     * @throws AudioDecodeException as {@link #windows(Path)}
     * @throws IOException          if the sink fails, as it failed
     */
    public int windows(Path file, WindowSink sink) throws IOException {
        if (cache != null) {
            float[][][] all = windows(file);
            for (float[][] w : all) {
                sink.accept(w);
            }
            return all.length;
        }
        LogMelWindows windows = new LogMelWindows(file, logMel, sink);
        try {
            loader.stream(file, windows, true);
        } catch (LogMelWindows.SinkFailure e) {
            throw e.output();
        }
        return windows.count();
    }

    /** Streams the file, keeping the log-mel windows and never the song: the same windows as the whole-song path. */
    private float[][][] compute(Path file, boolean[] whole) throws AudioDecodeException {
        java.util.List<float[][]> all = new java.util.ArrayList<>();
        whole[0] = loader.stream(file, new LogMelWindows(file, logMel, all::add), true);
        return all.toArray(new float[0][][]);
    }
}
