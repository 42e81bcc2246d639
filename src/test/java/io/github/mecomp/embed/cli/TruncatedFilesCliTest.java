package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.eval.OnnxModelSourceTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** embed and mel use a cut file up to where it ends, and say so. */
class TruncatedFilesCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** A 3-second WAV cut after 2.5 s of audio, as a download that stopped: its data chunk declares 3 s. */
    private Path cutWav(Path folder) throws IOException {
        Path full = TestAudio.writeWav(dir.resolve("full.wav"), TestAudio.sine(440, 0.5, 3.0, 22_050), 22_050);
        byte[] bytes = Files.readAllBytes(full);
        Files.createDirectories(folder);
        return Files.write(folder.resolve("cut.wav"), Arrays.copyOf(bytes, 44 + 2 * (int) (2.5 * 22_050)));
    }

    @Test
    void embedUsesACutFileAndWarnsWhereItEnds() throws IOException {
        Path music = dir.resolve("music");
        Path cut = cutWav(music);
        Path model = OnnxModelSourceTest.meanMaxModel(dir.resolve("mean-max.onnx"));
        Path csv = dir.resolve("library.csv");

        assertEquals(0, run("embed", music.toString(), "--out", csv.toString(), "--onnx", model.toString(),
                "--threads", "1"), err.toString());

        Map<String, float[]> vectors = EmbeddingCsv.read(csv);
        assertTrue(vectors.containsKey("cut.wav"), vectors.keySet().toString());
        assertTrue(err.toString().contains("warning: " + cut + ": truncated:"), err.toString());
        assertTrue(err.toString().contains("ends at 2.5 s"), err.toString());
    }

    @Test
    void melReadsACutFileUpToWhereItEnds() throws IOException {
        Path cut = cutWav(dir.resolve("music"));
        Path npy = dir.resolve("out");
        Files.createDirectories(npy);

        assertEquals(0, run("mel", cut.toString(), "--out", npy.toString()), err.toString());

        assertTrue(Files.exists(npy.resolve("cut.wav.npy")));
        assertTrue(out.toString().contains("1 of 1 files read; 2.0 s of audio"), out.toString());
        assertTrue(err.toString().contains("ends at 2.5 s"), err.toString());
    }
}
