package io.github.mecomp.embed.audio;

import static io.github.mecomp.embed.audio.AudioFixtures.LOSSLESS_FRAMES;
import static io.github.mecomp.embed.audio.AudioFixtures.assertDecodeFails;
import static io.github.mecomp.embed.audio.AudioFixtures.assertSamplesEqual;
import static io.github.mecomp.embed.audio.AudioFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlacDecoderTest {

    private final FlacDecoder decoder = new FlacDecoder();

    @TempDir
    Path dir;

    @Test
    void decodes16BitStereoFlacExactlyToMecompsMixOfItsChannels() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.STEREO_FLAC));

        assertEquals(8000, audio.sampleRate());
        assertSamplesEqual(AudioFixtures.quantisedStereoMix(8000, LOSSLESS_FRAMES), audio.samples());
    }

    @Test
    void decodesFlacToTheSameSamplesAsTheWavItWasEncodedFrom() throws IOException {
        float[] fromWav = new WavDecoder().decode(fixture(AudioFixtures.STEREO_WAV)).samples();

        assertSamplesEqual(fromWav, decoder.decode(fixture(AudioFixtures.STEREO_FLAC)).samples());
    }

    @Test
    void decodes24BitFlacBitExactly() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.TONE_PCM24_FLAC));

        assertSamplesEqual(AudioFixtures.quantisedTone(24, 8000, LOSSLESS_FRAMES), audio.samples());
        assertEquals(440.0, AudioFixtures.dominantFrequency(audio.samples(), 8000, 100, 3000), 1.0);
        assertEquals(AudioFixtures.TONE_RMS, AudioFixtures.rms(audio.samples()), 1e-3);
    }

    @Test
    void decodesFlacBehindAnId3v2Tag() throws IOException {
        Path file = AudioFixtures.write(dir, "tagged.flac",
                AudioFixtures.concat(AudioFixtures.id3v2Tag(300), AudioFixtures.bytes(AudioFixtures.TONE_PCM24_FLAC)));

        assertSamplesEqual(AudioFixtures.quantisedTone(24, 8000, LOSSLESS_FRAMES), decoder.decode(file).samples());
    }

    @Test
    void rejectsTruncatedFlac() throws IOException {
        int length = (int) Files.size(fixture(AudioFixtures.TONE_PCM24_FLAC));
        Path file = AudioFixtures.cut(AudioFixtures.TONE_PCM24_FLAC, dir, "cut.flac", length * 2 / 3);

        assertDecodeFails(file, () -> decoder.decode(file), "truncated", "of the 12000 samples its STREAMINFO announces");
    }

    @Test
    void rejectsFlacCutInsideItsMetadata() throws IOException {
        Path file = AudioFixtures.cut(AudioFixtures.TONE_PCM24_FLAC, dir, "metadata.flac", 20);

        assertDecodeFails(file, () -> decoder.decode(file), "truncated", "metadata");
    }

    @Test
    void rejectsFlacWithGarbageInTheMiddleAsCorrupt() throws IOException {
        int length = (int) Files.size(fixture(AudioFixtures.TONE_PCM24_FLAC));
        Path file = AudioFixtures.damage(AudioFixtures.TONE_PCM24_FLAC, dir, "damaged.flac", length / 2, 200);

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "bad FLAC frame");
    }

    @Test
    void rejectsFlacWithoutAnyFramesAsHavingNoSamples() throws IOException {
        // STREAMINFO saying "length unknown" followed by no frames: a valid stream with nothing in it
        byte[] flac = AudioFixtures.bytes(AudioFixtures.TONE_PCM24_FLAC);
        byte[] header = Arrays.copyOf(flac, metadataEnd(flac));
        header[21] &= (byte) 0xF0;
        Arrays.fill(header, 22, 26, (byte) 0);
        Path file = AudioFixtures.write(dir, "no-frames.flac", header);

        assertDecodeFails(file, () -> decoder.decode(file), "no audio", "zero samples decoded");
    }

    @Test
    void rejectsAFileThatIsNotFlac() throws IOException {
        Path file = AudioFixtures.copy(AudioFixtures.STEREO_WAV, dir, "actually-wav.flac");

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "no fLaC marker");
    }

    /** Where the frames start: after "fLaC" and the metadata blocks up to the one flagged last. */
    static int metadataEnd(byte[] flac) {
        int at = 4;
        boolean last = false;
        while (!last) {
            last = (flac[at] & 0x80) != 0;
            at += 4 + ((flac[at + 1] & 0xFF) << 16 | (flac[at + 2] & 0xFF) << 8 | flac[at + 3] & 0xFF);
        }
        return at;
    }
}
