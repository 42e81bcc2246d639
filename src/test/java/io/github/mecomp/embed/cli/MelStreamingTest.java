package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mel streams each window to its .npy file as it is computed: the same bytes as the whole-song path. */
class MelStreamingTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    @Test
    void streamedNpyHasTheBytesOfTheWholeSongsWindows() throws IOException {
        float[] song = TestAudio.sine(440, 0.5, 7.3, 44_100);
        for (int i = 0; i < song.length; i++) {
            song[i] += (float) (0.2 * Math.sin(i * 0.0007));
        }
        Path wav = TestAudio.writeWav(dir.resolve("in/song.wav"), song, 44_100);
        FrontEnd frontEnd = new FrontEnd(FrontEndConfig.DEFAULT);
        Path expected = dir.resolve("expected.npy");
        NpyWriter.write(expected, frontEnd.logMel().windows(frontEnd.loader().load(wav)));

        assertEquals(0, cli.run("mel", wav.toString(), "--out", dir.resolve("out").toString()), cli.err.toString());

        byte[] streamed = Files.readAllBytes(dir.resolve("out/song.wav.npy"));
        assertArrayEquals(Files.readAllBytes(expected), streamed);
        String header = new String(streamed, 10, 118, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (7, 43, 64)"), header);
        assertEquals(0, streamed.length % 4);
    }

    @Test
    void aFileFoundSilentAfterItsWindowsStreamedLeavesNoFile() throws IOException {
        Path silent = TestAudio.writeWav(dir.resolve("in/silent.wav"), new float[3 * 22_050], 22_050);
        Path outDir = Files.createDirectories(dir.resolve("out"));

        assertEquals(1, cli.run("mel", silent.toString(), "--out", outDir.toString()));

        assertTrue(cli.err.toString().contains("silent"), cli.err.toString());
        try (Stream<Path> left = Files.list(outDir)) {
            assertFalse(left.findAny().isPresent(), "no .npy and no temporary file left");
        }
    }
}
