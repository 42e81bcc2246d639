package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.function.Executable;

/**
 * The committed fixtures (see src/test/resources/audio/make-fixtures.sh), the closed-form signals they were
 * made from, and the measurements and file surgery the decoder tests share.
 */
final class AudioFixtures {

    static final String STEREO_WAV = "stereo-8k-pcm16.wav";
    static final String STEREO_FLAC = "stereo-8k-pcm16.flac";
    static final String TONE_PCM8_WAV = "tone-8k-pcm8.wav";
    static final String TONE_PCM24_WAV = "tone-8k-pcm24.wav";
    static final String TONE_PCM24_EXTENSIBLE_WAV = "tone-8k-pcm24-extensible.wav";
    static final String TONE_FLOAT32_WAV = "tone-8k-float32.wav";
    static final String TONE_PCM24_FLAC = "tone-8k-pcm24.flac";
    static final String MPEG1_STEREO_MP3 = "tone-chirp-44k-mpeg1-stereo.mp3";
    static final String MPEG2_MONO_MP3 = "tone-22k-mpeg2-mono.mp3";
    static final String VORBIS_OGG = "tone-22k.ogg";

    /** Frames in the 8 kHz fixtures (1.5 s) and the 2 s lossy ones. */
    static final int LOSSLESS_FRAMES = 12_000;
    static final double LOSSY_SECONDS = 2.0;
    /** RMS of a sine of amplitude 0.5. */
    static final double TONE_RMS = 0.5 / Math.sqrt(2);

    private AudioFixtures() {
    }

    static Path fixture(String name) {
        URL url = AudioFixtures.class.getResource("/audio/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the signals, exactly as make-fixtures.sh computes them ----

    static double tone(int n, int rate, double frequency, double amplitude) {
        return amplitude * StrictMath.sin(2 * Math.PI * frequency * n / rate);
    }

    static double tone(int n, int rate) {
        return tone(n, rate, 440.0, 0.5);
    }

    static double chirp(int n, int rate) {
        double t = (double) n / rate;
        return 0.5 * StrictMath.sin(2 * Math.PI * (200 * t + (4000 - 200) * t * t / (2 * 2.0)));
    }

    /** The script's integer quantisation: round half up to {@code bits}-bit two's complement. */
    static long quantise(double x, int bits) {
        return (long) Math.floor(x * Math.scalb(1.0, bits - 1) + 0.5);
    }

    /** The 440 Hz tone as a decoder must return it from a {@code bits}-bit integer file. */
    static float[] quantisedTone(int bits, int rate, int frames) {
        float[] out = new float[frames];
        for (int n = 0; n < frames; n++) {
            out[n] = (float) (quantise(tone(n, rate), bits) / Math.scalb(1.0, bits - 1));
        }
        return out;
    }

    /** The stereo fixture (440 Hz left, 660 Hz right) mixed to mono as MECOMP mixes, (L + R)·√2/2, after 16-bit quantisation. */
    static float[] quantisedStereoMix(int rate, int frames) {
        float[] out = new float[frames];
        for (int n = 0; n < frames; n++) {
            long left = quantise(tone(n, rate), 16);
            long right = quantise(tone(n, rate, 660, 0.25), 16);
            out[n] = (float) ((left + right) / 32768.0 * (float) (Math.sqrt(2) / 2));
        }
        return out;
    }

    // ---- measurements ----

    static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / x.length);
    }

    /** The strongest frequency between {@code fromHz} and {@code toHz}, to 0.5 Hz, by direct DFT. */
    static double dominantFrequency(float[] x, int rate, double fromHz, double toHz) {
        double coarse = strongest(x, rate, fromHz, toHz, 5.0);
        return strongest(x, rate, coarse - 5, coarse + 5, 0.5);
    }

    private static double strongest(float[] x, int rate, double fromHz, double toHz, double step) {
        double best = fromHz;
        double bestPower = -1;
        for (double f = fromHz; f <= toHz; f += step) {
            double power = goertzelPower(x, 2 * Math.PI * f / rate);
            if (power > bestPower) {
                bestPower = power;
                best = f;
            }
        }
        return best;
    }

    /** |DFT|^2 of the whole signal at angular frequency {@code w}, without a trigonometric call per sample. */
    private static double goertzelPower(float[] x, double w) {
        double coefficient = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (float v : x) {
            double s = v + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }

    /**
     * The shift of {@code decoded} against {@code reference} that lines them up best: a positive lag means
     * the decoded audio starts late. Compares one second of the reference from 0.25 s on.
     */
    static int alignmentLag(float[] decoded, double[] reference, int rate, int maxLag) {
        int from = rate / 4;
        int to = Math.min(from + rate, reference.length);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double score = 0;
            for (int n = from; n < to; n++) {
                int m = n + lag;
                if (m >= 0 && m < decoded.length) {
                    score += decoded[m] * reference[n];
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    /** Pearson correlation of the two signals sample by sample, over their common length. */
    static double correlation(float[] decoded, double[] reference) {
        int n = Math.min(decoded.length, reference.length);
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            xy += decoded[i] * reference[i];
            xx += decoded[i] * decoded[i];
            yy += reference[i] * reference[i];
        }
        return xy / Math.sqrt(xx * yy);
    }

    // ---- file surgery for the bad-input cases ----

    static Path copy(String fixture, Path dir, String name) throws IOException {
        return Files.copy(fixture(fixture), dir.resolve(name));
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static byte[] bytes(String fixture) throws IOException {
        return Files.readAllBytes(fixture(fixture));
    }

    /** The fixture cut to its first {@code length} bytes. */
    static Path cut(String fixture, Path dir, String name, int length) throws IOException {
        return write(dir, name, Arrays.copyOf(bytes(fixture), length));
    }

    /** The fixture with {@code length} bytes at {@code offset} replaced by seeded random garbage. */
    static Path damage(String fixture, Path dir, String name, int offset, int length) throws IOException {
        byte[] bytes = bytes(fixture);
        byte[] garbage = new byte[length];
        new Random(42).nextBytes(garbage);
        System.arraycopy(garbage, 0, bytes, offset, length);
        return write(dir, name, bytes);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** An ID3v2.3 tag holding a title frame and {@code padding} zero bytes, as taggers write it. */
    static byte[] id3v2Tag(int padding) {
        byte[] title = concat(ascii("TIT2"), new byte[] {0, 0, 0, 6, 0, 0, 0},
                ascii("Title"));
        int size = title.length + padding;
        byte[] header = {'I', 'D', '3', 3, 0, 0,
                (byte) (size >> 21 & 0x7F), (byte) (size >> 14 & 0x7F), (byte) (size >> 7 & 0x7F), (byte) (size & 0x7F)};
        return concat(header, title, new byte[padding]);
    }

    // ---- assertions ----

    /**
     * Asserts that decoding fails with an AudioDecodeException for {@code file} whose message names the file
     * and contains every one of {@code reasonWords}.
     */
    static AudioDecodeException assertDecodeFails(Path file, Executable decode, String... reasonWords) {
        AudioDecodeException e = assertThrows(AudioDecodeException.class, decode);
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.getFileName().toString()),
                () -> "message should name the file: " + e.getMessage());
        for (String words : reasonWords) {
            assertTrue(e.reason().contains(words), () -> "reason should contain '" + words + "': " + e.reason());
        }
        return e;
    }

    static void assertSamplesEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "sample count");
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                throw new AssertionError("sample " + i + ": expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }
}
