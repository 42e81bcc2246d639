package io.github.mecomp.embed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
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
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * samples.length);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, b.array());
        return file;
    }
}
