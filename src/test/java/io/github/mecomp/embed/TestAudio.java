package io.github.mecomp.embed;

import io.github.mecomp.embed.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Synthesised audio for tests, so that no test depends on music files outside the repository. */
public final class TestAudio {

    private TestAudio() {
    }

    /** A sine of {@code hz} at {@code amplitude}, {@code seconds} long. */
    public static float[] sine(double hz, double amplitude, double seconds, int rate) {
        int n = (int) Math.round(seconds * rate);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** Root-mean-square level of x[from..to). */
    public static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    /** Amplitude of the component at {@code hz} in x[from..to), by correlation with a sine and a cosine. */
    public static double amplitudeAt(float[] x, int from, int to, double hz, int rate) {
        double c = 0;
        double s = 0;
        for (int i = from; i < to; i++) {
            double ph = 2 * Math.PI * hz * i / rate;
            c += x[i] * Math.cos(ph);
            s += x[i] * Math.sin(ph);
        }
        return 2 * Math.hypot(c, s) / (to - from);
    }

    /** Writes mono 16-bit PCM WAV. */
    public static Path writeWav(Path file, float[] samples, int rate) throws IOException {
        WavWriter.write(file, samples, 0, samples.length, rate);
        return file;
    }
}
