package io.github.mecomp.embed.audio;

import static io.github.mecomp.embed.TestAudio.amplitudeAt;
import static io.github.mecomp.embed.TestAudio.rms;
import static io.github.mecomp.embed.TestAudio.sine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    /** Skip the filter's start-up and tail, where the zero padding outside the signal shows. */
    private static final double EDGE_SECONDS = 0.1;

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 22050", "48000, 22050", "22050, 16000", "44100, 16000", "16000, 22050", "8000, 22050",
        "96000, 22050", "32000, 22050"})
    void keepsA1kHzToneAtItsFrequencyAndLevel(int from, int to) {
        float[] out = new Resampler(from, to).apply(sine(1000, 0.5, 2.0, from));
        assertEquals(Math.round(2.0 * to), out.length, 1, "output length follows the rate ratio");
        int edge = (int) (EDGE_SECONDS * to);
        double level = amplitudeAt(out, edge, out.length - edge, 1000, to);
        assertEquals(0.5, level, 0.5 * 0.001, "1 kHz level within 0.01 dB");
        // Everything else in the output is distortion or a shifted frequency: it must be tiny.
        double total = rms(out, edge, out.length - edge);
        double residual = Math.sqrt(Math.max(0, total * total - level * level / 2));
        assertTrue(residual < 0.5 * 1e-3, "residual " + residual + " should be 60 dB below the tone");
    }

    @ParameterizedTest(name = "{2} Hz tone, {0} Hz -> {1} Hz")
    @CsvSource({"44100, 22050, 11100", "44100, 22050, 12000", "44100, 22050, 18000", "48000, 22050, 15000",
        "22050, 16000, 8050", "22050, 16000, 10000", "44100, 16000, 9000"})
    void removesToneAboveNewNyquistByAtLeast60dB(int from, int to, double hz) {
        assertTrue(hz > to / 2.0);
        float[] out = new Resampler(from, to).apply(sine(hz, 0.5, 2.0, from));
        int edge = (int) (EDGE_SECONDS * to);
        double level = rms(out, edge, out.length - edge) * Math.sqrt(2);
        double db = 20 * Math.log10(level / 0.5);
        assertTrue(db <= -60, "a " + hz + " Hz tone came out at " + db + " dB; at most -60 dB expected");
    }

    @ParameterizedTest
    @CsvSource({"44100, 22050", "22050, 16000"})
    void keepsToneJustBelowPassbandEdge(int from, int to) {
        double hz = 0.85 * to / 2; // inside the flat passband
        float[] out = new Resampler(from, to).apply(sine(hz, 0.5, 2.0, from));
        int edge = (int) (EDGE_SECONDS * to);
        assertEquals(0.5, amplitudeAt(out, edge, out.length - edge, hz, to), 0.5 * 0.01);
    }

    @org.junit.jupiter.api.Test
    void sameRateIsACopy() {
        float[] in = sine(440, 0.3, 0.1, 22050);
        float[] out = new Resampler(22050, 22050).apply(in);
        org.junit.jupiter.api.Assertions.assertArrayEquals(in, out);
    }

    @org.junit.jupiter.api.Test
    void refusesAudioAtAnotherRate() {
        Resampler r = new Resampler(44100, 22050);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.apply(new PcmAudio(new float[10], 48000)));
        assertTrue(e.getMessage().contains("48000"));
    }
}
