package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.eval.MfccBaseline;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model with the crest channel ({@link FrontEndConfig#crestChannel()}): the exported graph computes the same
 * crest factors and embedding as Java, the embedding still ignores the level, and the crest factor reaches it.
 */
class CrestChannelTest {

    private static final FrontEndConfig FRONT_END = FrontEndConfig.DEFAULT.withCrestChannel(true);
    private static final ModelConfig SMALL = ModelConfig.forFrontEnd(FRONT_END)
            .withConvChannels(List.of(4, 8)).withGruHidden(8).withEmbeddingSize(6).withSequenceLength(5)
            .withLevelFloor(FRONT_END.logFloor());

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

    /** The same mel bands with other crest values give another embedding: the channel is read. */
    @Test
    void crestValuesReachTheEmbedding() throws Exception {
        float[] song = SyntheticAudio.music(4, FRONT_END.sampleRate(), 5);
        float[][][] windows = new LogMelSpectrogram(FRONT_END).windows(new PcmAudio(song, FRONT_END.sampleRate()));
        float[][][] moved = new float[windows.length][][];
        for (int w = 0; w < windows.length; w++) {
            moved[w] = new float[windows[w].length][];
            for (int f = 0; f < windows[w].length; f++) {
                moved[w][f] = windows[w][f].clone();
                moved[w][f][SMALL.melBands()] += 1.0f;
            }
        }
        try (EmbeddingModel model = model()) {
            double cos = LevelInvarianceTest.cosine(model.embedSong(windows), model.embedSong(moved));
            assertTrue(cos < 0.9999, "cosine " + cos);
        }
    }

    @Test
    void mfccBaselineReadsTheMelBandsOnly() {
        float[] song = SyntheticAudio.music(3, FRONT_END.sampleRate(), 6);
        PcmAudio audio = new PcmAudio(song, FRONT_END.sampleRate());
        float[] plain = new MfccBaseline(FrontEndConfig.DEFAULT)
                .clipVector(new LogMelSpectrogram(FrontEndConfig.DEFAULT).windows(audio));
        float[] crest = new MfccBaseline(FRONT_END).clipVector(new LogMelSpectrogram(FRONT_END).windows(audio));
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i], crest[i], 1e-6f * Math.max(1, Math.abs(plain[i])), "coefficient " + i);
        }
    }

    private static EmbeddingModel model() {
        EmbeddingModel model = new EmbeddingModel(SMALL, 11);
        model.randomiseBiases(0.3, 12);
        float[] mean = new float[SMALL.inputBands()];
        float[] std = new float[SMALL.inputBands()];
        for (int m = 0; m < mean.length; m++) {
            mean[m] = 0.02f * m - 0.5f;
            std[m] = 2.5f;
        }
        mean[SMALL.melBands()] = 1.0f; // crest factors of music lie near 1-2 (ln 2.7-7.4)
        std[SMALL.melBands()] = 0.4f;
        model.setInputNormalisation(mean, std);
        return model;
    }
}
