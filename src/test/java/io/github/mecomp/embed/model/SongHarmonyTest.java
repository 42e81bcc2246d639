package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The song's harmony ({@link ModelConfig#songHarmony()}): the projection reads the harmony values of the windows'
 * mean chroma shares, normalised with the harmony channel's constants, and the shares reach nothing else.
 */
class SongHarmonyTest {

    /** 8 frames x (6 mel bands, crest, 12 shares, 6 harmony values), window mean, song harmony. */
    private static final ModelConfig CONFIG =
            new ModelConfig(8, 25, List.of(3, 2), 2, 4, 6, 3, 0, true, true, true, true, false, true, false);
    private static final int MEL = 6;
    private static final int SHARES = MEL + 1;
    private static final int HARMONY = SHARES + FrontEndConfig.CHROMA_BINS;

    /**
     * With a projection that copies the song's six harmony values and ignores the rest, the embedding is those
     * values, worked out here from {@link LogMelSpectrogram#harmony} of the mean shares: the graph reads the right
     * columns, averages over the windows, and normalises with the harmony channel's constants.
     */
    @Test
    void embeddingIsTheNormalisedHarmonyOfTheMeanShares() {
        Random random = new Random(4);
        float[][][][] songs = songs(random, 2, 3);
        try (EmbeddingModel model = model()) {
            INDArray projection = model.array(WeightNames.PROJ_W);
            projection.assign(0);
            int first = CONFIG.songVectorSize() - FrontEndConfig.HARMONY_VALUES;
            for (int k = 0; k < FrontEndConfig.HARMONY_VALUES; k++) {
                projection.putScalar(first + k, k, 1.0);
            }
            model.array(WeightNames.PROJ_B).assign(0);
            float[] mean = model.inputMean();
            float[] std = model.inputStd();
            float[][] embeddings = model.embed(songs);
            for (int s = 0; s < songs.length; s++) {
                float[] shares = new float[FrontEndConfig.CHROMA_BINS];
                for (float[][] window : songs[s]) {
                    for (int c = 0; c < shares.length; c++) {
                        shares[c] += window[0][SHARES + c] / songs[s].length;
                    }
                }
                float[] harmony = LogMelSpectrogram.harmony(shares);
                double[] expected = new double[FrontEndConfig.HARMONY_VALUES];
                double norm = 0;
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = (harmony[k] - mean[HARMONY + k]) / std[HARMONY + k];
                    norm += expected[k] * expected[k];
                }
                for (int k = 0; k < expected.length; k++) {
                    expected[k] /= Math.sqrt(norm);
                }
                for (int k = 0; k < expected.length; k++) {
                    assertTrue(Math.abs(expected[k] - embeddings[s][k]) < 1e-5,
                            "song " + s + " value " + k + ": " + embeddings[s][k] + ", expected " + expected[k]);
                }
            }
        }
    }

    /**
     * The shares of every window a semitone up: the song's harmony is the same, and the shares feed nothing else,
     * so the embedding is too. Other shares with the same mel bands move it: they are read.
     */
    @Test
    void sharesReachTheEmbeddingOnlyThroughTheSongsHarmony() {
        float[][][][] songs = songs(new Random(5), 2, 3);
        float[][][][] transposed = copy(songs);
        float[][][][] other = copy(songs);
        for (int s = 0; s < songs.length; s++) {
            for (int w = 0; w < songs[s].length; w++) {
                for (int f = 0; f < CONFIG.inputFrames(); f++) {
                    for (int c = 0; c < FrontEndConfig.CHROMA_BINS; c++) {
                        transposed[s][w][f][SHARES + (c + 1) % FrontEndConfig.CHROMA_BINS] = songs[s][w][f][SHARES + c];
                    }
                    other[s][w][f][SHARES] += 0.3f;
                }
            }
        }
        try (EmbeddingModel model = model()) {
            float[][] base = model.embed(songs);
            float[][] moved = model.embed(transposed);
            float[][] changed = model.embed(other);
            for (int s = 0; s < songs.length; s++) {
                assertArrayEquals(base[s], moved[s], 1e-5f, "song " + s + " a semitone up");
                double difference = 0;
                for (int j = 0; j < base[s].length; j++) {
                    difference = Math.max(difference, Math.abs(base[s][j] - changed[s][j]));
                }
                assertTrue(difference > 1e-3, "song " + s + ": other shares moved the embedding by " + difference);
            }
        }
    }

    private static EmbeddingModel model() {
        EmbeddingModel model = ModelTestData.randomised(CONFIG, ConvLayout.DEFAULT);
        float[] mean = model.inputMean();
        float[] std = model.inputStd();
        for (int k = 0; k < FrontEndConfig.HARMONY_VALUES; k++) { // magnitudes of mixed profiles lie near 0.1-0.3
            mean[HARMONY + k] = 0.2f + 0.01f * k;
            std[HARMONY + k] = 0.1f + 0.02f * k;
        }
        model.setInputNormalisation(mean, std);
        return model;
    }

    /**
     * Songs of random mel bands and side values, each window's shares (positive, summing to 1) the same in every
     * frame, as the front-end writes them.
     */
    private static float[][][][] songs(Random random, int count, int windows) {
        float[][][][] songs = ModelTestData.gaussian(random, count, windows, CONFIG);
        for (float[][][] song : songs) {
            for (float[][] window : song) {
                float[] shares = new float[FrontEndConfig.CHROMA_BINS];
                float total = 0;
                for (int c = 0; c < shares.length; c++) {
                    shares[c] = (float) Math.pow(random.nextDouble(), 3);
                    total += shares[c];
                }
                for (float[] frame : window) {
                    for (int c = 0; c < shares.length; c++) {
                        frame[SHARES + c] = shares[c] / total;
                    }
                }
            }
        }
        return songs;
    }

    private static float[][][][] copy(float[][][][] songs) {
        float[][][][] out = new float[songs.length][][][];
        for (int s = 0; s < songs.length; s++) {
            out[s] = new float[songs[s].length][][];
            for (int w = 0; w < songs[s].length; w++) {
                out[s][w] = new float[songs[s][w].length][];
                for (int f = 0; f < songs[s][w].length; f++) {
                    out[s][w][f] = songs[s][w][f].clone();
                }
            }
        }
        return out;
    }
}
