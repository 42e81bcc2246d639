package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrontEndConfigTest {

    @Test
    void defaultsMatchMecompDecoderRate() {
        assertEquals(22_050, FrontEndConfig.DEFAULT.sampleRate());
        assertEquals(1.0, FrontEndConfig.DEFAULT.windowSeconds());
    }

    @Test
    void framesPerWindowCountsWholeFramesOnly() {
        FrontEndConfig c = new FrontEndConfig(22_050, 1.0, 512, 256, 64, 0, 11_025, 1e-6);
        assertEquals(1 + (22_050 - 512) / 256, c.framesPerWindow());
        assertEquals(257, c.dftBins());
    }

    @Test
    void sixteenKilohertzKeepsFmaxAtNyquist() {
        FrontEndConfig c = FrontEndConfig.DEFAULT.withSampleRate(16_000);
        assertEquals(16_000, c.windowSamples());
        assertTrue(c.fMax() <= 8_000);
    }

    @Test
    void rejectsFrameLengthThatIsNotAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrontEndConfig(22_050, 1.0, 500, 250, 64, 0, 11_025, 1e-6));
        assertTrue(e.getMessage().contains("frameLength"), e.getMessage());
    }

    @Test
    void rejectsFmaxAboveNyquist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrontEndConfig(16_000, 1.0, 512, 256, 64, 0, 11_025, 1e-6));
        assertTrue(e.getMessage().contains("fMax"), e.getMessage());
    }

    @Test
    void rejectsHopLongerThanFrame() {
        assertThrows(IllegalArgumentException.class, () -> new FrontEndConfig(22_050, 1.0, 512, 1024, 64, 0, 11_025, 1e-6));
    }

    @Test
    void chromaFramesAreSpreadEvenlyOverTheWindow() {
        FrontEndConfig harmony = FrontEndConfig.DEFAULT.withHarmonyChannel(true);
        assertEquals(10, harmony.chromaFramesPerWindow());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, harmony.chromaFrameIndices(), "0 reads all");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, harmony.withChromaFrames(10).chromaFrameIndices());
        assertArrayEquals(new int[] {1, 5, 8}, harmony.withChromaFrames(3).chromaFrameIndices());
        assertArrayEquals(new int[] {2, 7}, harmony.withChromaFrames(2).chromaFrameIndices());
        assertArrayEquals(new int[] {5}, harmony.withChromaFrames(1).chromaFrameIndices());
        assertArrayEquals(new int[] {0, 2, 3, 4, 6}, harmony.withSampleRate(16_000).withChromaFrames(5)
                .chromaFrameIndices(), "7 frames of 2048 in a 16 kHz window, 5 of them read");
    }

    @Test
    void chromaFramesAreInTheCacheKeyOnlyWhenSet() {
        FrontEndConfig harmony = FrontEndConfig.DEFAULT.withHarmonyChannel(true);
        assertFalse(harmony.key().contains("chromaFrames"), harmony.key());
        assertTrue(harmony.withChromaFrames(3).key().endsWith("+harmony+chromaFrames=3"),
                harmony.withChromaFrames(3).key());
        assertNotEquals(harmony.withChromaFrames(3).key(), harmony.withChromaFrames(4).key());
    }

    @Test
    void rejectsChromaFramesThatCannotBeRead() {
        FrontEndConfig harmony = FrontEndConfig.DEFAULT.withHarmonyChannel(true);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> harmony.withChromaFrames(11));
        assertTrue(tooMany.getMessage().contains("at most the 10 whole 2048-sample frames"), tooMany.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> harmony.withChromaFrames(-1));
        assertTrue(negative.getMessage().contains("chromaFrames must be >= 0"), negative.getMessage());
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class,
                () -> FrontEndConfig.DEFAULT.withChromaFrames(3));
        assertTrue(off.getMessage().contains("needs the chroma or harmony channel"), off.getMessage());
    }

    @Test
    void frameHarmonyNeedsTheHarmonyChannelAndIsInTheCacheKey() {
        FrontEndConfig harmony = FrontEndConfig.DEFAULT.withHarmonyChannel(true).withChromaFrames(3);
        assertTrue(harmony.withFrameHarmony(true).key().endsWith("+harmony+chromaFrames=3+frameHarmony"),
                harmony.withFrameHarmony(true).key());
        assertFalse(harmony.key().contains("frameHarmony"), harmony.key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrontEndConfig.DEFAULT.withChromaChannel(true).withFrameHarmony(true));
        assertTrue(e.getMessage().contains("frameHarmony needs the harmony channel"), e.getMessage());
    }

    @Test
    void highBandChannelNeedsRoomAboveTheMelBandsAndIsInTheCacheKey() {
        FrontEndConfig on = FrontEndConfig.DEFAULT.withHighBandChannel(true);
        assertTrue(on.key().endsWith("+highBand") && !FrontEndConfig.DEFAULT.key().contains("highBand"));
        assertEquals(65, on.valuesPerFrame());
        assertEquals(1, on.frameSideValues());
        assertEquals(0, on.windowSideValues());
        assertEquals(FrontEndConfig.HARMONY_VALUES, on.withCrestChannel(true).withHarmonyChannel(true).windowSideValues());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> on.withSampleRate(16_000));
        assertTrue(e.getMessage().contains("Nyquist") && e.getMessage().contains("--fmax"), e.getMessage());
    }
}
