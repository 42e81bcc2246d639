package io.github.mecomp.embed.audio;

import static io.github.mecomp.embed.audio.AudioFixtures.assertDecodeFails;
import static io.github.mecomp.embed.audio.AudioFixtures.ascii;
import static io.github.mecomp.embed.audio.AudioFixtures.concat;
import static io.github.mecomp.embed.audio.AudioFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioFileFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "stereo-8k-pcm16.wav, WAV",
            "tone-8k-pcm8.wav, WAV",
            "tone-8k-pcm24.wav, WAV",
            "tone-8k-pcm24-extensible.wav, WAV",
            "tone-8k-float32.wav, WAV",
            "stereo-8k-pcm16.flac, FLAC",
            "tone-8k-pcm24.flac, FLAC",
            "tone-chirp-44k-mpeg1-stereo.mp3, MP3",
            "tone-22k-mpeg2-mono.mp3, MP3",
            "tone-22k.ogg, OGG_VORBIS",
    })
    void recognisesEachFixture(String name, AudioFileFormat format) throws IOException {
        assertEquals(format, AudioFileFormat.sniff(fixture(name)));
    }

    @ParameterizedTest
    @CsvSource({
            "tone-22k-mpeg2-mono.mp3, song.wav, MP3",
            "tone-22k.ogg, song.flac, OGG_VORBIS",
            "tone-8k-pcm24.flac, song.mp3, FLAC",
            "stereo-8k-pcm16.wav, song.ogg, WAV",
            "tone-22k-mpeg2-mono.mp3, no-extension, MP3",
    })
    void decidesByContentNotByExtension(String fixture, String misleadingName, AudioFileFormat format)
            throws IOException {
        assertEquals(format, AudioFileFormat.sniff(AudioFixtures.copy(fixture, dir, misleadingName)));
    }

    @Test
    void recognisesMp3BehindAnId3v2TagAndItsPadding() throws IOException {
        Path file = AudioFixtures.write(dir, "tagged.mp3",
                concat(AudioFixtures.id3v2Tag(5000), new byte[700], AudioFixtures.bytes(AudioFixtures.MPEG2_MONO_MP3)));

        assertEquals(AudioFileFormat.MP3, AudioFileFormat.sniff(file));
    }

    @Test
    void recognisesFlacBehindAnId3v2Tag() throws IOException {
        Path file = AudioFixtures.write(dir, "tagged.flac",
                concat(AudioFixtures.id3v2Tag(100), AudioFixtures.bytes(AudioFixtures.STEREO_FLAC)));

        assertEquals(AudioFileFormat.FLAC, AudioFileFormat.sniff(file));
    }

    @Test
    void reportsAiffAsUnsupported() throws IOException {
        Path file = AudioFixtures.write(dir, "song.aiff", concat(ascii("FORM"), new byte[] {0, 0, 1, 0},
                ascii("AIFFCOMM"), new byte[64]));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "unsupported format: AIFF");
    }

    @Test
    void reportsM4aAsUnsupported() throws IOException {
        Path file = AudioFixtures.write(dir, "song.m4a", concat(new byte[] {0, 0, 0, 0x20}, ascii("ftypM4A "),
                new byte[64]));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "unsupported format: MP4/M4A");
    }

    @Test
    void reportsOggOpusAsUnsupported() throws IOException {
        Path file = AudioFixtures.write(dir, "song.ogg", oggFirstPage(concat(ascii("OpusHead"), new byte[11])));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "unsupported format: Ogg Opus");
    }

    @Test
    void reportsFlacInOggAsUnsupported() throws IOException {
        Path file = AudioFixtures.write(dir, "song.oga", oggFirstPage(concat(ascii("\u007fFLAC"), new byte[46])));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "unsupported format: Ogg FLAC");
    }

    @Test
    void reportsADamagedFirstOggPageAsCorruptRatherThanAnUnknownCodec() throws IOException {
        byte[] ogg = AudioFixtures.bytes(AudioFixtures.VORBIS_OGG);
        ogg[30] ^= 0x10; // inside "vorbis" of the identification header
        Path file = AudioFixtures.write(dir, "damaged.ogg", ogg);

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "corrupt", "first Ogg page is damaged");
    }

    @Test
    void reportsMpegLayerIIAsUnsupported() throws IOException {
        // MPEG-1 layer II, 128 kbit/s, 44.1 kHz
        Path file = AudioFixtures.write(dir, "song.mp2", concat(new byte[] {(byte) 0xFF, (byte) 0xFD, (byte) 0x90, 0x44},
                new byte[400]));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "unsupported format: MPEG-1 layer II (MP2)");
    }

    @Test
    void reportsAdtsAacAsUnsupported() throws IOException {
        Path file = AudioFixtures.write(dir, "song.aac", concat(new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80},
                new byte[400]));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "unsupported format: AAC (ADTS)");
    }

    @Test
    void reportsRiffThatIsNotWaveAsUnsupported() throws IOException {
        Path file = AudioFixtures.write(dir, "clip.avi", concat(ascii("RIFF"), new byte[4], ascii("AVI LIST"),
                new byte[64]));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "unsupported format: RIFF AVI (not WAVE)");
    }

    @Test
    void rejectsATextFileShowingItsFirstBytes() throws IOException {
        Path file = AudioFixtures.write(dir, "notes.mp3", ascii("Hello, world! This is not audio.\n"));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file),
                "not a supported audio file (expected WAV, MP3, Ogg Vorbis or FLAC); it starts with bytes "
                        + "48 65 6c 6c 6f 2c 20 77 6f 72 6c 64 (\"Hello, world\")");
    }

    @Test
    void rejectsAnId3TagFollowedByNoKnownAudio() throws IOException {
        Path file = AudioFixtures.write(dir, "odd.mp3", concat(AudioFixtures.id3v2Tag(10), ascii("garbage!")));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "not a supported audio file",
                "after its ID3 tag it has bytes 67 61 72");
    }

    @Test
    void rejectsAMissingFile() {
        Path file = dir.resolve("missing.flac");

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "file not found");
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.mp3"));

        assertDecodeFails(file, () -> AudioFileFormat.sniff(file), "empty file (0 bytes)");
    }

    /** A valid first page of an Ogg stream carrying one packet. */
    private static byte[] oggFirstPage(byte[] packet) {
        byte[] header = concat(ascii("OggS"), new byte[] {0, 2}, new byte[8], new byte[] {1, 0, 0, 0},
                new byte[4], new byte[4], new byte[] {1, (byte) packet.length});
        byte[] page = concat(header, packet);
        int crc = oggCrc(page);
        for (int i = 0; i < 4; i++) {
            page[22 + i] = (byte) (crc >>> (8 * i));
        }
        return page;
    }

    /** The Ogg page checksum: CRC-32, polynomial 0x04C11DB7, unreflected, over the page with a zero CRC field. */
    private static int oggCrc(byte[] page) {
        int crc = 0;
        for (byte b : page) {
            crc ^= (b & 0xFF) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = crc < 0 ? crc << 1 ^ 0x04C1_1DB7 : crc << 1;
            }
        }
        return crc;
    }
}
