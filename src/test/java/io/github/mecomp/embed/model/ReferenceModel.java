package io.github.mecomp.embed.model;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network written out in plain Java, loop by loop, from the layer description in {@link ModelConfig} and
 * the layouts in {@link WeightNames}: what the SameDiff graph (and later the ONNX graph) must compute.
 */
final class ReferenceModel {

    private final ModelConfig config;
    private final Map<String, INDArray> weights;

    ReferenceModel(ModelConfig config, Map<String, INDArray> weights) {
        this.config = config;
        this.weights = weights;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Unit-length embedding of one song [window][frame][band]. */
    double[] embed(float[][][] song) {
        double[][] sequence = new double[song.length][];
        for (int w = 0; w < song.length; w++) {
            sequence[w] = windowFeatures(song[w]);
        }
        double[] h = gru(sequence, flat(WeightNames.GRU_W), flat(WeightNames.GRU_U), flat(WeightNames.GRU_B),
                config.windowFeatureSize(), config.gruHidden());
        int c = config.windowFeatureSize();
        double[] windowMean = new double[c];
        for (double[] window : sequence) {
            for (int i = 0; i < c; i++) {
                windowMean[i] += window[i] / sequence.length;
            }
        }
        if (config.windowMean()) {
            h = concat(h, windowMean);
        }
        if (config.windowSd()) {
            double[] sd = new double[c];
            for (int i = 0; i < c; i++) {
                double sum = 0;
                for (double[] window : sequence) {
                    sum += (window[i] - windowMean[i]) * (window[i] - windowMean[i]);
                }
                sd[i] = Math.sqrt(sum / sequence.length + ModelConfig.WINDOW_SD_EPSILON);
            }
            h = concat(h, sd);
        }
        int hidden = config.songVectorSize();
        int d = config.embeddingSize();
        double[] pw = flat(WeightNames.PROJ_W);
        double[] pb = flat(WeightNames.PROJ_B);
        double[] e = new double[d];
        double sq = 0;
        for (int j = 0; j < d; j++) {
            double s = pb[j];
            for (int i = 0; i < hidden; i++) {
                s += h[i] * pw[i * d + j];
            }
            e[j] = s;
            sq += s * s;
        }
        double norm = Math.sqrt(sq + EmbeddingModel.L2_EPSILON);
        for (int j = 0; j < d; j++) {
            e[j] /= norm;
        }
        return e;
    }

    /** CNN of one window [frame][band] to its feature vector. */
    double[] windowFeatures(float[][] window) {
        int frames = config.inputFrames();
        int bands = config.inputBands();
        double[] mean = flat(WeightNames.INPUT_MEAN);
        double[] std = flat(WeightNames.INPUT_STD);
        double[][][] x = new double[1][frames][bands];
        for (int f = 0; f < frames; f++) {
            for (int m = 0; m < bands; m++) {
                x[0][f][m] = (window[f][m] - mean[m]) / std[m];
            }
        }
        List<Integer> channels = config.convChannels();
        for (int l = 1; l <= channels.size(); l++) {
            x = relu(conv(x, flat(WeightNames.convWeight(l)), flat(WeightNames.convBias(l)), channels.get(l - 1),
                    l == 1 ? config.firstConvStride() : 1));
            if (l < channels.size()) {
                x = maxPool(x);
            }
        }
        double[] out = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            double s = 0;
            for (double[] row : x[c]) {
                for (double v : row) {
                    s += v;
                }
            }
            out[c] = s / (x[c].length * x[c][0].length);
        }
        return out;
    }

    /** 3x3 convolution, zero padding 1, kernel [ky][kx][in][out]. */
    static double[][][] conv(double[][][] in, double[] w, double[] b, int outChannels, int stride) {
        int cin = in.length;
        int h = in[0].length;
        int wd = in[0][0].length;
        int oh = (h + 2 - 3) / stride + 1;
        int ow = (wd + 2 - 3) / stride + 1;
        double[][][] out = new double[outChannels][oh][ow];
        for (int co = 0; co < outChannels; co++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double s = b[co];
                    for (int ky = 0; ky < 3; ky++) {
                        int iy = y * stride + ky - 1;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < 3; kx++) {
                            int ix = x * stride + kx - 1;
                            if (ix < 0 || ix >= wd) {
                                continue;
                            }
                            for (int ci = 0; ci < cin; ci++) {
                                s += in[ci][iy][ix] * w[((ky * 3 + kx) * cin + ci) * outChannels + co];
                            }
                        }
                    }
                    out[co][y][x] = s;
                }
            }
        }
        return out;
    }

    static double[][][] relu(double[][][] x) {
        for (double[][] plane : x) {
            for (double[] row : plane) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.max(0, row[i]);
                }
            }
        }
        return x;
    }

    /** 2x2 max-pool, stride 2, no padding, trailing odd row/column dropped. */
    static double[][][] maxPool(double[][][] x) {
        int oh = x[0].length / 2;
        int ow = x[0][0].length / 2;
        double[][][] out = new double[x.length][oh][ow];
        for (int c = 0; c < x.length; c++) {
            for (int y = 0; y < oh; y++) {
                for (int i = 0; i < ow; i++) {
                    out[c][y][i] = Math.max(Math.max(x[c][2 * y][2 * i], x[c][2 * y][2 * i + 1]),
                            Math.max(x[c][2 * y + 1][2 * i], x[c][2 * y + 1][2 * i + 1]));
                }
            }
        }
        return out;
    }

    /**
     * GRU from h0 = 0, gates z, r, h in column blocks of w [in, 3H], u [H, 3H], b [3H];
     * h~ = tanh(x W_h + (r * h) U_h + b_h); h' = (1 - z) h~ + z h. Returns the last hidden state.
     */
    static double[] gru(double[][] sequence, double[] w, double[] u, double[] b, int inputSize, int hidden) {
        int g = 3 * hidden;
        double[] h = new double[hidden];
        for (double[] x : sequence) {
            double[] z = new double[hidden];
            double[] r = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double sz = b[j];
                double sr = b[hidden + j];
                for (int i = 0; i < inputSize; i++) {
                    sz += x[i] * w[i * g + j];
                    sr += x[i] * w[i * g + hidden + j];
                }
                for (int i = 0; i < hidden; i++) {
                    sz += h[i] * u[i * g + j];
                    sr += h[i] * u[i * g + hidden + j];
                }
                z[j] = 1 / (1 + Math.exp(-sz));
                r[j] = 1 / (1 + Math.exp(-sr));
            }
            double[] next = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                double s = b[2 * hidden + j];
                for (int i = 0; i < inputSize; i++) {
                    s += x[i] * w[i * g + 2 * hidden + j];
                }
                for (int i = 0; i < hidden; i++) {
                    s += r[i] * h[i] * u[i * g + 2 * hidden + j];
                }
                double candidate = Math.tanh(s);
                next[j] = (1 - z[j]) * candidate + z[j] * h[j];
            }
            h = next;
        }
        return h;
    }

    private double[] flat(String name) {
        INDArray a = weights.get(name);
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }
}
