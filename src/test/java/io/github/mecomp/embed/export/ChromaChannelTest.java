package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model with the chroma and harmony channels beside the crest channel ({@link FrontEndConfig#chromaChannel()},
 * {@link FrontEndConfig#harmonyChannel()}): the exported graph computes the same chroma shares, harmony values and
 * embedding as Java, the embedding still ignores the level, and the chroma and harmony reach it.
 */
class ChromaChannelTest {

    private static final FrontEndConfig FRONT_END = FrontEndConfig.DEFAULT.withCrestChannel(true)
            .withChromaChannel(true).withHarmonyChannel(true);
    private static final ModelConfig SMALL = ModelConfig.forFrontEnd(FRONT_END)
            .withConvChannels(List.of(4, 8)).withGruHidden(8).withEmbeddingSize(6).withSequenceLength(5)
            .withLevelFloor(FRONT_END.logFloor());

    @Test
    void graphMatchesJavaForLongShortAndSilentSongs() throws Exception {
        try (EmbeddingModel model = model()) {
            SideChannelChecks.graphMatchesJava(model, FRONT_END);
        }
    }

    /** The graph reads the same three chroma frames a window as Java (the Gather before the DFT). */
    @Test
    void graphMatchesJavaWithThreeChromaFramesAWindow() throws Exception {
        try (EmbeddingModel model = model()) {
            SideChannelChecks.graphMatchesJava(model, FRONT_END.withChromaFrames(3));
        }
    }

    /** ... and the same per-frame harmony values (each frame's own shares, then the mean over frames). */
    @Test
    void graphMatchesJavaWithTheHarmonyOfEachFrame() throws Exception {
        try (EmbeddingModel model = model()) {
            SideChannelChecks.graphMatchesJava(model, FRONT_END.withChromaFrames(3).withFrameHarmony(true));
        }
    }

    /**
     * The song's harmony beside the window mean ({@link ModelConfig#songHarmony()}): the graph averages the same
     * shares over the windows in use (a short song's repeated slots left out) and leaves them out of the window
     * vectors, as Java does; also with three chroma frames a window.
     */
    @Test
    void graphMatchesJavaWithTheSongsHarmony() throws Exception {
        for (FrontEndConfig frontEnd : List.of(FRONT_END, FRONT_END.withChromaFrames(3))) {
            try (EmbeddingModel model = model(SMALL.withWindowMean(true).withSongHarmony(true))) {
                SideChannelChecks.graphMatchesJava(model, frontEnd);
            }
        }
        // without the crest channel the shares are the first side values
        FrontEndConfig noCrest = FRONT_END.withCrestChannel(false);
        ModelConfig config = ModelConfig.forFrontEnd(noCrest).withConvChannels(List.of(4, 8)).withGruHidden(8)
                .withEmbeddingSize(6).withSequenceLength(5).withLevelFloor(noCrest.logFloor()).withSongHarmony(true);
        try (EmbeddingModel model = new EmbeddingModel(config, 13)) {
            model.randomiseBiases(0.3, 14);
            SideChannelChecks.graphMatchesJava(model, noCrest);
        }
    }

    @Test
    void embeddingIgnoresTheLevel() throws Exception {
        float[] song = SyntheticAudio.music(6.5, FRONT_END.sampleRate(), 3);
        try (EmbeddingModel model = model()) {
            SideChannelChecks.embeddingIgnoresTheLevel(model, FRONT_END, song);
        }
    }

    /** The same mel bands and crest factors with another chroma give another embedding: the channel is read. */
    @Test
    void chromaReachesTheEmbedding() throws Exception {
        float[] song = SyntheticAudio.music(4, FRONT_END.sampleRate(), 5);
        float[][][] windows = new LogMelSpectrogram(FRONT_END).windows(new PcmAudio(song, FRONT_END.sampleRate()));
        float[][][] moved = new float[windows.length][][];
        int first = SMALL.melBands() + 1;
        for (int w = 0; w < windows.length; w++) {
            moved[w] = new float[windows[w].length][];
            for (int f = 0; f < windows[w].length; f++) {
                moved[w][f] = windows[w][f].clone();
                // the same shares a semitone up
                for (int c = 0; c < FrontEndConfig.CHROMA_BINS; c++) {
                    moved[w][f][first + (c + 1) % FrontEndConfig.CHROMA_BINS] = windows[w][f][first + c];
                }
            }
        }
        float[][][] otherHarmony = new float[windows.length][][];
        for (int w = 0; w < windows.length; w++) {
            otherHarmony[w] = new float[windows[w].length][];
            for (int f = 0; f < windows[w].length; f++) {
                otherHarmony[w][f] = windows[w][f].clone();
                otherHarmony[w][f][first + FrontEndConfig.CHROMA_BINS] += 0.3f;
            }
        }
        try (EmbeddingModel model = model()) {
            double cos = ModelCheck.cosine(model.embedSong(windows), model.embedSong(moved));
            assertTrue(cos < 0.9999, "cosine " + cos);
            double harmonyCos = ModelCheck.cosine(model.embedSong(windows), model.embedSong(otherHarmony));
            assertTrue(harmonyCos < 0.9999, "cosine " + harmonyCos);
        }
    }

    private static EmbeddingModel model() {
        return model(SMALL);
    }

    private static EmbeddingModel model(ModelConfig config) {
        EmbeddingModel model = new EmbeddingModel(config, 11);
        model.randomiseBiases(0.3, 12);
        float[] mean = new float[SMALL.inputBands()];
        float[] std = new float[SMALL.inputBands()];
        for (int m = 0; m < mean.length; m++) {
            mean[m] = 0.02f * m - 0.5f;
            std[m] = 2.5f;
        }
        mean[SMALL.melBands()] = 1.0f;
        std[SMALL.melBands()] = 0.4f;
        for (int c = 0; c < FrontEndConfig.CHROMA_BINS; c++) { // shares of twelve classes lie near 1/12
            mean[SMALL.melBands() + 1 + c] = 1f / 12;
            std[SMALL.melBands() + 1 + c] = 0.05f;
        }
        for (int k = 0; k < FrontEndConfig.HARMONY_VALUES; k++) { // magnitudes of mixed profiles lie near 0.1-0.3
            mean[SMALL.melBands() + 13 + k] = 0.2f;
            std[SMALL.melBands() + 13 + k] = 0.1f;
        }
        model.setInputNormalisation(mean, std);
        return model;
    }
}
