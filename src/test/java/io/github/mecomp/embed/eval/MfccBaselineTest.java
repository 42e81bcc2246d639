package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.TestAudio;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MfccBaselineTest {

    @Test
    void clipVectorHasMeanAndStdOfTwentyCoefficients() {
        LogMelSpectrogram mel = new LogMelSpectrogram(FrontEndConfig.DEFAULT);
        MfccBaseline mfcc = new MfccBaseline(FrontEndConfig.DEFAULT);
        float[] steady = mfcc.clipVector(mel.windows(new PcmAudio(TestAudio.sine(440, 0.5, 2.0, 22_050), 22_050)));
        float[] changing = TestAudio.sine(440, 0.5, 2.0, 22_050);
        float[] high = TestAudio.sine(3000, 0.5, 2.0, 22_050);
        for (int i = 0; i < changing.length; i++) {
            if ((i / 5_512) % 2 == 1) {
                changing[i] = high[i]; // a quarter second of each tone in turn
            }
        }
        float[] moving = mfcc.clipVector(mel.windows(new PcmAudio(changing, 22_050)));
        assertEquals(40, steady.length);
        double steadySpread = 0;
        double movingSpread = 0;
        for (int k = 20; k < 40; k++) {
            steadySpread += steady[k];
            movingSpread += moving[k];
        }
        // the std half measures change over time: a steady tone barely moves, alternating tones do
        assertTrue(movingSpread > 5 * steadySpread, "steady " + steadySpread + ", alternating " + movingSpread);
    }

    @Test
    void firstCoefficientIsTheScaledMeanLogMel() {
        FrontEndConfig c = FrontEndConfig.DEFAULT;
        float[][][] constant = new float[1][3][c.melBands()];
        for (float[] frame : constant[0]) {
            java.util.Arrays.fill(frame, -2f);
        }
        float[] v = new MfccBaseline(c).clipVector(constant);
        double expected = -2 * Math.sqrt(c.melBands()) * 10 / Math.log(10);
        assertEquals(expected, v[0], 1e-3);
        assertEquals(0, v[1], 1e-4, "a flat spectrum has no higher coefficients");
    }

    @Test
    void zScoreGivesZeroMeanUnitStdAndZeroForConstantDimensions() {
        Map<String, float[]> in = new LinkedHashMap<>();
        in.put("a", new float[] {1, 5});
        in.put("b", new float[] {3, 5});
        in.put("c", new float[] {5, 5});
        Map<String, float[]> z = MfccBaseline.zScore(in);
        double sqrt32 = Math.sqrt(1.5);
        assertEquals(-sqrt32, z.get("a")[0], 1e-6);
        assertEquals(0, z.get("b")[0], 1e-6);
        assertEquals(sqrt32, z.get("c")[0], 1e-6);
        assertEquals(0, z.get("a")[1]);
    }
}
