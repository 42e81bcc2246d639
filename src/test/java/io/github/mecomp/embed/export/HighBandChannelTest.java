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
 * A model with the high-band channel ({@link FrontEndConfig#highBandChannel()}) beside the crest factor and the
 * harmony: the exported graph, which gets the high band from Parseval instead of the bins above the mel bands,
 * computes the same values and embedding as Java, the embedding still ignores the level, and the value reaches it.
 */
class HighBandChannelTest {

    private static final FrontEndConfig FRONT_END = FrontEndConfig.DEFAULT.withCrestChannel(true)
            .withHighBandChannel(true).withHarmonyChannel(true).withChromaFrames(3);
    private static final ModelConfig SMALL = ModelConfig.forFrontEnd(FRONT_END)
            .withConvChannels(List.of(4, 8)).withGruHidden(8).withEmbeddingSize(6).withSequenceLength(5)
            .withLevelFloor(FRONT_END.logFloor()).withWindowMean(true);

    @Test
    void graphMatchesJavaForLongShortAndSilentSongs() throws Exception {
        try (EmbeddingModel model = model()) {
            SideChannelChecks.graphMatchesJava(model, FRONT_END);
        }
    }

    @Test
    void embeddingIgnoresTheLevel() throws Exception {
        float[] song = SyntheticAudio.music(6.5, FRONT_END.sampleRate(), 3);
        for (int i = 0; i < song.length; i++) {
            song[i] *= 0.25f;
        }
        try (EmbeddingModel model = model()) {
            SideChannelChecks.embeddingIgnoresTheLevel(model, FRONT_END, song);
        }
    }

    /** The same mel bands and crest factors with other high-band values give another embedding: the value is read. */
    @Test
    void highBandValuesReachTheEmbedding() throws Exception {
        float[] song = SyntheticAudio.music(4, FRONT_END.sampleRate(), 5);
        float[][][] windows = new LogMelSpectrogram(FRONT_END).windows(new PcmAudio(song, FRONT_END.sampleRate()));
        float[][][] moved = new float[windows.length][][];
        int at = SMALL.melBands() + 1;
        boolean varies = false;
        for (int w = 0; w < windows.length; w++) {
            moved[w] = new float[windows[w].length][];
            for (int f = 0; f < windows[w].length; f++) {
                moved[w][f] = windows[w][f].clone();
                moved[w][f][at] += 1.0f;
                varies |= windows[w][f][at] != windows[0][0][at];
            }
        }
        assertTrue(varies, "the test song's hi-hat moves the high band from frame to frame");
        try (EmbeddingModel model = model()) {
            double cos = LevelInvarianceTest.cosine(model.embedSong(windows), model.embedSong(moved));
            assertTrue(cos < 0.9999, "cosine " + cos);
        }
    }

    private static EmbeddingModel model() {
        EmbeddingModel model = new EmbeddingModel(SMALL, 13);
        model.randomiseBiases(0.3, 14);
        float[] mean = new float[SMALL.inputBands()];
        float[] std = new float[SMALL.inputBands()];
        for (int m = 0; m < mean.length; m++) {
            mean[m] = 0.02f * m - 0.5f;
            std[m] = 2.5f;
        }
        mean[SMALL.melBands()] = 1.0f; // crest factors of music lie near 1-2
        std[SMALL.melBands()] = 0.4f;
        mean[SMALL.melBands() + 1] = -4f; // high-band shares lie between ln 1e-4 and 0
        std[SMALL.melBands() + 1] = 2f;
        model.setInputNormalisation(mean, std);
        return model;
    }
}
