package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxExporterTest {

    private static final FrontEndConfig FRONT_END = FrontEndConfig.DEFAULT;
    /** The default front-end, a small network: conv 4-8, GRU 8, embedding 6, K = 5. */
    private static final ModelConfig SMALL = ModelConfig.forFrontEnd(FRONT_END)
            .withConvChannels(List.of(4, 8)).withGruHidden(8).withEmbeddingSize(6).withSequenceLength(5);
    private static final int RATE = FRONT_END.sampleRate();

    private static EmbeddingModel model;
    private static OnnxRunner runner;

    @BeforeAll
    static void export() throws Exception {
        model = new EmbeddingModel(SMALL, 7);
        model.randomiseBiases(0.3, 8);
        float[] mean = new float[SMALL.inputBands()];
        float[] std = new float[SMALL.inputBands()];
        for (int m = 0; m < mean.length; m++) {
            mean[m] = -9f + 0.05f * m;
            std[m] = 2.5f + 0.01f * m;
        }
        model.setInputNormalisation(mean, std);
        byte[] bytes = OnnxExporter.export(model, FRONT_END, ExportOptions.DEFAULT.withLogMelOutput(true), Map.of())
                .toByteArray();
        runner = new OnnxRunner(bytes);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
        model.close();
    }

    private static ParityCheck check(String what, float[] samples) throws Exception {
        ParityCheck c = ParityCheck.of(model, FRONT_END, runner, samples);
        System.out.printf("%s: W=%d K'=%d embedding %.3g log-mel %.3g%n", what, c.windows(), c.selected(),
                c.embeddingError(), c.logMelError());
        return c;
    }

    @Test
    void musicLikeExcerptMatchesJava() throws Exception {
        ParityCheck c = check("music", SyntheticAudio.music(7.3, RATE, 1));
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= 1e-4, c.toString());
    }

    @Test
    void pureToneMatchesJava() throws Exception {
        ParityCheck c = check("tone", SyntheticAudio.tone(440, 0.9, 2.5, RATE));
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= 1e-4, c.toString());
    }

    @Test
    void silenceMatchesJava() throws Exception {
        ParityCheck c = check("silence", new float[2 * RATE]);
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= 1e-4, c.toString());
    }

    @Test
    void clipShorterThanOneWindowMatchesJava() throws Exception {
        ParityCheck c = check("short", SyntheticAudio.chirpWithNoise(200, 4000, 0.4, RATE, 3));
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= 1e-4, c.toString());
    }

    @Test
    void tenMinuteSongMatchesJava() throws Exception {
        ParityCheck c = check("ten minutes", SyntheticAudio.music(600, RATE, 5));
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= 1e-4, c.toString());
    }
}
