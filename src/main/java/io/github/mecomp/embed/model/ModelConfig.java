package io.github.mecomp.embed.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.mecomp.embed.audio.FrontEndConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the embedding network. Defaults live in {@link #DEFAULT} and nowhere else.
 *
 * <p>The network, per song of K' windows (1 &le; K' &le; {@link #sequenceLength}):
 * <ol>
 *   <li>with a {@link #levelFloor}, level normalisation: the song's mel power is divided by its mean over the
 *       song's windows, {@code x' = log(relu(e^x - floor) / mean + floor)};</li>
 *   <li>each log-mel window [frames][bands] is normalised per band with fixed constants
 *       ({@code (x - input_mean[band]) / input_std[band]});</li>
 *   <li>a CNN with shared weights runs over every window: {@code convChannels.size()} layers of 3x3 convolution
 *       with zero padding 1 (explicit, symmetric), stride {@link #firstConvStride} in the first layer and 1 after,
 *       each followed by ReLU; a 2x2 max-pool with stride 2 (no padding, floor) follows every layer but the
 *       last; then the mean over time and frequency gives one vector of {@code convChannels.last} per
 *       window;</li>
 *   <li>a GRU of {@link #gruHidden} units reads the K' window vectors in order (h0 = 0); its last hidden
 *       state is the song vector, followed, with {@link #windowMean}, by the mean of the K' window vectors and,
 *       with {@link #windowSd}, by their standard deviation and, with {@link #songHarmony}, by the harmony values of
 *       the song's mean chroma;</li>
 *   <li>a linear projection to {@link #embeddingSize} followed by L2 normalisation gives the embedding.</li>
 * </ol>
 *
 * @param inputFrames     STFT frames per window (the front-end's {@link FrontEndConfig#framesPerWindow()})
 * @param inputBands      values per frame (the front-end's {@link FrontEndConfig#valuesPerFrame()}): the mel
 *                        bands, then the side values that are on (crest factor, chroma, harmony)
 * @param convChannels    output channels of each 3x3 convolution, first layer first
 * @param firstConvStride stride (in both directions) of the first convolution
 * @param gruHidden       GRU hidden size
 * @param embeddingSize   length of the final, unit-length embedding
 * @param sequenceLength  K: most windows a song contributes (longer songs are sampled by {@link WindowSelection})
 * @param levelFloor      0, or the front-end's log floor ({@link FrontEndConfig#logFloor()}) to normalise the
 *                        level with: the mel power is recovered from the log-mel, divided by its mean over the
 *                        windows the network sees, and floored and logged again, so that a gain, which scales
 *                        every power alike, changes nothing, also where a quiet band meets the floor (subtracting
 *                        the log-mel mean does not manage that: the floor stays put while the rest moves). 0 in
 *                        the v1 network, and then absent from its JSON, which keeps v1 files as they were
 * @param crestChannel    whether each frame's last input value is its crest factor (the front-end's
 *                        {@link FrontEndConfig#crestChannel()}) rather than a mel band. The CNN reads the mel bands
 *                        only; the crest factor, normalised with its own constants, is averaged over each window's
 *                        frames and joins the CNN's vector as one more GRU input. Level normalisation leaves it
 *                        alone: it has no level to take away. Absent from JSON when off
 * @param chromaChannel   whether the last {@value FrontEndConfig#CHROMA_BINS} input values of each frame are the
 *                        window's chroma (the front-end's {@link FrontEndConfig#chromaChannel()}); like the crest
 *                        factor they are normalised, averaged over the window's frames and join the GRU's input.
 *                        Absent from JSON when off
 * @param harmonyChannel  whether the last {@value FrontEndConfig#HARMONY_VALUES} input values of each frame are the
 *                        window's key-free harmony values (the front-end's
 *                        {@link FrontEndConfig#harmonyChannel()}), read as the crest factor and chroma are. Absent
 *                        from JSON when off
 * @param windowMean      whether the projection reads the mean of the window vectors (over the K' windows the GRU
 *                        reads) beside the GRU's last state: a direct path for what a whole song has in common,
 *                        which the recurrent state may let its last windows outweigh. Absent from JSON when off
 * @param windowSd        whether the projection also reads the standard deviation of the window vectors over the
 *                        same K' windows, {@code sqrt(mean((v - mean v)^2) + }{@value #WINDOW_SD_EPSILON}{@code )}
 *                        per component (statistics pooling, as in speaker embeddings): how much a song changes from
 *                        second to second, which bliss's features describe with a standard deviation beside each
 *                        mean. After the window mean when both are on. Absent from JSON when off
 * @param songHarmony     whether the projection also reads the song's harmony: the
 *                        {@value FrontEndConfig#HARMONY_VALUES} key-free values of the mean of the K' windows' chroma
 *                        shares, normalised with the harmony channel's constants, after the window statistics. Each
 *                        window's harmony comes from a third of a second of it; a song keeps its key and its
 *                        harmonic language, so its chroma summed over the whole song says which intervals it uses
 *                        with far less noise. Needs {@link #chromaChannel} and {@link #harmonyChannel}; the chroma
 *                        shares then feed this alone, not the window vectors (they name the key, which
 *                        cost mer4q's tasks when the GRU read them). Absent from JSON when off
 * @param highBandChannel whether each frame's input values after the mel bands and crest factor include its share
 *                        of power above the mel bands (the front-end's {@link FrontEndConfig#highBandChannel()}),
 *                        read as the crest factor is. Absent from JSON when off
 */
@JsonPropertyOrder({"inputFrames", "inputBands", "convChannels", "firstConvStride", "gruHidden", "embeddingSize",
        "sequenceLength", "levelFloor", "crestChannel", "chromaChannel", "harmonyChannel", "windowMean",
        "windowSd", "songHarmony", "highBandChannel"})
public record ModelConfig(
        int inputFrames,
        int inputBands,
        List<Integer> convChannels,
        int firstConvStride,
        int gruHidden,
        int embeddingSize,
        int sequenceLength,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) double levelFloor,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean crestChannel,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean chromaChannel,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean harmonyChannel,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean windowMean,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean windowSd,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean songHarmony,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean highBandChannel) {

    /** Kernel size of every convolution. */
    public static final int KERNEL = 3;
    /** Zero padding on each side of every convolution. */
    public static final int PADDING = 1;
    /**
     * Level normalisation adds this to a song's mean mel power before dividing by it, so that a silent song stays
     * at the floor instead of 0/0; far below any audible level.
     */
    public static final double SILENT_LEVEL = 1e-12;
    /**
     * Added to the window vectors' variance before its square root, so that a song whose windows are all alike
     * (one window, silence) has a finite gradient; the standard deviation then reads 0.001.
     */
    public static final double WINDOW_SD_EPSILON = 1e-6;
    /** Size and stride of the max-pool between convolutions. */
    public static final int POOL = 2;

    /**
     * The shipped network: 43 x 64 windows (the default front-end), convolutions 16-32-64-128 with a stride-2
     * first layer, GRU 128, embedding 32, up to 30 windows a song. 199,968 trained parameters (800 kB).
     */
    public static final ModelConfig DEFAULT = new ModelConfig(
            FrontEndConfig.DEFAULT.framesPerWindow(), FrontEndConfig.DEFAULT.melBands(),
            List.of(16, 32, 64, 128), 2, 128, 32, 30, 0, false, false, false, false, false, false, false);

    /** Without level normalisation or side values, as the v1 network. */
    public ModelConfig(int inputFrames, int inputBands, List<Integer> convChannels, int firstConvStride, int gruHidden,
                       int embeddingSize, int sequenceLength) {
        this(inputFrames, inputBands, convChannels, firstConvStride, gruHidden, embeddingSize, sequenceLength, 0,
                false, false, false, false, false, false, false);
    }

    public ModelConfig {
        require(inputFrames >= 1, "inputFrames must be >= 1, got " + inputFrames);
        int side = FrontEndConfig.sideValues(crestChannel, highBandChannel, chromaChannel, harmonyChannel);
        require(inputBands >= side + 1, "inputBands must be >= " + (side + 1)
                + (side > 0 ? " (at least one mel band besides the side values)" : "") + ", got "
                + inputBands);
        require(convChannels != null && !convChannels.isEmpty(), "convChannels must name at least one layer");
        for (Integer c : convChannels) {
            require(c != null && c >= 1, "convChannels must all be >= 1, got " + convChannels);
        }
        convChannels = List.copyOf(convChannels);
        require(firstConvStride >= 1 && firstConvStride <= 4, "firstConvStride must be 1..4, got " + firstConvStride);
        require(gruHidden >= 1, "gruHidden must be >= 1, got " + gruHidden);
        require(embeddingSize >= 1, "embeddingSize must be >= 1, got " + embeddingSize);
        require(sequenceLength >= 1, "sequenceLength must be >= 1, got " + sequenceLength);
        require(!songHarmony || (chromaChannel && harmonyChannel), "songHarmony reads each window's chroma shares"
                + " and the harmony channel's constants: it needs chromaChannel and harmonyChannel");
        require(levelFloor == 0 || (levelFloor > 0 && Double.isFinite(levelFloor)),
                "levelFloor must be 0 (no level normalisation) or the front-end's positive log floor, got "
                        + levelFloor);
        int melBands = inputBands - side;
        List<int[]> shapes = spatialShapes(inputFrames, melBands, convChannels.size(), firstConvStride);
        int[] last = shapes.get(shapes.size() - 1);
        require(last[0] >= 1 && last[1] >= 1,
                "inputFrames x mel bands = " + inputFrames + " x " + melBands + " is too small for "
                        + convChannels.size() + " convChannels layers (first stride " + firstConvStride
                        + ", 2x2 pooling between layers): a layer would get an empty map");
    }

    /** The default network for the windows a front-end produces. */
    public static ModelConfig forFrontEnd(FrontEndConfig frontEnd) {
        return DEFAULT.toBuilder().inputFrames(frontEnd.framesPerWindow()).inputBands(frontEnd.valuesPerFrame())
                .crestChannel(frontEnd.crestChannel()).chromaChannel(frontEnd.chromaChannel())
                .harmonyChannel(frontEnd.harmonyChannel()).highBandChannel(frontEnd.highBandChannel()).build();
    }

    /**
     * Why windows of {@code frontEnd} cannot feed this network, as the end of a sentence ("the model takes ...,
     * the front-end makes ..."), or null if they can.
     */
    public String frontEndMismatch(FrontEndConfig frontEnd) {
        if (inputFrames == frontEnd.framesPerWindow() && inputBands == frontEnd.valuesPerFrame()
                && crestChannel == frontEnd.crestChannel() && chromaChannel == frontEnd.chromaChannel()
                && harmonyChannel == frontEnd.harmonyChannel() && highBandChannel == frontEnd.highBandChannel()) {
            return null;
        }
        return "the model takes windows of " + inputFrames + " frames x "
                + describeValues(melBands(), crestChannel, highBandChannel, chromaChannel, harmonyChannel)
                + ", the front-end makes " + frontEnd.framesPerWindow() + " x "
                + describeValues(frontEnd.melBands(), frontEnd.crestChannel(), frontEnd.highBandChannel(),
                        frontEnd.chromaChannel(), frontEnd.harmonyChannel());
    }

    private static String describeValues(int bands, boolean crest, boolean highBand, boolean chroma,
            boolean harmony) {
        return bands + " mel bands" + (crest ? " + the crest channel (--crest-channel)" : "")
                + (highBand ? " + the high-band channel (--high-band-channel)" : "")
                + (chroma ? " + the chroma channel (--chroma-channel)" : "")
                + (harmony ? " + the harmony channel (--harmony-channel)" : "");
    }

    public ModelConfig withInput(int frames, int bands) {
        return toBuilder().inputFrames(frames).inputBands(bands).build();
    }

    public ModelConfig withConvChannels(List<Integer> channels) {
        return toBuilder().convChannels(channels).build();
    }

    public ModelConfig withFirstConvStride(int stride) {
        return toBuilder().firstConvStride(stride).build();
    }

    public ModelConfig withGruHidden(int hidden) {
        return toBuilder().gruHidden(hidden).build();
    }

    public ModelConfig withEmbeddingSize(int size) {
        return toBuilder().embeddingSize(size).build();
    }

    public ModelConfig withSequenceLength(int k) {
        return toBuilder().sequenceLength(k).build();
    }

    /** With level normalisation against the front-end's log floor; 0 turns it off. */
    public ModelConfig withLevelFloor(double floor) {
        return toBuilder().levelFloor(floor).build();
    }

    /** With the last input value read as the crest factor, or as a mel band. */
    public ModelConfig withCrestChannel(boolean on) {
        return toBuilder().crestChannel(on).build();
    }

    /** With the last input values read as the window's harmony values. */
    public ModelConfig withHarmonyChannel(boolean on) {
        return toBuilder().harmonyChannel(on).build();
    }

    /** With the input value after the mel bands and the crest factor read as the high-band share, or not. */
    public ModelConfig withHighBandChannel(boolean on) {
        return toBuilder().highBandChannel(on).build();
    }

    /** With the input values after the mel bands and the frame's own side values read as the window's chroma. */
    public ModelConfig withChromaChannel(boolean on) {
        return toBuilder().chromaChannel(on).build();
    }

    /** With the window vectors' mean beside the GRU's last state as the projection's input, or the state alone. */
    public ModelConfig withWindowMean(boolean on) {
        return toBuilder().windowMean(on).build();
    }

    /** With the window vectors' standard deviation as one more part of the projection's input, or without. */
    public ModelConfig withWindowSd(boolean on) {
        return toBuilder().windowSd(on).build();
    }

    /** With the harmony of the song's mean chroma as the projection's last input, or without. */
    public ModelConfig withSongHarmony(boolean on) {
        return toBuilder().songHarmony(on).build();
    }

    /** Whether the projection reads any statistic of the window vectors (their mean, their sd) beside the state. */
    @JsonIgnore
    public boolean windowStatistics() {
        return windowMean || windowSd;
    }

    /**
     * Length of the song vector the projection reads: the GRU's state, then the window mean, the window
     * standard deviation and the song's harmony, each if on.
     */
    @JsonIgnore
    public int songVectorSize() {
        return gruHidden + (windowMean ? windowFeatureSize() : 0) + (windowSd ? windowFeatureSize() : 0)
                + (songHarmony ? FrontEndConfig.HARMONY_VALUES : 0);
    }

    /** Whether the projection reads more than the GRU's last state. */
    @JsonIgnore
    public boolean songVectorExtended() {
        return windowStatistics() || songHarmony;
    }

    /** The input values per frame the CNN reads: all but the side values. */
    @JsonIgnore
    public int melBands() {
        return inputBands - sideValues();
    }

    /**
     * Input values per frame after the mel bands, which the GRU reads as window means: the crest factor, the
     * high-band share, the chroma, then the harmony, each if on.
     */
    @JsonIgnore
    public int sideValues() {
        return FrontEndConfig.sideValues(crestChannel, highBandChannel, chromaChannel, harmonyChannel);
    }

    /**
     * Side values that join each window's vector: all of them, but the chroma shares when {@link #songHarmony}
     * reads them.
     */
    @JsonIgnore
    public int windowSideValues() {
        return sideValues() - (songHarmony ? FrontEndConfig.CHROMA_BINS : 0);
    }

    /**
     * Position of the first chroma share among the side values (after the crest factor and the high-band share), if
     * the chroma is on.
     */
    @JsonIgnore
    public int chromaOffset() {
        return FrontEndConfig.frameSideValues(crestChannel, highBandChannel);
    }

    /** Position of the first harmony value among the side values (after the frame's own values and the chroma). */
    @JsonIgnore
    public int harmonyOffset() {
        return chromaOffset() + (chromaChannel ? FrontEndConfig.CHROMA_BINS : 0);
    }

    /** Length of the per-window vector the GRU reads: the last layer's channels, then the side values' means. */
    @JsonIgnore
    public int windowFeatureSize() {
        return convChannels.get(convChannels.size() - 1) + windowSideValues();
    }

    /**
     * [height = frames, width = bands] of the feature map after each convolution layer (before its pooling),
     * layer 1 first.
     */
    @JsonIgnore
    public List<int[]> convOutputShapes() {
        return spatialShapes(inputFrames, melBands(), convChannels.size(), firstConvStride);
    }

    /** Trained parameters: convolution kernels and biases, GRU, projection. */
    @JsonIgnore
    public long parameterCount() {
        long n = 0;
        int in = 1;
        for (int c : convChannels) {
            n += (long) KERNEL * KERNEL * in * c + c;
            in = c;
        }
        n += 3L * gruHidden * (windowFeatureSize() + gruHidden + 1);
        n += (long) songVectorSize() * embeddingSize + embeddingSize;
        return n;
    }

    /** Bytes of every stored float32 array: the trained parameters plus the per-band input mean and std. */
    @JsonIgnore
    public long weightBytes() {
        return 4L * (parameterCount() + 2L * inputBands);
    }

    static List<int[]> spatialShapes(int frames, int bands, int layers, int firstStride) {
        List<int[]> shapes = new ArrayList<>();
        int h = frames;
        int w = bands;
        for (int l = 0; l < layers; l++) {
            if (l > 0) { // max-pool after the previous layer
                h = h / POOL;
                w = w / POOL;
            }
            int stride = l == 0 ? firstStride : 1;
            if (h < 1 || w < 1) {
                shapes.add(new int[] {0, 0});
                return shapes;
            }
            h = (h + 2 * PADDING - KERNEL) / stride + 1;
            w = (w + 2 * PADDING - KERNEL) / stride + 1;
            shapes.add(new int[] {h, w});
        }
        return shapes;
    }

    private Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy to change one or two components of; the record's constructor checks the result. */
    private static final class Builder {
        private int inputFrames;
        private int inputBands;
        private List<Integer> convChannels;
        private int firstConvStride;
        private int gruHidden;
        private int embeddingSize;
        private int sequenceLength;
        private double levelFloor;
        private boolean crestChannel;
        private boolean chromaChannel;
        private boolean harmonyChannel;
        private boolean windowMean;
        private boolean windowSd;
        private boolean songHarmony;
        private boolean highBandChannel;

        Builder(ModelConfig c) {
            inputFrames = c.inputFrames;
            inputBands = c.inputBands;
            convChannels = c.convChannels;
            firstConvStride = c.firstConvStride;
            gruHidden = c.gruHidden;
            embeddingSize = c.embeddingSize;
            sequenceLength = c.sequenceLength;
            levelFloor = c.levelFloor;
            crestChannel = c.crestChannel;
            chromaChannel = c.chromaChannel;
            harmonyChannel = c.harmonyChannel;
            windowMean = c.windowMean;
            windowSd = c.windowSd;
            songHarmony = c.songHarmony;
            highBandChannel = c.highBandChannel;
        }

        Builder inputFrames(int v) { inputFrames = v; return this; }
        Builder inputBands(int v) { inputBands = v; return this; }
        Builder convChannels(List<Integer> v) { convChannels = v; return this; }
        Builder firstConvStride(int v) { firstConvStride = v; return this; }
        Builder gruHidden(int v) { gruHidden = v; return this; }
        Builder embeddingSize(int v) { embeddingSize = v; return this; }
        Builder sequenceLength(int v) { sequenceLength = v; return this; }
        Builder levelFloor(double v) { levelFloor = v; return this; }
        Builder crestChannel(boolean v) { crestChannel = v; return this; }
        Builder chromaChannel(boolean v) { chromaChannel = v; return this; }
        Builder harmonyChannel(boolean v) { harmonyChannel = v; return this; }
        Builder windowMean(boolean v) { windowMean = v; return this; }
        Builder windowSd(boolean v) { windowSd = v; return this; }
        Builder songHarmony(boolean v) { songHarmony = v; return this; }
        Builder highBandChannel(boolean v) { highBandChannel = v; return this; }

        ModelConfig build() {
            return new ModelConfig(inputFrames, inputBands, convChannels, firstConvStride, gruHidden, embeddingSize,
                    sequenceLength, levelFloor, crestChannel, chromaChannel, harmonyChannel, windowMean,
                    windowSd, songHarmony, highBandChannel);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("model: " + message);
        }
    }
}
