package io.github.mecomp.embed.audio;

import static io.github.mecomp.embed.audio.WavBytes.IEEE_FLOAT;
import static io.github.mecomp.embed.audio.WavBytes.data;
import static io.github.mecomp.embed.audio.WavBytes.float32Samples;
import static io.github.mecomp.embed.audio.WavBytes.fmt;
import static io.github.mecomp.embed.audio.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN in float audio is damage, not silence: a file of nothing else is called corrupt, a few are dropped. */
class NanFloatWavTest {

    @TempDir
    Path dir;

    private Path floatWav(String name, float[] samples) throws IOException {
        return Files.write(dir.resolve(name), riff(fmt(IEEE_FLOAT, 1, 22_050, 32), data(float32Samples(samples))));
    }

    @Test
    void anAllNanFloatWavIsCalledCorruptNotSilent() throws IOException {
        float[] nan = new float[22_050];
        Arrays.fill(nan, Float.NaN);
        Path file = floatWav("nan.wav", nan);
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> new AudioLoader(22_050).load(file));
        assertTrue(e.reason().startsWith("corrupt: 22050 of 22050 samples are NaN"), e.reason());
        assertFalse(e.reason().contains("silent"), e.reason());
    }

    @Test
    void nanAndZerosTogetherAreCorruptToo() throws IOException {
        float[] x = new float[1000];
        x[500] = Float.NaN;
        Path file = floatWav("mostly-zero.wav", x);
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> new AudioLoader(22_050).load(file));
        assertTrue(e.reason().startsWith("corrupt: 1 of 1000 samples are NaN"), e.reason());
    }

    @Test
    void aFewNanSamplesInMusicAreDroppedAsZero() throws IOException {
        float[] x = new float[22_050];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 22_050.0));
        }
        x[100] = Float.NaN;
        PcmAudio audio = new AudioLoader(22_050).load(floatWav("glitch.wav", x));
        assertEquals(0f, audio.samples()[100]);
        assertEquals(x[101], audio.samples()[101], 1e-6);
    }

    @Test
    void zerosWithoutNanAreStillDigitalSilence() throws IOException {
        Path file = floatWav("zero.wav", new float[1000]);
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> new AudioLoader(22_050).load(file));
        assertTrue(e.reason().contains("digital silence"), e.reason());
    }
}
