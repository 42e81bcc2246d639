package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.util.Map;

/** What every side channel (values after the mel bands) must keep: Java/ONNX parity and level invariance. */
final class SideChannelChecks {

    private SideChannelChecks() {
    }

    /**
     * The exported graph gives Java's log-mel with side values and embedding, for long, short and silent songs.
     * Two short songs: over two windows in use a variance taken over every slot (the unused ones repeat the last
     * window) happens to equal the right one, over three it does not.
     */
    static void graphMatchesJava(EmbeddingModel model, FrontEndConfig frontEnd) throws Exception {
        try (OnnxRunner runner = new OnnxRunner(OnnxExporter.export(model, frontEnd,
                ExportOptions.DEFAULT.withLogMelOutput(true), Map.of()).toByteArray())) {
            for (double seconds : new double[] {9.5, 3.5, 2.5, 0.4}) {
                float[] song = SyntheticAudio.music(seconds, frontEnd.sampleRate(), 4);
                ParityCheck c = ParityCheck.of(model, frontEnd, runner, song);
                assertTrue(c.embeddingError() <= 1e-5, seconds + " s: " + c);
                assertTrue(c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, seconds + " s, log-mel and side values: " + c);
            }
            ParityCheck silence = ParityCheck.of(model, frontEnd, runner, new float[2 * frontEnd.sampleRate()]);
            assertTrue(silence.embeddingError() <= 1e-5, "silence: " + silence);
        }
    }

    /** Java and ONNX embeddings of a song at -12..+6 dB keep cosine >= 0.999 to the song's own. */
    static void embeddingIgnoresTheLevel(EmbeddingModel model, FrontEndConfig frontEnd, float[] song)
            throws Exception {
        try (OnnxRunner runner = new OnnxRunner(OnnxExporter.export(model, frontEnd, ExportOptions.DEFAULT,
                Map.of()).toByteArray())) {
            float[] javaRef = java(model, frontEnd, song);
            float[] onnxRef = runner.run(song).embedding();
            for (double db : ModelCheck.GAINS_DB) {
                float[] scaled = ModelCheck.scaled(song, db);
                double javaCos = ModelCheck.cosine(javaRef, java(model, frontEnd, scaled));
                double onnxCos = ModelCheck.cosine(onnxRef, runner.run(scaled).embedding());
                assertTrue(javaCos >= 0.999 && onnxCos >= 0.999, db + " dB: Java " + javaCos + ", ONNX " + onnxCos);
            }
        }
    }

    /** As {@link #embeddingIgnoresTheLevel(EmbeddingModel, FrontEndConfig, float[])} on a quiet synthetic song. */
    static void embeddingIgnoresTheLevel(EmbeddingModel model, FrontEndConfig frontEnd) throws Exception {
        float[] song = SyntheticAudio.music(6.5, frontEnd.sampleRate(), 3);
        for (int i = 0; i < song.length; i++) {
            song[i] *= 0.25f;
        }
        embeddingIgnoresTheLevel(model, frontEnd, song);
    }

    /**
     * The same windows with input value {@code index} of every frame moved by 1 give another embedding: the value is
     * read. Returns whether the value differs between frames of the test song, for a channel that should.
     */
    static boolean valueReachesTheEmbedding(EmbeddingModel model, FrontEndConfig frontEnd, int index) throws Exception {
        float[] song = SyntheticAudio.music(4, frontEnd.sampleRate(), 5);
        float[][][] windows = new LogMelSpectrogram(frontEnd).windows(new PcmAudio(song, frontEnd.sampleRate()));
        float[][][] moved = new float[windows.length][][];
        boolean varies = false;
        for (int w = 0; w < windows.length; w++) {
            moved[w] = new float[windows[w].length][];
            for (int f = 0; f < windows[w].length; f++) {
                moved[w][f] = windows[w][f].clone();
                moved[w][f][index] += 1.0f;
                varies |= windows[w][f][index] != windows[0][0][index];
            }
        }
        double cos = ModelCheck.cosine(model.embedSong(windows), model.embedSong(moved));
        assertTrue(cos < 0.9999, "value " + index + ": cosine " + cos);
        return varies;
    }

    /**
     * A small untrained model with biases away from zero, the mel bands normalised with made-up constants and the
     * side values with {@code sideMean} and {@code sideStd} (one each per side value, near the values' real range,
     * so that the network sees them at a sensible scale).
     */
    static EmbeddingModel model(ModelConfig config, long seed, float[] sideMean, float[] sideStd) {
        EmbeddingModel model = new EmbeddingModel(config, seed);
        model.randomiseBiases(0.3, seed + 1);
        float[] mean = new float[config.inputBands()];
        float[] std = new float[config.inputBands()];
        for (int m = 0; m < mean.length; m++) {
            mean[m] = 0.02f * m - 0.5f;
            std[m] = 2.5f;
        }
        System.arraycopy(sideMean, 0, mean, config.melBands(), config.sideValues());
        System.arraycopy(sideStd, 0, std, config.melBands(), config.sideValues());
        model.setInputNormalisation(mean, std);
        return model;
    }

    private static float[] java(EmbeddingModel model, FrontEndConfig frontEnd, float[] samples) throws Exception {
        return model.embedSong(new LogMelSpectrogram(frontEnd).windows(new PcmAudio(samples, frontEnd.sampleRate())));
    }
}
