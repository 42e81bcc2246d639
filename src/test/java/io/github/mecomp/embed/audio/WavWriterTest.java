package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void theDecoderReadsBackTheSamplesToWithinHalfAStep() throws IOException {
        float[] x = new float[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.9 * Math.sin(i * 0.01) * Math.cos(i * 0.0007));
        }
        Path file = dir.resolve("sub/part.wav");
        WavWriter.write(file, x, 1000, 9000, 16_000);
        PcmAudio back = new AudioLoader(16_000).load(file);
        assertEquals(16_000, back.sampleRate());
        assertEquals(8000, back.length());
        for (int i = 0; i < 8000; i++) {
            assertEquals(x[1000 + i], back.samples()[i], 0.5 / 32768 + 1e-9, "sample " + i);
        }
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file left beside it");
        }
    }

    @Test
    void fullScaleIsClippedAndNaNIsSilence() {
        assertEquals(32767, WavWriter.quantise(1.7f));
        assertEquals(-32768, WavWriter.quantise(-3f));
        assertEquals(0, WavWriter.quantise(Float.NaN));
        assertEquals(16384, WavWriter.quantise(0.5f));
    }

    @Test
    void aRangeOutsideTheArrayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WavWriter.write(dir.resolve("x.wav"), new float[4], 2, 5, 8000));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.write(dir.resolve("x.wav"), new float[4], 0, 4, 0));
    }
}
