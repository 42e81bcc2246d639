package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.model.EmbeddingModel;
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
                assertTrue(c.logMelError() <= 1e-4, seconds + " s, log-mel and side values: " + c);
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
            for (double db : LevelInvarianceTest.GAINS_DB) {
                float[] scaled = LevelInvarianceTest.scaled(song, db);
                double javaCos = LevelInvarianceTest.cosine(javaRef, java(model, frontEnd, scaled));
                double onnxCos = LevelInvarianceTest.cosine(onnxRef, runner.run(scaled).embedding());
                assertTrue(javaCos >= 0.999 && onnxCos >= 0.999, db + " dB: Java " + javaCos + ", ONNX " + onnxCos);
            }
        }
    }

    private static float[] java(EmbeddingModel model, FrontEndConfig frontEnd, float[] samples) throws Exception {
        return model.embedSong(new LogMelSpectrogram(frontEnd).windows(new PcmAudio(samples, frontEnd.sampleRate())));
    }
}
