package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same song at -12 to +6 dB gives the same embedding (cosine &ge; 0.999) with the network's level
 * normalisation ({@link ModelConfig#levelFloor()}), in Java and in the exported graph run by ONNX Runtime.
 */
class LevelInvarianceTest {

    private static final FrontEndConfig FRONT_END = FrontEndConfig.DEFAULT;
    private static final ModelConfig SMALL = ModelConfig.forFrontEnd(FRONT_END)
            .withConvChannels(List.of(4, 8)).withGruHidden(8).withEmbeddingSize(6).withSequenceLength(5);

    @Test
    void embeddingIgnoresTheLevelWithWindowMeanSubtraction() throws Exception {
        double[] worst = worstCosines(SMALL.withLevelFloor(FRONT_END.logFloor()));
        System.out.printf("level normalisation on: worst cosine Java %.6f, ONNX Runtime %.6f%n", worst[0], worst[1]);
        assertTrue(worst[0] >= 0.999, "Java: " + worst[0]);
        assertTrue(worst[1] >= 0.999, "ONNX Runtime: " + worst[1]);
    }

    @Test
    void withoutItTheLevelMovesTheEmbedding() throws Exception {
        double[] worst = worstCosines(SMALL);
        double[] levelled = worstCosines(SMALL.withLevelFloor(FRONT_END.logFloor()));
        System.out.printf("level normalisation off: worst cosine Java %.6f, ONNX Runtime %.6f%n", worst[0], worst[1]);
        assertTrue(worst[0] < levelled[0], "the option must be what makes the difference: " + worst[0] + " vs "
                + levelled[0]);
    }

    @Test
    void levelledGraphMatchesJavaForLongAndShortSongs() throws Exception {
        try (EmbeddingModel model = levelledModel();
             OnnxRunner runner = new OnnxRunner(OnnxExporter.export(model, FRONT_END, ExportOptions.DEFAULT, Map.of())
                     .toByteArray())) {
            // 9.5 s: K = 5 of 9 windows; 2.5 s: 2 windows, the graph's slots 2..4 repeat the last one and must
            // stay out of the song's mean power; 0.4 s: shorter than a window
            for (double seconds : new double[] {9.5, 2.5, 0.4}) {
                float[] song = SyntheticAudio.music(seconds, FRONT_END.sampleRate(), 4);
                ParityCheck c = ParityCheck.of(model, FRONT_END, runner, song);
                assertTrue(c.embeddingError() <= 1e-5, seconds + " s: " + c);
            }
            ParityCheck silence = ParityCheck.of(model, FRONT_END, runner, new float[2 * FRONT_END.sampleRate()]);
            assertTrue(silence.embeddingError() <= 1e-5, "silence: " + silence);
        }
    }

    private static EmbeddingModel levelledModel() {
        return configured(new EmbeddingModel(SMALL.withLevelFloor(FRONT_END.logFloor()), 11));
    }

    private static EmbeddingModel configured(EmbeddingModel model) {
        model.randomiseBiases(0.3, 12);
        float[] mean = new float[model.config().inputBands()];
        float[] std = new float[model.config().inputBands()];
        for (int m = 0; m < mean.length; m++) {
            mean[m] = 0.02f * m - 0.5f;
            std[m] = 2.5f;
        }
        model.setInputNormalisation(mean, std);
        return model;
    }

    /** The lowest cosine between the song at 0 dB and at each other gain: [Java, ONNX Runtime]. */
    private static double[] worstCosines(ModelConfig config) throws Exception {
        float[] song = SyntheticAudio.music(6.5, FRONT_END.sampleRate(), 3);
        for (int i = 0; i < song.length; i++) {
            song[i] *= 0.25f; // peaks near 0.2, so +6 dB stays below full scale
        }
        try (EmbeddingModel model = configured(new EmbeddingModel(config, 11))) {
            byte[] bytes = OnnxExporter.export(model, FRONT_END, ExportOptions.DEFAULT, Map.of()).toByteArray();
            try (OnnxRunner runner = new OnnxRunner(bytes)) {
                float[] javaRef = java(model, song);
                float[] onnxRef = runner.run(song).embedding();
                double[] worst = {1, 1};
                for (double db : ModelCheck.GAINS_DB) {
                    float[] scaled = ModelCheck.scaled(song, db);
                    worst[0] = Math.min(worst[0], ModelCheck.cosine(javaRef, java(model, scaled)));
                    worst[1] = Math.min(worst[1], ModelCheck.cosine(onnxRef, runner.run(scaled).embedding()));
                }
                return worst;
            }
        }
    }

    private static float[] java(EmbeddingModel model, float[] samples) throws Exception {
        return model.embedSong(new LogMelSpectrogram(FRONT_END).windows(new PcmAudio(samples, FRONT_END.sampleRate())));
    }
}
