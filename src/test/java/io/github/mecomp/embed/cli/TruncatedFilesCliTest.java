package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.eval.OnnxModelSourceTest;
import java.io.IOException;
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

    private final CommandLineRun cli = new CommandLineRun();


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

        assertEquals(0, cli.run("embed", music.toString(), "--out", csv.toString(), "--onnx", model.toString(),
                "--threads", "1"), cli.err.toString());

        Map<String, float[]> vectors = EmbeddingCsv.read(csv);
        assertTrue(vectors.containsKey("cut.wav"), vectors.keySet().toString());
        assertTrue(cli.err.toString().contains("warning: " + cut + ": truncated:"), cli.err.toString());
        assertTrue(cli.err.toString().contains("ends at 2.5 s"), cli.err.toString());
    }

    @Test
    void melReadsACutFileUpToWhereItEnds() throws IOException {
        Path cut = cutWav(dir.resolve("music"));
        Path npy = dir.resolve("out");
        Files.createDirectories(npy);

        assertEquals(0, cli.run("mel", cut.toString(), "--out", npy.toString()), cli.err.toString());

        assertTrue(Files.exists(npy.resolve("cut.wav.npy")));
        assertTrue(cli.out.toString().contains("1 of 1 files read; 2.0 s of audio"), cli.out.toString());
        assertTrue(cli.err.toString().contains("ends at 2.5 s"), cli.err.toString());
    }
}
