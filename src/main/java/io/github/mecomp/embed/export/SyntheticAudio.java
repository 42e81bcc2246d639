package io.github.mecomp.embed.export;

import java.util.Random;

/**
 * Deterministic test signals for the golden fixtures and the parity checks: they need audio that exercises the
 * front-end (loud and quiet bins, broadband noise, silence, padding) without shipping any music. Every method
 * gives the same samples for the same arguments on every machine (only {@link Math#sin}, {@link Random} and
 * float arithmetic in a fixed order).
 */
public final class SyntheticAudio {

    private SyntheticAudio() {
    }

    /** A sine of {@code hz} at {@code amplitude}. */
    public static float[] tone(double hz, double amplitude, double seconds, int rate) {
        float[] x = new float[samples(seconds, rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    /** A logarithmic chirp from {@code f0} to {@code f1} Hz at amplitude 0.4 over white noise at 0.05 (seeded). */
    public static float[] chirpWithNoise(double f0, double f1, double seconds, int rate, long seed) {
        float[] x = new float[samples(seconds, rate)];
        Random random = new Random(seed);
        double ratio = Math.log(f1 / f0);
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            // phase of f0 * (f1/f0)^(t/T): integral 2 pi f0 T (e^(r t / T) - 1) / r
            double phase = 2 * Math.PI * f0 * seconds * (Math.exp(ratio * t / seconds) - 1) / ratio;
            x[i] = (float) (0.4 * Math.sin(phase) + 0.05 * (2 * random.nextDouble() - 1));
        }
        return x;
    }

    /**
     * Something like music: a chord progression (three notes, four harmonics each, attack and decay per chord),
     * a bass line, noise bursts on the beat like a hi-hat and kick, and a quiet noise floor; peaks near 0.8.
     */
    public static float[] music(double seconds, int rate, long seed) {
        float[] x = new float[samples(seconds, rate)];
        Random random = new Random(seed);
        double[][] chords = {{261.63, 329.63, 392.00}, {220.00, 261.63, 329.63}, {174.61, 220.00, 261.63},
            {196.00, 246.94, 293.66}};
        double beat = 0.25; // seconds: 120 bpm eighths
        double chordLength = 1.0;
        float[] noise = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            noise[i] = (float) (2 * random.nextDouble() - 1);
        }
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) rate;
            int c = (int) (t / chordLength) % chords.length;
            double inChord = t % chordLength;
            double envelope = Math.min(1, inChord / 0.02) * Math.exp(-2.5 * inChord);
            double v = 0;
            for (double f : chords[c]) {
                for (int h = 1; h <= 4; h++) {
                    v += Math.sin(2 * Math.PI * f * h * t) / (h * h);
                }
            }
            v *= 0.12 * envelope;
            double bass = 0.2 * Math.sin(2 * Math.PI * chords[c][0] / 2 * t) * Math.exp(-1.5 * inChord);
            double inBeat = t % beat;
            int beatIndex = (int) (t / beat);
            double hat = 0.15 * noise[i] * Math.exp(-inBeat / 0.015);
            double kick = beatIndex % 4 == 0
                    ? 0.4 * Math.sin(2 * Math.PI * 55 * inBeat * (1 + 2 * Math.exp(-inBeat / 0.03)))
                            * Math.exp(-inBeat / 0.08)
                    : 0;
            x[i] = (float) (v + bass + hat + kick + 0.003 * noise[(i * 7 + 13) % noise.length]);
        }
        return x;
    }

    private static int samples(double seconds, int rate) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("synthetic audio: duration must be >= 0 s, got " + seconds);
        }
        return (int) Math.round(seconds * rate);
    }
}
