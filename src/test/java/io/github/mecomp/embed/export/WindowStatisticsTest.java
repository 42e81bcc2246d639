package io.github.mecomp.embed.export;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models whose projection reads the window mean ({@link ModelConfig#windowMean()}) and standard deviation
 * ({@link ModelConfig#windowSd()}) beside the GRU's state, with v3's crest channel and level normalisation: the
 * exported graph takes them over the same windows as Java, also for songs shorter than K windows, whose unused slots
 * repeat the last window and must not count.
 */
class WindowStatisticsTest {

    private static final FrontEndConfig FRONT_END = FrontEndConfig.DEFAULT.withCrestChannel(true);
    private static final ModelConfig SMALL = ModelConfig.forFrontEnd(FRONT_END)
            .withConvChannels(List.of(4, 8)).withGruHidden(8).withEmbeddingSize(6).withSequenceLength(5)
            .withLevelFloor(FRONT_END.logFloor()).withWindowMean(true);

    @Test
    void graphMatchesJavaForLongShortAndSilentSongs() throws Exception {
        try (EmbeddingModel model = new EmbeddingModel(SMALL, 21)) {
            SideChannelChecks.graphMatchesJava(model, FRONT_END);
        }
    }

    @Test
    void graphWithTheWindowSdMatchesJavaForLongShortAndSilentSongs() throws Exception {
        try (EmbeddingModel model = new EmbeddingModel(SMALL.withWindowSd(true), 23)) {
            SideChannelChecks.graphMatchesJava(model, FRONT_END);
        }
        try (EmbeddingModel model = new EmbeddingModel(SMALL.withWindowMean(false).withWindowSd(true), 24)) {
            SideChannelChecks.graphMatchesJava(model, FRONT_END);
        }
    }

    @Test
    void embeddingIgnoresTheLevel() throws Exception {
        float[] song = SyntheticAudio.music(3.5, FRONT_END.sampleRate(), 8);
        try (EmbeddingModel model = new EmbeddingModel(SMALL.withWindowSd(true), 22)) {
            SideChannelChecks.embeddingIgnoresTheLevel(model, FRONT_END, song);
        }
    }
}
