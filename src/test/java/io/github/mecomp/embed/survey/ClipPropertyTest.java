package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import org.junit.jupiter.api.Test;

class ClipPropertyTest {

    private static final int RATE = 22_050;
    private static final LogMelSpectrogram MEL = new LogMelSpectrogram(FrontEndConfig.DEFAULT);

    private static float[][][] windows(float[] samples) {
        return MEL.windows(new PcmAudio(samples, RATE));
    }

    private static float[][][] gained(float[][][] w, float logGain) {
        float[][][] out = new float[w.length][][];
        for (int i = 0; i < w.length; i++) {
            out[i] = new float[w[i].length][];
            for (int f = 0; f < w[i].length; f++) {
                out[i][f] = w[i][f].clone();
                for (int b = 0; b < out[i][f].length; b++) {
                    out[i][f][b] += logGain;
                }
            }
        }
        return out;
    }

    @Test
    void brightnessRisesWithPitchAndIgnoresGain() {
        float[][][] low = windows(TestAudio.sine(200, 0.5, 2, RATE));
        float[][][] mid = windows(TestAudio.sine(1000, 0.5, 2, RATE));
        float[][][] high = windows(TestAudio.sine(4000, 0.5, 2, RATE));
        double b1 = ClipProperty.BRIGHTNESS.of(low);
        double b2 = ClipProperty.BRIGHTNESS.of(mid);
        double b3 = ClipProperty.BRIGHTNESS.of(high);
        assertTrue(b1 < b2 && b2 < b3, b1 + " " + b2 + " " + b3);
        assertEquals(b2, ClipProperty.BRIGHTNESS.of(gained(mid, 1.5f)), 1e-3);
    }

    @Test
    void fluxIsHigherForClicksThanForASteadyTone() {
        float[] clicks = new float[2 * RATE];
        for (int i = 0; i < clicks.length; i += RATE / 8) {
            for (int j = 0; j < 200 && i + j < clicks.length; j++) {
                clicks[i + j] = (float) (0.5 * Math.exp(-j / 40.0) * Math.sin(j));
            }
        }
        double steady = ClipProperty.FLUX.of(windows(TestAudio.sine(440, 0.5, 2, RATE)));
        double busy = ClipProperty.FLUX.of(windows(clicks));
        assertTrue(busy > 3 * steady, steady + " vs " + busy);
    }

    @Test
    void parsesItsNamesAndRejectsOthers() {
        assertEquals(ClipProperty.FLUX, ClipProperty.parse(" Flux "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipProperty.parse("tempo"));
        assertTrue(e.getMessage().contains("brightness or flux"), e.getMessage());
    }
}
