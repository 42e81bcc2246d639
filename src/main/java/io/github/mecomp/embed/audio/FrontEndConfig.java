package io.github.mecomp.embed.audio;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every setting of the audio front-end, from decoded samples to 1-second log-mel windows. Defaults live in
 * {@link #DEFAULT} and nowhere else; the exported ONNX graph computes the same front-end from these values.
 *
 * <p>Each window is framed on its own (no centring, no padding across windows), so that a window's log-mel
 * depends only on its own samples: the model can pick windows anywhere in a song and the graph can cut them
 * before the DFT.
 *
 * @param sampleRate    the rate audio is resampled to before anything else (MECOMP decodes to 22,050 Hz)
 * @param windowSeconds length of one model window; a clip yields {@code max(1, floor(duration / windowSeconds))}
 *                      (a shorter clip is zero-padded to one window)
 * @param frameLength   samples per STFT frame, which is also the DFT size (periodic Hann window)
 * @param hopLength     samples between frame starts
 * @param melBands      mel filters (Slaney mel scale and area normalisation, as librosa's defaults)
 * @param fMin          lowest filter edge in Hz
 * @param fMax          highest filter edge in Hz, at most the Nyquist frequency
 * @param logFloor      added to the mel power before the natural log, so silence stays finite
 * @param crestChannel  whether each frame carries, after its mel bands, one more value: its crest factor
 *                      {@code ln(peak / rms)} over the frame's raw samples (see {@link #CREST_FLOOR}). Unlike
 *                      the mel power it is unchanged by any gain, and it tells apart what power spectra averaged
 *                      over a frame cannot: limiting, clipping, the waveforms of tracker and chip music against
 *                      recorded instruments. Off by default and then absent from JSON and cache keys, so
 *                      front-ends without it stay as they were
 * @param chromaChannel whether each frame carries, after its mel bands and crest factor, its window's chroma:
 *                      {@value #CHROMA_BINS} values, the share of the window's power in each pitch class (C
 *                      first) between {@value #CHROMA_FMIN_HZ} and {@value #CHROMA_FMAX_HZ} Hz, from DFTs of
 *                      {@value #CHROMA_FRAME}-sample frames (at 22,050 Hz, 10.8 Hz a bin where the mel frames
 *                      have 43 Hz, too coarse for a semitone below 1 kHz). The same twelve values repeat in every
 *                      frame of a window. Harmony is what bliss's chroma features read, and they carry most of its
 *                      lead on soundtracks (docs/recipe-v2-runs.md). A share is unchanged by any gain. Off by
 *                      default and then absent from JSON and cache keys
 * @param harmonyChannel whether each frame carries, after the chroma (if on), {@value #HARMONY_VALUES} values of
 *                      its window that no transposition changes: the magnitudes of coefficients 1 to 6 of the DFT
 *                      of the twelve chroma shares (a pitch-class profile's Fourier coefficients: how much of its
 *                      weight follows the chromatic, tritone, minor-third, major-third, fifths and whole-tone
 *                      cycles). The shares themselves name the key, which tells one track's excerpts apart from
 *                      another's but says nothing of an artist or a genre; these say what kind of harmony it is.
 *                      Off by default and then absent from JSON and cache keys
 * @param chromaFrames  how many of a window's non-overlapping {@value #CHROMA_FRAME}-sample frames the chroma and
 *                      harmony channels read, spread evenly over the window ({@link #chromaFrameIndices()}); 0,
 *                      the default, reads every one. The 2048-sample DFTs of all ten frames of a 1-second window
 *                      cost the exported graph about a third more time, which takes a harmony model past the
 *                      10 ms per song MECOMP is promised; fewer frames cost proportionally less, at the price of a
 *                      noisier estimate of each window's harmony. 0 is absent from JSON and cache keys
 * @param frameHarmony  whether the harmony values are the mean over the frames read of each frame's own values
 *                      (its shares, then their DFT magnitudes) instead of the values of the frames' summed chroma.
 *                      A squared magnitude is the DFT of the shares' circular autocorrelation, their interval
 *                      content; taken per 93-ms frame it counts the intervals sounding together (the chord), not
 *                      those between notes of successive frames (bliss's interval features are per frame too, of
 *                      372 ms). It lost on the soundtrack validation parts (docs/recipe-v2-runs.md). Needs the
 *                      harmony channel; off by default and then absent from JSON and cache keys
 * @param highBandChannel whether each frame carries, after its crest factor (if on), its share of power above the
 *                      mel bands: {@code ln((P_high + F (P_all + e)) / (P_all + e))}, where {@code P_all} is the
 *                      frame's power over the whole spectrum, {@code P_high} that of the DFT bins no mel filter
 *                      touches (above {@link #fMax}), F = {@value #HIGH_BAND_FLOOR} and e =
 *                      {@value #HIGH_BAND_EPSILON}. The mel bands stop at 8 kHz to keep the front-end cheap, and so
 *                      cannot see how much a recording has above it, which tells apart music rendered from
 *                      low-rate samples (trackers, chip music) from recorded orchestras; bliss's rolloff and
 *                      flatness read the whole band. Unchanged by any gain; silence gives {@code ln F}. Needs
 *                      {@link #fMax} below the Nyquist frequency. Off by default and then absent from JSON and
 *                      cache keys
 */
public record FrontEndConfig(
        int sampleRate,
        double windowSeconds,
        int frameLength,
        int hopLength,
        int melBands,
        double fMin,
        double fMax,
        double logFloor,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean crestChannel,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean chromaChannel,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean harmonyChannel,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int chromaFrames,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean frameHarmony,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean highBandChannel) {

    /** The shipped front-end. See docs/frontend-study.md for the speed and accuracy figures behind it. */
    public static final FrontEndConfig DEFAULT =
            new FrontEndConfig(22_050, 1.0, 512, 512, 64, 0.0, 8_000.0, 1e-6);

    /**
     * Added to both the squared peak and the mean square of a frame before their ratio is taken (100 dB below
     * full scale), so that a silent frame has crest 0 and a gain changes an audible frame's crest by nothing
     * measurable.
     */
    public static final double CREST_FLOOR = 1e-10;

    /**
     * The least share of a frame's power the high-band channel reports (40 dB below the whole), so that a frame
     * with nothing above the mel bands, or silence, reads {@code ln 1e-4} and not minus infinity; also keeps the
     * exported graph, which gets the high band as the whole minus the low bins, clear of rounding in the difference.
     */
    public static final double HIGH_BAND_FLOOR = 1e-4;
    /** Added to a frame's total power in the high-band channel's ratio, so that silence reads the floor. */
    public static final double HIGH_BAND_EPSILON = 1e-10;

    /** Pitch classes of the chroma channel. */
    public static final int CHROMA_BINS = 12;
    /** Samples per DFT frame of the chroma channel (frames do not overlap; a window's last partial one is left out). */
    public static final int CHROMA_FRAME = 2048;
    /** Lowest DFT bin frequency the chroma channel counts. */
    public static final double CHROMA_FMIN_HZ = 100;
    /** Highest DFT bin frequency the chroma channel counts. */
    public static final double CHROMA_FMAX_HZ = 2000;
    /** Added to a window's total chroma power before the shares are taken, so that silence gives zeros. */
    public static final double CHROMA_FLOOR = 1e-10;
    /** Values of the harmony channel: the magnitudes of DFT coefficients 1..6 of the chroma shares. */
    public static final int HARMONY_VALUES = 6;

    /** Without side values: the mel bands alone. */
    public FrontEndConfig(int sampleRate, double windowSeconds, int frameLength, int hopLength, int melBands,
            double fMin, double fMax, double logFloor) {
        this(sampleRate, windowSeconds, frameLength, hopLength, melBands, fMin, fMax, logFloor, false, false, false, 0,
                false, false);
    }

    public FrontEndConfig {
        require(sampleRate >= 8_000 && sampleRate <= 192_000, "sampleRate must be 8000..192000 Hz, got " + sampleRate);
        require(windowSeconds > 0 && windowSeconds <= 30, "windowSeconds must be in (0, 30], got " + windowSeconds);
        require(frameLength >= 16 && Integer.bitCount(frameLength) == 1,
                "frameLength must be a power of two >= 16, got " + frameLength);
        require(hopLength > 0 && hopLength <= frameLength,
                "hopLength must be in 1..frameLength (" + frameLength + "), got " + hopLength);
        require(melBands >= 1 && melBands <= frameLength / 2 + 1,
                "melBands must be in 1.." + (frameLength / 2 + 1) + ", got " + melBands);
        require(fMin >= 0 && fMin < fMax, "fMin must be >= 0 and below fMax, got fMin=" + fMin + " fMax=" + fMax);
        require(fMax <= sampleRate / 2.0 + 1e-9,
                "fMax must not exceed the Nyquist frequency " + sampleRate / 2.0 + " Hz, got " + fMax);
        require(logFloor > 0, "logFloor must be positive, got " + logFloor);
        int windowSamples = (int) Math.round(sampleRate * windowSeconds);
        require(windowSamples >= frameLength,
                "a window of " + windowSeconds + " s (" + windowSamples + " samples) is shorter than one frame ("
                        + frameLength + ")");
        require(!(chromaChannel || harmonyChannel) || windowSamples >= CHROMA_FRAME, "the chroma and harmony channels"
                + " need windows of at least " + CHROMA_FRAME + " samples, got " + windowSamples);
        require(chromaFrames >= 0, "chromaFrames must be >= 0 (0: every frame), got " + chromaFrames);
        require(chromaFrames == 0 || chromaChannel || harmonyChannel,
                "chromaFrames (" + chromaFrames + ") needs the chroma or harmony channel, which are off");
        require(chromaFrames <= windowSamples / CHROMA_FRAME, "chromaFrames must be at most the "
                + windowSamples / CHROMA_FRAME + " whole " + CHROMA_FRAME + "-sample frames of a window, got "
                + chromaFrames);
        require(!frameHarmony || harmonyChannel, "frameHarmony needs the harmony channel, which is off");
        require(!highBandChannel || fMax < sampleRate / 2.0, "the high-band channel measures the power above fMax, "
                + "which is the Nyquist frequency (" + sampleRate / 2.0 + " Hz) here: lower --fmax or leave the "
                + "channel off");
    }

    /** The same front-end at another sample rate; fMax follows the Nyquist frequency when it would exceed it. */
    public FrontEndConfig withSampleRate(int rate) {
        return new FrontEndConfig(rate, windowSeconds, frameLength, hopLength, melBands, fMin,
                Math.min(fMax, rate / 2.0), logFloor, crestChannel, chromaChannel, harmonyChannel, chromaFrames,
                frameHarmony, highBandChannel);
    }

    /** The same front-end with or without the crest channel. */
    public FrontEndConfig withCrestChannel(boolean on) {
        return new FrontEndConfig(sampleRate, windowSeconds, frameLength, hopLength, melBands, fMin, fMax, logFloor,
                on, chromaChannel, harmonyChannel, chromaFrames, frameHarmony, highBandChannel);
    }

    /** The same front-end with or without the high-band channel. */
    public FrontEndConfig withHighBandChannel(boolean on) {
        return new FrontEndConfig(sampleRate, windowSeconds, frameLength, hopLength, melBands, fMin, fMax, logFloor,
                crestChannel, chromaChannel, harmonyChannel, chromaFrames, frameHarmony, on);
    }

    /** The same front-end with or without the chroma channel. */
    public FrontEndConfig withChromaChannel(boolean on) {
        return new FrontEndConfig(sampleRate, windowSeconds, frameLength, hopLength, melBands, fMin, fMax, logFloor,
                crestChannel, on, harmonyChannel, chromaFrames, frameHarmony, highBandChannel);
    }

    /** The same front-end with or without the harmony channel. */
    public FrontEndConfig withHarmonyChannel(boolean on) {
        return new FrontEndConfig(sampleRate, windowSeconds, frameLength, hopLength, melBands, fMin, fMax, logFloor,
                crestChannel, chromaChannel, on, chromaFrames, frameHarmony, highBandChannel);
    }

    /** The same front-end with its chroma from this many frames of a window (0: every frame). */
    public FrontEndConfig withChromaFrames(int frames) {
        return new FrontEndConfig(sampleRate, windowSeconds, frameLength, hopLength, melBands, fMin, fMax, logFloor,
                crestChannel, chromaChannel, harmonyChannel, frames, frameHarmony, highBandChannel);
    }

    /** Whether the window's chroma is computed: for the chroma channel, the harmony channel or both. */
    public boolean needsChroma() {
        return chromaChannel || harmonyChannel;
    }

    /**
     * Values per frame after the mel bands: the crest factor, the high-band share, the chroma, then the harmony, each
     * if on.
     */
    public int sideValues() {
        return sideValues(crestChannel, highBandChannel, chromaChannel, harmonyChannel);
    }

    /** Values per frame after the mel bands with the given side channels on; the network reads them alike. */
    public static int sideValues(boolean crest, boolean highBand, boolean chroma, boolean harmony) {
        return frameSideValues(crest, highBand) + (chroma ? CHROMA_BINS : 0) + (harmony ? HARMONY_VALUES : 0);
    }

    /** Side values each frame has of its own (the crest factor, the high-band share), before the window's. */
    public static int frameSideValues(boolean crest, boolean highBand) {
        return (crest ? 1 : 0) + (highBand ? 1 : 0);
    }

    /** Side values each frame has of its own: the crest factor and the high-band share, if on. */
    public int frameSideValues() {
        return frameSideValues(crestChannel, highBandChannel);
    }

    /**
     * Side values of the window that every frame of it repeats, after the frame's own: the chroma and harmony
     * values, if on.
     */
    public int windowSideValues() {
        return sideValues() - frameSideValues();
    }

    /** Values per frame: the mel bands, then the {@link #sideValues}. */
    public int valuesPerFrame() {
        return melBands + sideValues();
    }

    /** The same front-end with the harmony values taken per chroma frame and averaged, or from the summed chroma. */
    public FrontEndConfig withFrameHarmony(boolean on) {
        return new FrontEndConfig(sampleRate, windowSeconds, frameLength, hopLength, melBands, fMin, fMax, logFloor,
                crestChannel, chromaChannel, harmonyChannel, chromaFrames, on, highBandChannel);
    }

    /** Whole non-overlapping {@value #CHROMA_FRAME}-sample frames in one window, read or not. */
    public int chromaFramesPerWindow() {
        return windowSamples() / CHROMA_FRAME;
    }

    /**
     * The frames of a window the chroma reads, in order: each the middle one of its equal share of the window's
     * {@link #chromaFramesPerWindow()} frames ({@code floor((2i + 1) F / 2m)} for {@code i < m}), so that 3 of 10
     * are frames 1, 5 and 8; every frame when {@link #chromaFrames()} is 0 or all of them.
     */
    public int[] chromaFrameIndices() {
        int available = chromaFramesPerWindow();
        int read = chromaFrames == 0 ? available : chromaFrames;
        int[] out = new int[read];
        for (int i = 0; i < read; i++) {
            out[i] = (2 * i + 1) * available / (2 * read);
        }
        return out;
    }

    /**
     * What the front-end is, as one line, for cache keys: the record's text as it was before the crest channel
     * existed when the channel is off, so caches made then stay valid.
     */
    public String key() {
        String legacy = "FrontEndConfig[sampleRate=" + sampleRate + ", windowSeconds=" + windowSeconds
                + ", frameLength=" + frameLength + ", hopLength=" + hopLength + ", melBands=" + melBands
                + ", fMin=" + fMin + ", fMax=" + fMax + ", logFloor=" + logFloor + "]";
        return legacy + (crestChannel ? "+crest" : "") + (highBandChannel ? "+highBand" : "")
                + (chromaChannel ? "+chroma" : "")
                + (harmonyChannel ? "+harmony" : "") + (chromaFrames != 0 ? "+chromaFrames=" + chromaFrames : "")
                + (frameHarmony ? "+frameHarmony" : "");
    }

    /** Samples in one window. */
    public int windowSamples() {
        return (int) Math.round(sampleRate * windowSeconds);
    }

    /** STFT frames in one window. */
    public int framesPerWindow() {
        return 1 + (windowSamples() - frameLength) / hopLength;
    }

    /** DFT bins of a frame, 0 Hz to Nyquist inclusive. */
    public int dftBins() {
        return frameLength / 2 + 1;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("front-end: " + message);
        }
    }
}
