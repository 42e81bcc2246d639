package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mecomp.embed.TestAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MelCacheTest {

    @TempDir
    Path dir;

    private static final float[][][] VALUE = {{{1f, 2f}, {3f, 4f}}, {{5f, 6f}, {7f, 8f}}};

    @Test
    void computesOnceThenReadsFromDisk() throws IOException {
        Path audio = Files.writeString(dir.resolve("a.wav"), "some bytes");
        MelCache cache = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT);
        AtomicInteger calls = new AtomicInteger();
        float[][][] first = cache.getOrCompute(audio, () -> { calls.incrementAndGet(); return VALUE; });
        float[][][] second = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT)
                .getOrCompute(audio, () -> { calls.incrementAndGet(); return VALUE; });
        assertEquals(1, calls.get());
        assertArrayEquals(first, second);
    }

    @Test
    void keyFollowsContentNotName() throws IOException {
        MelCache cache = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT);
        Path a = Files.writeString(dir.resolve("a.wav"), "same");
        Path b = Files.writeString(dir.resolve("b.wav"), "same");
        Path c = Files.writeString(dir.resolve("c.wav"), "other");
        assertEquals(cache.entryFor(a), cache.entryFor(b));
        assertNotEquals(cache.entryFor(a), cache.entryFor(c));
    }

    @Test
    void keyFollowsFrontEndConfiguration() throws IOException {
        Path a = Files.writeString(dir.resolve("a.wav"), "same");
        MelCache c1 = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT);
        MelCache c2 = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT.withSampleRate(16_000));
        assertNotEquals(c1.entryFor(a), c2.entryFor(a));
        MelCache c3 = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT.withCrestChannel(true));
        assertNotEquals(c1.entryFor(a), c3.entryFor(a));
    }

    /** Caches written before the crest channel existed keep their keys: the key text is what it was then. */
    @Test
    void keyOfAFrontEndWithoutCrestIsTheOneItHadBefore() {
        assertEquals("FrontEndConfig[sampleRate=22050, windowSeconds=1.0, frameLength=512, hopLength=512, melBands=64,"
                + " fMin=0.0, fMax=8000.0, logFloor=1.0E-6]", FrontEndConfig.DEFAULT.key());
    }

    @Test
    void tornEntryFromACrashIsRecomputed() throws IOException {
        Path audio = Files.writeString(dir.resolve("a.wav"), "bytes");
        MelCache cache = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT);
        cache.getOrCompute(audio, () -> VALUE);
        Path entry = cache.entryFor(audio);
        byte[] whole = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(whole, whole.length / 2)); // as if killed mid-write without rename
        AtomicInteger calls = new AtomicInteger();
        float[][][] again = cache.getOrCompute(audio, () -> { calls.incrementAndGet(); return VALUE; });
        assertEquals(1, calls.get());
        assertArrayEquals(VALUE, again);
        assertEquals(whole.length, Files.size(entry), "the torn entry was replaced by a whole one");
    }

    @Test
    void failedComputationLeavesNoFiles() throws IOException {
        Path audio = Files.writeString(dir.resolve("a.wav"), "bytes");
        MelCache cache = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT);
        assertThrows(AudioDecodeException.class, () -> cache.getOrCompute(audio, () -> {
            throw new AudioDecodeException(audio, "corrupt");
        }));
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            assertEquals(0, files.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void frontEndCachesRealWindows() throws IOException {
        Path wav = TestAudio.writeWav(dir.resolve("tone.wav"), TestAudio.sine(440, 0.5, 2.5, 22_050), 22_050);
        MelCache cache = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT);
        float[][][] direct = new FrontEnd(FrontEndConfig.DEFAULT).windows(wav);
        float[][][] cached = new FrontEnd(FrontEndConfig.DEFAULT, cache).windows(wav);
        float[][][] fromDisk = new FrontEnd(FrontEndConfig.DEFAULT, cache).windows(wav);
        assertEquals(2, direct.length);
        assertArrayEquals(direct, cached);
        assertArrayEquals(direct, fromDisk);
    }
}
