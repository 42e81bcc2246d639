package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
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
        try (EmbeddingModel model = model()) {
            SideChannelChecks.embeddingIgnoresTheLevel(model, FRONT_END);
        }
    }

    /** The same mel bands and crest factors with other high-band values give another embedding: the value is read. */
    @Test
    void highBandValuesReachTheEmbedding() throws Exception {
        try (EmbeddingModel model = model()) {
            assertTrue(SideChannelChecks.valueReachesTheEmbedding(model, FRONT_END, SMALL.melBands() + 1),
                    "the test song's hi-hat moves the high band from frame to frame");
        }
    }

    private static EmbeddingModel model() {
        // crest factors near 1-2, high-band shares between ln 1e-4 and 0, harmony magnitudes near 0.1-0.3
        return SideChannelChecks.model(SMALL, 13, new float[] {1.0f, -4f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f},
                new float[] {0.4f, 2f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f});
    }
}
