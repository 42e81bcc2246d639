package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.AudioFileFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The survey's small pieces: byte ranges, rate limits, embedding look-up, HTML escaping, clip excerpts. */
class SurveyPartsTest {

    @Test
    void byteRangesFollowRfc9110() throws HttpFailure {
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=0-99", 1000));
        assertEquals(new ByteRange(500, 999), ByteRange.parse("bytes=500-", 1000));
        assertEquals(new ByteRange(900, 999), ByteRange.parse("bytes=-100", 1000));
        assertEquals(new ByteRange(0, 999), ByteRange.parse("bytes=-5000", 1000), "a suffix longer than the file");
        assertEquals(new ByteRange(990, 999), ByteRange.parse("bytes=990-5000", 1000), "an end past the file is cut");
        assertNull(ByteRange.parse(null, 1000));
        assertNull(ByteRange.parse("bytes=0-1,5-6", 1000), "several ranges: the whole file");
        assertNull(ByteRange.parse("items=0-1", 1000), "another unit is ignored");
        assertNull(ByteRange.parse("bytes=abc", 1000), "malformed is ignored");
        assertNull(ByteRange.parse("bytes=9-1", 1000), "backwards is ignored");
        assertNull(ByteRange.parse("bytes=99999999999999999999999-", 1000), "overflow is ignored");
        assertEquals(416, assertThrows(HttpFailure.class, () -> ByteRange.parse("bytes=1000-", 1000)).status());
        assertEquals(416, assertThrows(HttpFailure.class, () -> ByteRange.parse("bytes=-0", 1000)).status());
    }

    @Test
    void rateLimiterAllowsABurstThenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(new RateLimit(2, 3), now::get);
        assertTrue(limiter.tryAcquire("x"));
        assertTrue(limiter.tryAcquire("x"));
        assertTrue(limiter.tryAcquire("x"));
        assertFalse(limiter.tryAcquire("x"));
        assertTrue(limiter.tryAcquire("y"), "each key has its own bucket");
        now.addAndGet(499_000_000L);
        assertFalse(limiter.tryAcquire("x"), "0.998 tokens after 499 ms at 2 per second");
        now.addAndGet(2_000_000L);
        assertTrue(limiter.tryAcquire("x"));
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire("x"));
        }
        assertFalse(limiter.tryAcquire("x"), "a long pause refills only up to the burst");
    }

    @Test
    void embeddingsAreFoundByPathOrNameWithOrWithoutExtension() {
        List<SurveyClip> clips = List.of(clip("rock/a.mp3"), clip("rock/b.ogg"), clip("jazz/c.flac"), clip("jazz/d.wav"),
                clip("jazz/e.wav"));
        float[] a = {1};
        float[] b = {2};
        float[] c = {3};
        float[] d = {4};
        Map<String, float[]> matched = SurveyEmbeddings.match(
                Map.of("rock/a.mp3", a, "rock/b", b, "c.flac", c, "d", d, "unrelated", new float[] {9}), clips);
        assertEquals(4, matched.size());
        assertArrayEquals(a, matched.get(clips.get(0).id()));
        assertArrayEquals(b, matched.get(clips.get(1).id()));
        assertArrayEquals(c, matched.get(clips.get(2).id()));
        assertArrayEquals(d, matched.get(clips.get(3).id()));
    }

    @Test
    void htmlEscapingLeavesNoMarkup() {
        assertEquals("&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp;",
                Html.escape("<img src=x onerror=\"alert('1')\"> &"));
    }

    @Test
    void longClipsPlayTheirMiddle() {
        SurveyClip longClip = new SurveyClip("0123456789ab", "x", Path.of("x"), AudioFileFormat.MP3, 180, 1, 1);
        assertEquals(75, longClip.excerptStart(30), 1e-9);
        assertEquals(30, longClip.excerptLength(30), 1e-9);
        SurveyClip shortClip = new SurveyClip("0123456789ab", "x", Path.of("x"), AudioFileFormat.MP3, 22, 1, 1);
        assertEquals(0, shortClip.excerptStart(30), 1e-9);
        assertEquals(22, shortClip.excerptLength(30), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> new SurveyClip("../etc/passwd", "x", Path.of("x"), AudioFileFormat.MP3, 22, 1, 1));
    }

    private static SurveyClip clip(String path) {
        return new SurveyClip(ClipPool.idOf(path), path, Path.of(path), AudioFileFormat.WAV, 20, 1, 1);
    }
}
