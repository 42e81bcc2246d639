package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.AudioLoader;
import io.github.mecomp.embed.export.OnnxRunner;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped model, given only the windows its rule selects, embeds a song exactly as it does given the whole
 * song; and no runner hands ONNX Runtime a batch of 0 songs.
 */
class BoundedOnnxEmbeddingTest {

    private static final Path SHIPPED = Path.of("export/mecomp-embed-v1.onnx");

    @TempDir
    Path dir;

    /** A song whose windows differ from each other, at 44.1 kHz so that the resampler streams too. */
    private static Path song(Path dir, double seconds) throws Exception {
        float[] x = TestAudio.sine(220, 0.3, seconds, 44_100);
        for (int i = 0; i < x.length; i++) {
            double t = i / 44_100.0;
            x[i] += (float) (0.3 * Math.sin(2 * Math.PI * (300 + 40 * t) * t) * (0.5 + 0.5 * Math.sin(t)));
        }
        return TestAudio.writeWav(dir.resolve("song-" + seconds + ".wav"), x, 44_100);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.4, 7.5, 30.2, 47.9})
    void selectedWindowsGiveTheWholeSongsEmbedding(double seconds) throws Exception {
        Path file = song(dir, seconds);
        try (OnnxModelSource model = new OnnxModelSource(SHIPPED, 1)) {
            float[] whole = model.embed(new AudioLoader(OnnxModelSource.SAMPLE_RATE).load(file).samples());
            float[] bounded = model.embedFile(file);

            assertTrue(model.readsSelectedWindowsOnly(), "the shipped model declares its window rule");
            assertArrayEquals(whole, bounded, "a " + seconds + "-second song");
        }
    }

    @Test
    void aBatchOfNoSongsIsRefusedBeforeOnnxRuntimeRunsIt() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxRunner runner = new OnnxRunner(SHIPPED, null);
             OnnxTensor empty = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {0, 22_050})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runner.run(empty));
            assertTrue(e.getMessage().contains("B >= 1") && e.getMessage().contains("[0, 22050]"), e.getMessage());
            // the runner still works afterwards
            assertTrue(runner.run(new float[22_050]).embedding().length == 32);
        }
    }
}
