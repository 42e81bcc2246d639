package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogMelSpectrogramTest {

    private final FrontEndConfig config = FrontEndConfig.DEFAULT;

    @Test
    void cutsWholeOneSecondWindowsAndDropsTheTail() {
        LogMelSpectrogram mel = new LogMelSpectrogram(config);
        float[][][] w = mel.windows(new PcmAudio(TestAudio.sine(440, 0.5, 3.7, 22_050), 22_050));
        assertEquals(3, w.length);
        assertEquals(config.framesPerWindow(), w[0].length);
        assertEquals(config.melBands(), w[0][0].length);
    }

    @Test
    void crestChannelFollowsTheMelBandsAndIgnoresTheGain() {
        FrontEndConfig crest = config.withCrestChannel(true);
        float[] tone = TestAudio.sine(440, 0.5, 2.0, 22_050);
        float[][][] plain = new LogMelSpectrogram(config).windows(new PcmAudio(tone, 22_050));
        float[][][] with = new LogMelSpectrogram(crest).windows(new PcmAudio(tone, 22_050));
        assertEquals(65, with[0][0].length);
        float[] quiet = tone.clone();
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] *= 0.125f; // -18 dB
        }
        float[][][] softer = new LogMelSpectrogram(crest).windows(new PcmAudio(quiet, 22_050));
        for (int w = 0; w < with.length; w++) {
            for (int f = 0; f < with[w].length; f++) {
                for (int m = 0; m < 64; m++) {
                    assertEquals(plain[w][f][m], with[w][f][m], 0f, "the mel bands are the same values");
                }
                // a sine's peak over its RMS is sqrt(2), within what 512 samples of a 440 Hz tone hold
                assertEquals(Math.log(Math.sqrt(2)), with[w][f][64], 0.01, "window " + w + " frame " + f);
                assertEquals(with[w][f][64], softer[w][f][64], 1e-5, "a gain leaves the crest factor alone");
            }
        }
    }

    /**
     * The high-band share follows the crest factor: a tone below the mel bands' 8 kHz edge has nothing above it (the
     * floor, ln 1e-4), one above it has everything there (ln 1), white noise the bins' share (71 of the 256 the
     * one-sided spectrum counts twice); a gain changes none of it and silence reads the floor.
     */
    @Test
    void highBandChannelMeasuresThePowerAboveTheMelBands() {
        FrontEndConfig both = config.withCrestChannel(true).withHighBandChannel(true);
        assertEquals(66, both.valuesPerFrame());
        double floor = Math.log(FrontEndConfig.HIGH_BAND_FLOOR);
        assertEquals(floor, meanHighBand(both, TestAudio.sine(1000, 0.5, 2.0, 22_050), 1f), 1e-3, "1 kHz");
        assertEquals(0, meanHighBand(both, TestAudio.sine(10_000, 0.5, 2.0, 22_050), 1f), 1e-3, "10 kHz");
        float[] noise = new float[2 * 22_050];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (random.nextDouble() - 0.5);
        }
        double white = meanHighBand(both, noise, 1f);
        assertEquals(Math.log(2 * 70.5 / 512), white, 0.05, "white noise: bins 186..256 of 0..256");
        assertEquals(white, meanHighBand(both, noise, 0.0625f), 1e-6, "-24 dB");
        assertEquals(floor, meanHighBand(both, new float[22_050], 1f), 1e-6, "silence");
        float[][][] crestOnly = new LogMelSpectrogram(config.withCrestChannel(true))
                .windows(new PcmAudio(noise, 22_050));
        float[][][] withBoth = new LogMelSpectrogram(both).windows(new PcmAudio(noise, 22_050));
        assertEquals(crestOnly[1][7][64], withBoth[1][7][64], 0f, "the crest factor comes first");
    }

    private static double meanHighBand(FrontEndConfig frontEnd, float[] samples, float gain) {
        float[] scaled = samples.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= gain;
        }
        double sum = 0;
        int count = 0;
        for (float[][] window : new LogMelSpectrogram(frontEnd).windows(new PcmAudio(scaled, 22_050))) {
            for (float[] frame : window) {
                sum += frame[frontEnd.melBands() + 1];
                count++;
            }
        }
        return sum / count;
    }

    /**
     * A tone's chroma is its pitch class (A4 = 440 Hz in class 9, C = 0; C5 = 523.25 Hz in class 0), the same in
     * every frame of a window, after the crest factor, unchanged by a gain; silence has none; the mel bands are
     * the same values as without the channel.
     */
    @Test
    void chromaChannelNamesTheTonesPitchClassAndIgnoresTheGain() {
        FrontEndConfig both = config.withCrestChannel(true).withChromaChannel(true);
        assertEquals(64 + 1 + 12, both.valuesPerFrame());
        float[] a4 = TestAudio.sine(440, 0.5, 2.0, 22_050);
        float[][][] plain = new LogMelSpectrogram(config).windows(new PcmAudio(a4, 22_050));
        float[][][] with = new LogMelSpectrogram(both).windows(new PcmAudio(a4, 22_050));
        float[] quiet = a4.clone();
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] *= 0.125f; // -18 dB
        }
        float[][][] softer = new LogMelSpectrogram(both).windows(new PcmAudio(quiet, 22_050));
        for (int w = 0; w < with.length; w++) {
            for (int f = 0; f < with[w].length; f++) {
                for (int m = 0; m < 64; m++) {
                    assertEquals(plain[w][f][m], with[w][f][m], 0f, "the mel bands are the same values");
                }
                float sum = 0;
                for (int c = 0; c < 12; c++) {
                    sum += with[w][f][65 + c];
                    assertEquals(with[w][0][65 + c], with[w][f][65 + c], 0f, "one chroma per window");
                    assertEquals(with[w][f][65 + c], softer[w][f][65 + c], 1e-5, "a gain leaves the shares alone");
                }
                assertEquals(1, sum, 1e-5, "shares of the window's power");
                assertTrue(with[w][f][65 + 9] > 0.9, "A4 is in class A: " + with[w][f][65 + 9]);
            }
        }
        float[][][] c5 = new LogMelSpectrogram(both).windows(new PcmAudio(TestAudio.sine(523.25, 0.5, 1.0, 22_050),
                22_050));
        assertTrue(c5[0][0][65] > 0.9, "C5 is in class C: " + c5[0][0][65]);
        float[][][] silence = new LogMelSpectrogram(both).windows(new PcmAudio(new float[22_050], 22_050));
        for (int c = 0; c < 12; c++) {
            assertEquals(0, silence[0][0][65 + c], 0f, "silence has no pitch");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FrontEndConfig(22_050,
                0.05, 512, 512, 64, 0, 8_000, 1e-6, false, true, false, 0, false, false));
        assertTrue(e.getMessage().contains("need windows of at least 2048 samples"), e.getMessage());
    }

    /**
     * With {@code chromaFrames} 3 the chroma reads frames 1, 5 and 8 of the ten and nothing else: A4 in those
     * frames and C5 in the other seven give a window of class A alone, which reading every frame would not.
     */
    @Test
    void chromaReadsOnlyTheFramesItIsGiven() {
        FrontEndConfig all = config.withChromaChannel(true).withHarmonyChannel(true);
        FrontEndConfig three = all.withChromaFrames(3);
        float[] a4 = TestAudio.sine(440, 0.5, 1.0, 22_050);
        float[] c5 = TestAudio.sine(523.25, 0.5, 1.0, 22_050);
        float[] mixed = c5.clone();
        for (int f : new int[] {1, 5, 8}) {
            System.arraycopy(a4, f * 2048, mixed, f * 2048, 2048);
        }
        float[][] read3 = new LogMelSpectrogram(three).windows(new PcmAudio(mixed, 22_050))[0];
        float[][] readAll = new LogMelSpectrogram(all).windows(new PcmAudio(mixed, 22_050))[0];
        assertTrue(read3[0][64 + 9] > 0.9, "A4 alone in the frames read: " + read3[0][64 + 9]);
        assertTrue(readAll[0][64] > 0.5, "every frame read, C5 has most: " + readAll[0][64]);
        float[] pureA = new LogMelSpectrogram(three).windows(new PcmAudio(a4, 22_050))[0][0];
        for (int v = 64; v < 64 + 12 + 6; v++) {
            assertEquals(pureA[v], read3[0][v], 1e-6, "the frames not read change nothing, value " + v);
        }
        for (int m = 0; m < 64; m++) {
            assertEquals(readAll[3][m], read3[3][m], 0f, "the mel bands do not depend on the chroma frames");
        }
    }

    /**
     * With {@code frameHarmony} each chroma frame's harmony is its own: one pure tone a frame (C6, E6, G6 in frames 1, 5
     * and 8) is a lone pitch class in each, every magnitude near 1, where the summed chroma of the three is a C major
     * triad with lower ones; the same tones a minor third up give the same per-frame values.
     */
    @Test
    void frameHarmonyReadsEachFrameOnItsOwn() {
        FrontEndConfig summed = config.withHarmonyChannel(true).withChromaFrames(3);
        FrontEndConfig perFrame = summed.withFrameHarmony(true);
        float[] cEg = new float[22_050];
        float[] ebGBb = new float[22_050];
        double[] hz = {1046.50, 1318.51, 1567.98}; // C6 E6 G6: a semitone spans 6 bins, so a tone is one class
        int[] frames = {1, 5, 8};
        for (int i = 0; i < 3; i++) {
            System.arraycopy(TestAudio.sine(hz[i], 0.5, 1.0, 22_050), frames[i] * 2048, cEg, frames[i] * 2048, 2048);
            System.arraycopy(TestAudio.sine(hz[i] * Math.pow(2, 3 / 12.0), 0.5, 1.0, 22_050), frames[i] * 2048, ebGBb,
                    frames[i] * 2048, 2048);
        }
        float[] own = new LogMelSpectrogram(perFrame).windows(new PcmAudio(cEg, 22_050))[0][0];
        float[] ofSum = new LogMelSpectrogram(summed).windows(new PcmAudio(cEg, 22_050))[0][0];
        float[] ownUp = new LogMelSpectrogram(perFrame).windows(new PcmAudio(ebGBb, 22_050))[0][0];
        for (int k = 0; k < 6; k++) {
            assertTrue(own[64 + k] > 0.8, "a lone class in each frame, value " + (k + 1) + ": " + own[64 + k]);
            assertEquals(own[64 + k], ownUp[64 + k], 0.05, "per frame, transposed, value " + (k + 1));
        }
        assertTrue(ofSum[64 + 4] < 0.7, "the triad's fifths cycle is below a lone class's: " + ofSum[64 + 4]);
    }

    /**
     * The harmony values follow the chroma, and no transposition moves them: a C major triad and the same triad on
     * A give the same six values (their chroma shares differ), and a lone pitch class has every magnitude equal to
     * its share; a gain changes nothing.
     */
    @Test
    void harmonyChannelIsTheSameInEveryKey() {
        FrontEndConfig harmony = config.withChromaChannel(true).withHarmonyChannel(true);
        assertEquals(64 + 12 + 6, harmony.valuesPerFrame());
        float[] cMajor = chord(22_050, 261.63, 329.63, 392.00);
        float[] aMajor = chord(22_050, 440.00, 554.37, 659.26);
        float[][] c = new LogMelSpectrogram(harmony).windows(new PcmAudio(cMajor, 22_050))[0];
        float[][] a = new LogMelSpectrogram(harmony).windows(new PcmAudio(aMajor, 22_050))[0];
        assertTrue(Math.abs(c[0][64] - a[0][64]) > 0.2, "the shares name the key: class C " + c[0][64] + " / "
                + a[0][64]);
        for (int k = 0; k < 6; k++) {
            // up to the DFT bins' leakage, which differs by register
            assertEquals(c[0][76 + k], a[0][76 + k], 0.05, "harmony value " + (k + 1));
            assertEquals(c[0][76 + k], c[42][76 + k], 0f, "one value per window");
        }
        float[] shares = new float[12];
        shares[3] = 0.8f;
        for (float v : LogMelSpectrogram.harmony(shares)) {
            assertEquals(0.8, v, 1e-6, "a lone pitch class");
        }
        float[] profile = {0.3f, 0.01f, 0.05f, 0.02f, 0.2f, 0.04f, 0.01f, 0.25f, 0.02f, 0.06f, 0.01f, 0.03f};
        for (int shift = 1; shift < 12; shift++) {
            float[] rotated = new float[12];
            for (int i = 0; i < 12; i++) {
                rotated[(i + shift) % 12] = profile[i];
            }
            float[] h = LogMelSpectrogram.harmony(profile);
            float[] r = LogMelSpectrogram.harmony(rotated);
            for (int k = 0; k < 6; k++) {
                assertEquals(h[k], r[k], 1e-6, "transposed by " + shift + ", value " + (k + 1));
            }
        }
        float[] quiet = cMajor.clone();
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] *= 0.125f;
        }
        float[][] softer = new LogMelSpectrogram(harmony).windows(new PcmAudio(quiet, 22_050))[0];
        for (int k = 0; k < 6; k++) {
            assertEquals(c[0][76 + k], softer[0][76 + k], 1e-5, "a gain leaves the harmony alone");
        }
    }

    private static float[] chord(int rate, double... hz) {
        float[] out = new float[rate];
        for (double f : hz) {
            float[] tone = TestAudio.sine(f, 0.25, 1.0, rate);
            for (int i = 0; i < out.length; i++) {
                out[i] += tone[i];
            }
        }
        return out;
    }

    @Test
    void crestFactorOfSilenceAClickAndASquareWave() {
        float[] samples = new float[512];
        assertEquals(0, LogMelSpectrogram.crest(samples, 0, 512), 1e-12, "silence");
        samples[100] = 0.5f;
        assertEquals(0.5 * Math.log(512), LogMelSpectrogram.crest(samples, 0, 512), 1e-6, "a lone click");
        for (int i = 0; i < 512; i++) {
            samples[i] = i % 8 < 4 ? 0.3f : -0.3f;
        }
        assertEquals(0, LogMelSpectrogram.crest(samples, 0, 512), 1e-6, "a square wave's peak is its RMS");
    }

    @Test
    void toneLightsTheBandHoldingItsFrequency() {
        LogMelSpectrogram mel = new LogMelSpectrogram(config);
        float[][] frames = mel.windows(new PcmAudio(TestAudio.sine(1000, 0.5, 1.0, 22_050), 22_050))[0];
        int loudest = 0;
        for (int m = 1; m < config.melBands(); m++) {
            if (frames[10][m] > frames[10][loudest]) {
                loudest = m;
            }
        }
        double melOf1k = MelFilterbank.hzToMel(1000);
        double lo = MelFilterbank.hzToMel(config.fMin());
        double hi = MelFilterbank.hzToMel(config.fMax());
        int expected = (int) Math.round((melOf1k - lo) / (hi - lo) * (config.melBands() + 1)) - 1;
        assertTrue(Math.abs(loudest - expected) <= 1, "loudest band " + loudest + ", expected about " + expected);
    }

    @Test
    void silenceStaysFiniteAtTheLogFloor() {
        LogMelSpectrogram mel = new LogMelSpectrogram(config);
        float[][][] w = mel.windows(new PcmAudio(new float[22_050], 22_050));
        assertEquals((float) Math.log(config.logFloor()), w[0][0][0], 1e-6);
    }

    @Test
    void windowDependsOnlyOnItsOwnSamples() {
        LogMelSpectrogram mel = new LogMelSpectrogram(config);
        float[] a = TestAudio.sine(440, 0.5, 2.0, 22_050);
        float[] b = a.clone();
        for (int i = 0; i < 22_050; i++) {
            b[i] = 0; // change only the first window
        }
        float[][][] wa = mel.windows(new PcmAudio(a, 22_050));
        float[][][] wb = mel.windows(new PcmAudio(b, 22_050));
        org.junit.jupiter.api.Assertions.assertArrayEquals(wa[1], wb[1]);
    }

    @Test
    void refusesAudioAtAnotherRate() {
        LogMelSpectrogram mel = new LogMelSpectrogram(config);
        assertThrows(IllegalArgumentException.class, () -> mel.windows(new PcmAudio(new float[48_000], 48_000)));
    }

    @Test
    void padsClipShorterThanOneWindowWithZeros(@TempDir Path dir) throws Exception {
        float[] clip = TestAudio.sine(440, 0.5, 0.6, 22_050);
        Path wav = TestAudio.writeWav(dir.resolve("short.wav"), clip, 22_050);
        float[][][] fromFile = new FrontEnd(config).windows(wav);
        assertEquals(1, fromFile.length);
        float[][][] padded = new LogMelSpectrogram(config)
                .windows(new PcmAudio(java.util.Arrays.copyOf(clip, config.windowSamples()), 22_050));
        float[][][] direct = new LogMelSpectrogram(config).windows(new PcmAudio(clip, 22_050));
        org.junit.jupiter.api.Assertions.assertArrayEquals(padded[0], direct[0]);
        // the last frames lie wholly in the padding: log floor exactly
        float floor = (float) Math.log(config.logFloor());
        float[] last = direct[0][config.framesPerWindow() - 1];
        for (float v : last) {
            assertEquals(floor, v, 0f);
        }
        assertTrue(direct[0][0][10] > floor + 5, "the tone is in the first frame");
    }

    @Test
    void rejectsEmptyAudio() {
        LogMelSpectrogram mel = new LogMelSpectrogram(config);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mel.windows(new PcmAudio(new float[0], 22_050)));
        assertTrue(e.getMessage().contains("no samples"), e.getMessage());
    }

    @Test
    void rejectsSilentFile(@TempDir Path dir) throws Exception {
        Path wav = TestAudio.writeWav(dir.resolve("silent.wav"), new float[44_100], 22_050);
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> new FrontEnd(config).windows(wav));
        assertTrue(e.getMessage().contains("silent.wav"), e.getMessage());
        assertTrue(e.getMessage().contains("silent"), e.getMessage());
    }

    @Test
    void rejectsNearSilentFileWithItsLevel(@TempDir Path dir) throws Exception {
        Path wav = TestAudio.writeWav(dir.resolve("hiss.wav"), TestAudio.sine(440, 3e-5, 2.0, 22_050), 22_050);
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> new FrontEnd(config).windows(wav));
        assertTrue(e.getMessage().contains("hiss.wav: silent: the loudest sample is -90 dBFS"), e.getMessage());
    }

    @Test
    void sixteenKilohertzWorks(@TempDir Path dir) throws Exception {
        FrontEndConfig c16 = config.withSampleRate(16_000);
        Path wav = TestAudio.writeWav(dir.resolve("tone44.wav"), TestAudio.sine(440, 0.5, 2.2, 44_100), 44_100);
        float[][][] w = new FrontEnd(c16).windows(wav);
        assertEquals(2, w.length);
        assertEquals(c16.framesPerWindow(), w[0].length);
    }
}
