package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.model.WindowSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming path gives what the whole-song path gives, bit for bit, in memory bounded by the windows. */
class StreamingFrontEndTest {

    @TempDir
    Path dir;

    /** Collects what a stream hands on, cut into pieces of any size. */
    static final class Collect implements SampleSink {
        float[] samples = new float[0];
        int length;
        int rate;
        long declared;
        boolean ended;

        @Override
        public void begin(int sampleRate, long declaredLength) {
            rate = sampleRate;
            declared = declaredLength;
        }

        @Override
        public void accept(float[] in, int from, int to) {
            if (length + (to - from) > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(2 * samples.length, length + to - from));
            }
            System.arraycopy(in, from, samples, length, to - from);
            length += to - from;
        }

        @Override
        public void end() {
            ended = true;
        }

        float[] samples() {
            return Arrays.copyOf(samples, length);
        }
    }

    @ParameterizedTest
    @CsvSource({"44100, 22050", "48000, 22050", "8000, 22050", "22050, 22050", "11025, 16000"})
    void streamingResamplerGivesTheWholeInputsSamplesBitForBit(int from, int to) throws AudioDecodeException {
        Random random = new Random(from + to);
        float[] in = new float[from * 3 + 17];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (0.5 * Math.sin(i * 0.01) + 0.1 * random.nextGaussian());
        }
        Resampler resampler = new Resampler(from, to);
        Collect out = new Collect();
        SampleSink stream = resampler.streaming(out);
        stream.begin(from, in.length);
        for (int at = 0; at < in.length; ) { // pieces from one sample to several filter lengths
            int n = Math.min(in.length - at, 1 + random.nextInt(random.nextBoolean() ? 7 : 40_000));
            stream.accept(in, at, at + n);
            at += n;
        }
        stream.end();

        assertArrayEquals(resampler.apply(in), out.samples());
        assertEquals(resampler.outputLength(in.length), out.declared);
        assertEquals(to, out.rate);
    }

    @ParameterizedTest
    @ValueSource(strings = {AudioFixtures.STEREO_WAV, AudioFixtures.STEREO_FLAC, AudioFixtures.MPEG1_STEREO_MP3,
        AudioFixtures.MPEG2_MONO_MP3, AudioFixtures.VORBIS_OGG, AudioFixtures.TONE_FLOAT32_WAV})
    void streamedFileGivesTheSamplesOfTheWholeFile(String fixture) throws IOException {
        Path file = AudioFixtures.fixture(fixture);
        AudioLoader loader = new AudioLoader(22_050);
        Collect streamed = new Collect();
        loader.stream(file, streamed, true);

        assertArrayEquals(loader.load(file).samples(), streamed.samples());
        assertEquals(22_050, streamed.rate);
        assertEquals(true, streamed.ended);
    }

    @ParameterizedTest
    @CsvSource({
        AudioFixtures.VORBIS_OGG + ", 44100",         // the last page's granule position
        AudioFixtures.MPEG1_STEREO_MP3 + ", 88200",   // Info frame count less encoder delay and padding
        AudioFixtures.STEREO_FLAC + ", 12000",        // STREAMINFO
        AudioFixtures.STEREO_WAV + ", 12000"})        // data chunk size
    void containersDeclareTheLengthTheyDecodeTo(String fixture, long samples) throws IOException {
        Path file = AudioFixtures.fixture(fixture);
        Collect streamed = new Collect();
        MonoBuffer out = MonoBuffer.streaming(file, streamed);
        AudioDecoders.decode(file, out);
        out.finish();

        assertEquals(samples, streamed.declared);
        assertEquals(samples, streamed.length);
    }

    @Test
    void constantBitrateMp3WithoutInfoFrameDeclaresItsLengthByItsSize() throws IOException {
        byte[] mp3 = AudioFixtures.bytes(AudioFixtures.MPEG1_STEREO_MP3);
        int audioStart = Mp3DecoderTest.frameOffsets(mp3).get(1);
        Path file = AudioFixtures.write(dir, "no-info.mp3", Arrays.copyOfRange(mp3, audioStart, mp3.length));
        Collect streamed = new Collect();
        MonoBuffer out = MonoBuffer.streaming(file, streamed);
        AudioDecoders.decode(file, out);
        out.finish();

        assertEquals(streamed.length, streamed.declared);
    }

    @Test
    void streamingHoldsBackEnoughForTheMp3EndTrim() throws IOException {
        // the 2-second MP3 is shorter than the hold-back, so also check a stream that forwards before the trim
        Path file = AudioFixtures.fixture(AudioFixtures.MPEG1_STEREO_MP3);
        PcmAudio whole = new Mp3Decoder().decode(file);
        Collect streamed = new Collect();
        MonoBuffer out = MonoBuffer.streaming(file, streamed);
        new Mp3Decoder().decode(file, out);
        out.finish();

        assertArrayEquals(whole.samples(), streamed.samples());
    }

    @Test
    void longWavStreamsToTheSameWindowsAsTheWholeSongPath() throws IOException {
        // longer than the hold-back and at another rate, so that every stage really streams
        float[] song = TestAudio.sine(440, 0.5, 7.3, 44_100);
        for (int i = 0; i < song.length; i++) {
            song[i] += (float) (0.2 * Math.sin(i * 0.0007));
        }
        Path file = TestAudio.writeWav(dir.resolve("long.wav"), song, 44_100);
        FrontEnd frontEnd = new FrontEnd(FrontEndConfig.DEFAULT);

        float[][][] whole = frontEnd.logMel().windows(frontEnd.loader().load(file));
        float[][][] streamed = frontEnd.windows(file);

        assertEquals(7, streamed.length);
        for (int w = 0; w < whole.length; w++) {
            for (int f = 0; f < whole[w].length; f++) {
                assertArrayEquals(whole[w][f], streamed[w][f], "window " + w + " frame " + f);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        AudioFixtures.MPEG1_STEREO_MP3 + ", 1000, 3", // declared length (Info header): one pass
        AudioFixtures.VORBIS_OGG + ", 1000, 3",       // the last page's granule position
        AudioFixtures.STEREO_FLAC + ", 700, 5",
        AudioFixtures.STEREO_WAV + ", 4000, 30",      // W <= K: every window
        AudioFixtures.STEREO_WAV + ", 100000, 3",     // shorter than one window: the whole song
        AudioFixtures.VORBIS_OGG + ", 1000, 1"})      // K = 1: the middle window
    void selectedWindowsAreTheWholeSongsSelectedWindows(String fixture, int windowSamples, int k) throws IOException {
        Path file = AudioFixtures.fixture(fixture);
        AudioLoader loader = new AudioLoader(22_050);
        float[] whole = loader.load(file).samples();

        float[] selected = SelectedWindows.samples(loader, file, windowSamples, w -> WindowSelection.indices(w, k));

        float[] expected;
        if (whole.length < windowSamples) {
            expected = whole;
        } else {
            int[] picked = WindowSelection.indices(whole.length / windowSamples, k);
            expected = new float[picked.length * windowSamples];
            for (int i = 0; i < picked.length; i++) {
                System.arraycopy(whole, picked[i] * windowSamples, expected, i * windowSamples, windowSamples);
            }
        }
        assertArrayEquals(expected, selected);
    }

    @Test
    void selectedWindowsOfASongLongerThanItsHeaderSays() throws IOException {
        // a WAV whose data chunk is followed by more audio than... cannot be; instead a declared length that is
        // wrong: two MP3s joined after encoding keep the first one's Info header
        byte[] mp3 = AudioFixtures.bytes(AudioFixtures.MPEG1_STEREO_MP3);
        Path joined = AudioFixtures.write(dir, "joined.mp3", AudioFixtures.concat(mp3, mp3));
        AudioLoader loader = new AudioLoader(22_050);
        float[] whole = loader.load(joined).samples();

        float[] selected = SelectedWindows.samples(loader, joined, 2000, w -> WindowSelection.indices(w, 4));

        int[] picked = WindowSelection.indices(whole.length / 2000, 4);
        assertNotEquals(picked[3], WindowSelection.indices(44_100 / 2000, 4)[3], "the header's length must mislead");
        for (int i = 0; i < picked.length; i++) {
            assertArrayEquals(Arrays.copyOfRange(whole, picked[i] * 2000, picked[i] * 2000 + 2000),
                    Arrays.copyOfRange(selected, i * 2000, i * 2000 + 2000), "window " + picked[i]);
        }
    }
}
