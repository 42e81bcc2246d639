package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MonoBufferTest {

    @Test
    void keepsOneChannelAsItIs() {
        assertEquals(1f, MonoBuffer.mixGain(1));
    }

    @Test
    void scalesTheSumOfTwoChannelsByHalfRootTwoLikeMecompsSqrt2Over2() {
        assertEquals((float) Math.sqrt(2) / 2, MonoBuffer.mixGain(2));
        assertEquals(0.70710677f, MonoBuffer.mixGain(2)); // Rust's f32 SQRT_2 / 2.0, bit for bit
    }

    @Test
    void averagesThreeOrMoreChannels() {
        assertEquals(1f / 3, MonoBuffer.mixGain(3));
        assertEquals(1f / 6, MonoBuffer.mixGain(6));
    }

    @Test
    void rejectsAFrameWithoutChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MonoBuffer.mixGain(0));
        assertEquals("a frame needs at least one channel, got 0", e.getMessage());
    }

    @Test
    void clampsMonoAtFullScaleAndStereoAtRootTwoAndStoresNanAsZero() throws AudioDecodeException {
        assertEquals(1f, MonoBuffer.clamp(1.5f, 1));
        assertEquals(-1f, MonoBuffer.clamp(-7f, 6));
        assertEquals(1.3f, MonoBuffer.clamp(1.3f, 2));
        assertEquals(-2 * 0.70710677f, MonoBuffer.clamp(Float.NEGATIVE_INFINITY, 2));
        // NaN reaches add(), which counts it (a file of nothing but NaN is corrupt, not silent) and stores 0
        assertTrue(Float.isNaN(MonoBuffer.clamp(Float.NaN, 2)));
        MonoBuffer buffer = MonoBuffer.whole(java.nio.file.Path.of("nan.wav"));
        buffer.begin(22_050, 2);
        buffer.add(MonoBuffer.clamp(Float.NaN, 2));
        buffer.add(0.5f);
        assertArrayEquals(new float[] {0f, 0.5f}, buffer.toAudio().samples());
    }
}
