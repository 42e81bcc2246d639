package io.github.mecomp.embed.audio;

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
 */
public record FrontEndConfig(
        int sampleRate,
        double windowSeconds,
        int frameLength,
        int hopLength,
        int melBands,
        double fMin,
        double fMax,
        double logFloor) {

    /** The shipped front-end. See docs/frontend-study.md for the speed and accuracy figures behind it. */
    public static final FrontEndConfig DEFAULT =
            new FrontEndConfig(22_050, 1.0, 512, 512, 64, 0.0, 8_000.0, 1e-6);

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
    }

    /** The same front-end at another sample rate; fMax follows the Nyquist frequency when it would exceed it. */
    public FrontEndConfig withSampleRate(int rate) {
        return new FrontEndConfig(rate, windowSeconds, frameLength, hopLength, melBands, fMin,
                Math.min(fMax, rate / 2.0), logFloor);
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
