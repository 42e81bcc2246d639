package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        try (EmbeddingModel model = model()) {
            SideChannelChecks.embeddingIgnoresTheLevel(model, FRONT_END);
        }
    }

    /** The same mel bands with other crest values give another embedding: the channel is read. */
    @Test
    void crestValuesReachTheEmbedding() throws Exception {
        try (EmbeddingModel model = model()) {
            SideChannelChecks.valueReachesTheEmbedding(model, FRONT_END, SMALL.melBands());
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
        // crest factors of music lie near 1-2 (ln 2.7-7.4)
        return SideChannelChecks.model(SMALL, 11, new float[] {1.0f}, new float[] {0.4f});
    }
}
