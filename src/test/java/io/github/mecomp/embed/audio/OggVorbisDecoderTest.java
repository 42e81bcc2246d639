package io.github.mecomp.embed.audio;

import static io.github.mecomp.embed.audio.AudioFixtures.assertDecodeFails;
import static io.github.mecomp.embed.audio.AudioFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OggVorbisDecoderTest {

    private final OggVorbisDecoder decoder = new OggVorbisDecoder();

    @TempDir
    Path dir;

    @Test
    void decodesOggVorbisAt22050HzToExactlyTheEncodedLength() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.VORBIS_OGG));

        assertEquals(22_050, audio.sampleRate());
        assertEquals(44_100, audio.length(), "last block cut at the end-of-stream granule position");
        assertEquals(440.0, AudioFixtures.dominantFrequency(audio.samples(), 22_050, 100, 3000), 1.0);
        assertEquals(AudioFixtures.TONE_RMS, AudioFixtures.rms(audio.samples()), 0.03 * AudioFixtures.TONE_RMS);
        double[] source = new double[audio.length()];
        Arrays.setAll(source, n -> AudioFixtures.tone(n, 22_050));
        assertTrue(AudioFixtures.correlation(audio.samples(), source) > 0.99, "sample-aligned with the source");
    }

    @Test
    void decodesChainedOggVorbisAsOneSignal() throws IOException {
        byte[] ogg = AudioFixtures.bytes(AudioFixtures.VORBIS_OGG);
        Path file = AudioFixtures.write(dir, "chained.ogg", AudioFixtures.concat(ogg, ogg));

        float[] once = decoder.decode(fixture(AudioFixtures.VORBIS_OGG)).samples();
        float[] twice = decoder.decode(file).samples();

        assertEquals(2 * once.length, twice.length);
        AudioFixtures.assertSamplesEqual(once, Arrays.copyOfRange(twice, once.length, twice.length));
    }

    @Test
    void ignoresATagAppendedAfterTheEndOfStream() throws IOException {
        byte[] id3v1 = new byte[128];
        System.arraycopy(AudioFixtures.ascii("TAG"), 0, id3v1, 0, 3);
        Path file = AudioFixtures.write(dir, "tagged.ogg",
                AudioFixtures.concat(AudioFixtures.bytes(AudioFixtures.VORBIS_OGG), id3v1));

        assertEquals(44_100, decoder.decode(file).length());
    }

    @Test
    void rejectsOggCutInTheMiddleOfAPage() throws IOException {
        List<Integer> pages = pageOffsets(AudioFixtures.bytes(AudioFixtures.VORBIS_OGG));
        Path file = AudioFixtures.cut(AudioFixtures.VORBIS_OGG, dir, "cut.ogg", pages.get(pages.size() - 1) + 1000);

        assertDecodeFails(file, () -> decoder.decode(file), "truncated", "in the middle of a page",
                "before its end-of-stream page");
    }

    @Test
    void rejectsOggCutBetweenPagesBeforeItsEndOfStreamPage() throws IOException {
        List<Integer> pages = pageOffsets(AudioFixtures.bytes(AudioFixtures.VORBIS_OGG));
        Path file = AudioFixtures.cut(AudioFixtures.VORBIS_OGG, dir, "no-eos.ogg", pages.get(pages.size() - 1));

        AudioDecodeException e = assertDecodeFails(file, () -> decoder.decode(file), "truncated",
                "before its end-of-stream page");
        assertFalse(e.reason().contains("middle"), e.reason());
    }

    @Test
    void rejectsOggCutInsideItsHeaders() throws IOException {
        Path file = AudioFixtures.cut(AudioFixtures.VORBIS_OGG, dir, "headers.ogg", 200);

        assertDecodeFails(file, () -> decoder.decode(file), "truncated", "inside the Vorbis headers");
    }

    @Test
    void rejectsOggWithGarbageInTheMiddleAsCorrupt() throws IOException {
        List<Integer> pages = pageOffsets(AudioFixtures.bytes(AudioFixtures.VORBIS_OGG));
        Path file = AudioFixtures.damage(AudioFixtures.VORBIS_OGG, dir, "damaged.ogg", pages.get(pages.size() - 1) + 500, 100);

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "page checksum fails");
    }

    @Test
    void rejectsAFileThatIsNotOgg() throws IOException {
        Path file = AudioFixtures.copy(AudioFixtures.STEREO_WAV, dir, "actually-wav.ogg");

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "no Ogg page");
    }

    /** Start of every page, following the lengths in the page headers. */
    static List<Integer> pageOffsets(byte[] ogg) {
        List<Integer> offsets = new ArrayList<>();
        int at = 0;
        while (at < ogg.length) {
            offsets.add(at);
            int segments = ogg[at + 26] & 0xFF;
            int length = 27 + segments;
            for (int i = 0; i < segments; i++) {
                length += ogg[at + 27 + i] & 0xFF;
            }
            at += length;
        }
        return offsets;
    }
}
