package io.github.mecomp.embed.audio;

import static io.github.mecomp.embed.audio.AudioFixtures.assertDecodeFails;
import static io.github.mecomp.embed.audio.AudioFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AudioDecodersTest {

    private static final String[] FIXTURES = {
            AudioFixtures.STEREO_WAV, AudioFixtures.TONE_PCM8_WAV, AudioFixtures.TONE_PCM24_WAV,
            AudioFixtures.TONE_PCM24_EXTENSIBLE_WAV, AudioFixtures.TONE_FLOAT32_WAV, AudioFixtures.STEREO_FLAC,
            AudioFixtures.TONE_PCM24_FLAC, AudioFixtures.MPEG1_STEREO_MP3, AudioFixtures.MPEG2_MONO_MP3,
            AudioFixtures.VORBIS_OGG,
    };

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "stereo-8k-pcm16.wav, 8000, 12000",
            "tone-8k-float32.wav, 8000, 12000",
            "stereo-8k-pcm16.flac, 8000, 12000",
            "tone-chirp-44k-mpeg1-stereo.mp3, 44100, 88200",
            "tone-22k-mpeg2-mono.mp3, 22050, 44100",
            "tone-22k.ogg, 22050, 44100",
    })
    void decodesEachFormatToMonoAtItsNativeRate(String name, int rate, int samples) throws IOException {
        PcmAudio audio = AudioDecoders.decode(fixture(name));

        assertEquals(rate, audio.sampleRate());
        assertEquals(samples, audio.length());
    }

    @Test
    void dispatchesByContentEvenUnderAWrongExtension() throws IOException {
        Path file = AudioFixtures.copy(AudioFixtures.VORBIS_OGG, dir, "really-ogg.mp3");

        assertEquals(22_050, AudioDecoders.decode(file).sampleRate());
    }

    @Test
    void reportsANonAudioFileThroughTheFacade() throws IOException {
        Path file = AudioFixtures.write(dir, "cover.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0,
                0, 0x10, 'J', 'F', 'I', 'F', 0});

        assertDecodeFails(file, () -> AudioDecoders.decode(file), "not a supported audio file", "ff d8 ff e0");
    }

    @ParameterizedTest
    @EnumSource(AudioFileFormat.class)
    void everyDecoderReportsAMissingFile(AudioFileFormat format) {
        Path file = dir.resolve("gone." + format.name().toLowerCase());

        assertDecodeFails(file, () -> AudioDecoders.forFormat(format).decode(file), "file not found");
        assertDecodeFails(file, () -> AudioDecoders.decode(file), "file not found");
    }

    @ParameterizedTest
    @EnumSource(AudioFileFormat.class)
    void everyDecoderReportsAnEmptyFile(AudioFileFormat format) throws IOException {
        Path file = Files.createFile(dir.resolve("empty." + format.name().toLowerCase()));

        assertDecodeFails(file, () -> AudioDecoders.forFormat(format).decode(file), "empty file (0 bytes)");
    }

    @ParameterizedTest
    @EnumSource(AudioFileFormat.class)
    void everyDecoderReportsADirectoryAsUnreadable(AudioFileFormat format) throws IOException {
        Path file = Files.createDirectory(dir.resolve("album." + format.name().toLowerCase()));

        assertDecodeFails(file, () -> AudioDecoders.forFormat(format).decode(file), "unreadable", "directory");
    }

    @Test
    void reportsAFileWithoutReadPermissionAsUnreadable() throws IOException {
        Path file = AudioFixtures.copy(AudioFixtures.STEREO_WAV, dir, "locked.wav");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "permissions are not enforced for this user (root?)");

        assertDecodeFails(file, () -> AudioDecoders.decode(file), "unreadable", "permission denied");
    }

    @ParameterizedTest
    @EnumSource(AudioFileFormat.class)
    void everyDecoderRejectsTheOtherFormatsCleanly(AudioFileFormat format) throws IOException {
        AudioDecoder decoder = AudioDecoders.forFormat(format);
        for (String name : FIXTURES) {
            Path file = fixture(name);
            if (AudioFileFormat.sniff(file) != format) {
                assertDecodeFails(file, () -> decoder.decode(file));
            }
        }
    }

    /**
     * Random damage of every kind, on every fixture: the outcome may be audio or an AudioDecodeException,
     * but never a raw library exception and never a hang.
     */
    @Test
    void damagedFilesFailOnlyWithAudioDecodeExceptionAndNeverHang() throws IOException {
        Random random = new Random(2024);
        for (String name : FIXTURES) {
            byte[] original = AudioFixtures.bytes(name);
            for (int trial = 0; trial < 40; trial++) {
                byte[] damaged = damage(original, random);
                Path file = AudioFixtures.write(dir, "damaged-" + trial + "-" + name, damaged);
                String what = name + " damage #" + trial;
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> decodeExpectingOnlyCleanFailures(file, what));
                Files.delete(file);
            }
        }
    }

    private static void decodeExpectingOnlyCleanFailures(Path file, String what) {
        try {
            PcmAudio audio = AudioDecoders.decode(file);
            float peak = 2 * MonoBuffer.mixGain(2); // a stereo mix reaches √2, as in MECOMP
            for (float sample : audio.samples()) {
                assertTrue(sample >= -peak && sample <= peak, what + ": sample out of range: " + sample);
            }
        } catch (AudioDecodeException expected) {
            assertEquals(file, expected.file(), what);
        } catch (Throwable unexpected) {
            fail(what + " escaped as " + unexpected, unexpected);
        }
    }

    private static byte[] damage(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // a burst of garbage somewhere after the first bytes
                int length = 1 + random.nextInt(Math.min(600, bytes.length / 4));
                int offset = 4 + random.nextInt(bytes.length - length - 4);
                byte[] garbage = new byte[length];
                random.nextBytes(garbage);
                System.arraycopy(garbage, 0, bytes, offset, length);
            }
            case 1 -> { // scattered bit flips
                for (int i = 0; i < 1 + random.nextInt(20); i++) {
                    bytes[4 + random.nextInt(bytes.length - 4)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> { // cut anywhere
                bytes = Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1));
            }
            default -> { // a zeroed stretch, as from a bad sector
                int length = 1 + random.nextInt(Math.min(4096, bytes.length / 2));
                int offset = random.nextInt(bytes.length - length);
                Arrays.fill(bytes, offset, offset + length, (byte) 0);
            }
        }
        return bytes;
    }
}
