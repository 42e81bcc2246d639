package io.github.mecomp.embed.audio;

import static io.github.mecomp.embed.audio.AudioFixtures.LOSSLESS_FRAMES;
import static io.github.mecomp.embed.audio.AudioFixtures.assertDecodeFails;
import static io.github.mecomp.embed.audio.AudioFixtures.assertSamplesEqual;
import static io.github.mecomp.embed.audio.AudioFixtures.fixture;
import static io.github.mecomp.embed.audio.AudioFixtures.quantisedTone;
import static io.github.mecomp.embed.audio.WavBytes.IEEE_FLOAT;
import static io.github.mecomp.embed.audio.WavBytes.PCM;
import static io.github.mecomp.embed.audio.WavBytes.chunk;
import static io.github.mecomp.embed.audio.WavBytes.data;
import static io.github.mecomp.embed.audio.WavBytes.fmt;
import static io.github.mecomp.embed.audio.WavBytes.riff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavDecoderTest {

    private final WavDecoder decoder = new WavDecoder();

    @TempDir
    Path dir;

    @Test
    void decodes16BitStereoWavExactlyToMecompsMixOfItsChannels() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.STEREO_WAV));

        assertEquals(8000, audio.sampleRate());
        assertSamplesEqual(AudioFixtures.quantisedStereoMix(8000, LOSSLESS_FRAMES), audio.samples());
    }

    @Test
    void mixesAStereoFrameAsMecompDoesToTheSumOfItsChannelsTimesHalfRootTwo() throws IOException {
        Path file = AudioFixtures.write(dir, "left-right.wav", riff(fmt(PCM, 2, 44_100, 16),
                data(WavBytes.int16Samples(16384, 8192, -16384, 16384, 32767, 32767))));

        float gain = 0.70710677f; // MECOMP's f32 SQRT_2 / 2
        assertArrayEquals(new float[] {0.75f * gain, 0f, 2 * (32767 / 32768f) * gain}, decoder.decode(file).samples());
    }

    @Test
    void averagesMoreThanTwoChannelsAsMecompDoes() throws IOException {
        Path file = AudioFixtures.write(dir, "three.wav", riff(fmt(PCM, 3, 8000, 16),
                data(WavBytes.int16Samples(16384, 8192, -8192, 3 * 4096, 0, 0))));

        assertArrayEquals(new float[] {0.25f / 1.5f, 0.125f}, decoder.decode(file).samples(), 1e-7f);
    }

    @Test
    void clampsAFloatStereoMixAtRootTwoWhereFullScaleChannelsInPhaseLand() throws IOException {
        Path file = AudioFixtures.write(dir, "loud.wav", riff(fmt(IEEE_FLOAT, 2, 8000, 32),
                data(WavBytes.float32Samples(1f, 1f, 3f, 3f, -1f, Float.NaN))));

        float peak = 2 * 0.70710677f;
        assertArrayEquals(new float[] {peak, peak, 0f}, decoder.decode(file).samples());
    }

    @Test
    void decodes24BitWavBitExactly() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.TONE_PCM24_WAV));

        assertEquals(8000, audio.sampleRate());
        assertSamplesEqual(quantisedTone(24, 8000, LOSSLESS_FRAMES), audio.samples());
    }

    @Test
    void decodesWaveFormatExtensibleBitExactly() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.TONE_PCM24_EXTENSIBLE_WAV));

        assertSamplesEqual(quantisedTone(24, 8000, LOSSLESS_FRAMES), audio.samples());
    }

    @Test
    void decodes8BitUnsignedWavBitExactly() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.TONE_PCM8_WAV));

        assertSamplesEqual(quantisedTone(8, 8000, LOSSLESS_FRAMES), audio.samples());
    }

    @Test
    void decodesFloat32WavExactlyAndSkipsItsFactChunk() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.TONE_FLOAT32_WAV));

        // the fixture stores the 24-bit tone as floats, which float32 holds exactly
        assertSamplesEqual(quantisedTone(24, 8000, LOSSLESS_FRAMES), audio.samples());
    }

    @Test
    void toneFixtureDecodesTo440HzAtTheSineLevel() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.TONE_PCM24_WAV));

        assertEquals(1.5, audio.durationSeconds(), 1e-9);
        assertEquals(440.0, AudioFixtures.dominantFrequency(audio.samples(), 8000, 100, 3000), 1.0);
        assertEquals(AudioFixtures.TONE_RMS, AudioFixtures.rms(audio.samples()), 1e-3);
    }

    @Test
    void decodes32BitIntegerWav() throws IOException {
        Path file = AudioFixtures.write(dir, "int32.wav", riff(fmt(PCM, 1, 16_000, 32),
                data(WavBytes.int32Samples(0, 1 << 30, Integer.MIN_VALUE, -(1 << 29)))));

        PcmAudio audio = decoder.decode(file);

        assertEquals(16_000, audio.sampleRate());
        assertArrayEquals(new float[] {0f, 0.5f, -1f, -0.25f}, audio.samples());
    }

    @Test
    void decodesFloat64WavClampingOverRangeAndNanSamples() throws IOException {
        Path file = AudioFixtures.write(dir, "float64.wav", riff(fmt(IEEE_FLOAT, 1, 44_100, 64),
                data(WavBytes.float64Samples(0.25, -0.75, 1.5, -2.0, Double.NaN))));

        assertArrayEquals(new float[] {0.25f, -0.75f, 1f, -1f, 0f}, decoder.decode(file).samples());
    }

    @Test
    void decodesExtensibleFloatStereo() throws IOException {
        Path file = AudioFixtures.write(dir, "ext-float.wav", riff(WavBytes.extensibleFmt(IEEE_FLOAT, 2, 48_000, 32),
                data(WavBytes.float32Samples(0.5f, 0.25f, -1f, 0f))));

        PcmAudio audio = decoder.decode(file);

        assertEquals(48_000, audio.sampleRate());
        float gain = (float) (Math.sqrt(2) / 2);
        assertArrayEquals(new float[] {0.75f * gain, -gain}, audio.samples(), 1e-7f);
    }

    @Test
    void skipsUnknownChunksIncludingThePadByteOfOddSizedOnes() throws IOException {
        Path file = AudioFixtures.write(dir, "chunks.wav", riff(
                chunk("JUNK", new byte[] {1, 2, 3}),
                fmt(PCM, 1, 8000, 16),
                chunk("LIST", WavBytes.ascii("INFOISFT\u0005\0\0\0sox!")),
                data(WavBytes.int16Samples(16384, -8192)),
                chunk("id3 ", new byte[] {9})));

        assertArrayEquals(new float[] {0.5f, -0.25f}, decoder.decode(file).samples());
    }

    @Test
    void readsToTheEndOfTheFileWhenTheDataSizeIsUnknown() throws IOException {
        byte[] streamed = riff(fmt(PCM, 1, 8000, 16), WavBytes.concat(WavBytes.ascii("data"),
                WavBytes.le32(0xFFFF_FFFFL), WavBytes.int16Samples(8192, 8192, -8192)));
        Path file = AudioFixtures.write(dir, "streamed.wav", streamed);

        assertArrayEquals(new float[] {0.25f, 0.25f, -0.25f}, decoder.decode(file).samples());
    }

    @Test
    void ignoresAPartialFrameAtTheEndOfTheData() throws IOException {
        byte[] samples = WavBytes.concat(WavBytes.int16Samples(16384, 16384, -16384, -16384), new byte[] {1, 2});
        Path file = AudioFixtures.write(dir, "partial.wav", riff(fmt(PCM, 2, 8000, 16), data(samples)));

        assertArrayEquals(new float[] {1f * MonoBuffer.mixGain(2), -1f * MonoBuffer.mixGain(2)}, decoder.decode(file).samples());
    }

    @Test
    void rejectsWavWhoseDataChunkIsLongerThanTheFile() throws IOException {
        Path file = AudioFixtures.cut(AudioFixtures.STEREO_WAV, dir, "cut.wav", 20_000);

        assertDecodeFails(file, () -> decoder.decode(file), "truncated", "data chunk declares 48000 bytes",
                "only 19956 follow");
    }

    @Test
    void rejectsWavCutInsideItsHeader() throws IOException {
        Path file = AudioFixtures.cut(AudioFixtures.STEREO_WAV, dir, "header.wav", 30);

        assertDecodeFails(file, () -> decoder.decode(file), "truncated", "ends inside");
    }

    @Test
    void rejectsWavWithZeroChannelsAsCorrupt() throws IOException {
        Path file = AudioFixtures.write(dir, "zero-channels.wav",
                riff(fmt(PCM, 0, 8000, 16), data(WavBytes.int16Samples(1, 2))));

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "0 channels");
    }

    @Test
    void rejectsWavWithDataBeforeFmtAsCorrupt() throws IOException {
        Path file = AudioFixtures.write(dir, "data-first.wav",
                riff(data(WavBytes.int16Samples(1, 2)), fmt(PCM, 1, 8000, 16)));

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "data chunk comes before any fmt chunk");
    }

    @Test
    void rejectsWavWithoutDataChunkAsCorrupt() throws IOException {
        Path file = AudioFixtures.write(dir, "no-data.wav", riff(fmt(PCM, 1, 8000, 16)));

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "no data chunk");
    }

    @Test
    void rejectsAdpcmWavAsUnsupported() throws IOException {
        Path file = AudioFixtures.write(dir, "adpcm.wav",
                riff(fmt(WavBytes.MS_ADPCM, 1, 8000, 4), data(new byte[64])));

        assertDecodeFails(file, () -> decoder.decode(file), "unsupported format", "MS ADPCM");
    }

    @Test
    void rejectsWavWithEmptyDataChunkAsHavingNoSamples() throws IOException {
        Path file = AudioFixtures.write(dir, "silent.wav", riff(fmt(PCM, 1, 8000, 16), data(new byte[0])));

        assertDecodeFails(file, () -> decoder.decode(file), "no audio", "zero samples decoded");
    }

    @Test
    void rejectsAFileThatIsNotRiffWave() throws IOException {
        Path file = AudioFixtures.copy(AudioFixtures.VORBIS_OGG, dir, "actually-ogg.wav");

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "not a RIFF WAVE header");
    }

    @Test
    void rejectsEmptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.wav"));

        assertDecodeFails(file, () -> decoder.decode(file), "empty file (0 bytes)");
    }
}
