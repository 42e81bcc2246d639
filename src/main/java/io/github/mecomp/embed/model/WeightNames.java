package io.github.mecomp.embed.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Names and layouts of the model's arrays, as {@link EmbeddingModel#weights()} and the saved files give them.
 * The ONNX exporter maps them as follows (H = gruHidden, C = last conv channels, D = embeddingSize, M = bands):
 *
 * <table>
 *   <caption>arrays</caption>
 *   <tr><th>name</th><th>shape</th><th>meaning / ONNX</th></tr>
 *   <tr><td>{@code input_mean}, {@code input_std}</td><td>[M]</td>
 *       <td>input normalisation, {@code (x - mean) / std} per band (not trained)</td></tr>
 *   <tr><td>{@code conv<l>_w} (l = 1..L)</td><td>[3, 3, in, out] (kH, kW, in, out: "YXIO")</td>
 *       <td>ONNX Conv W is [out, in, kH, kW] = permute(3, 2, 0, 1); kH runs over frames, kW over bands;
 *       pads 1,1,1,1, strides firstConvStride (layer 1) or 1</td></tr>
 *   <tr><td>{@code conv<l>_b}</td><td>[out]</td><td>Conv B</td></tr>
 *   <tr><td>{@code gru_W}</td><td>[C, 3H], column blocks z | r | h</td>
 *       <td>ONNX GRU W[0] = transpose: [3H, C] with row blocks z, r, h (ONNX's own gate order)</td></tr>
 *   <tr><td>{@code gru_U}</td><td>[H, 3H], column blocks z | r | h</td><td>ONNX GRU R[0] = transpose</td></tr>
 *   <tr><td>{@code gru_b}</td><td>[3H], blocks z | r | h</td>
 *       <td>ONNX GRU B[0] = concat(gru_b, zeros(3H)) (Wb then Rb); linear_before_reset = 0</td></tr>
 *   <tr><td>{@code proj_w}</td><td>[H, D]; [H + C, D] with the window mean or sd, [H + 2C, D] with both</td>
 *       <td>embedding = L2(h_last · proj_w + proj_b), or L2([h_last, window mean, window sd] · proj_w + proj_b)
 *       with the statistics that are on</td></tr>
 *   <tr><td>{@code proj_b}</td><td>[D]</td><td></td></tr>
 * </table>
 */
public final class WeightNames {

    public static final String INPUT_MEAN = "input_mean";
    public static final String INPUT_STD = "input_std";
    public static final String GRU_W = "gru_W";
    public static final String GRU_U = "gru_U";
    public static final String GRU_B = "gru_b";
    public static final String PROJ_W = "proj_w";
    public static final String PROJ_B = "proj_b";

    private WeightNames() {
    }

    /** Kernel of convolution layer {@code layer}, counted from 1. */
    public static String convWeight(int layer) {
        return "conv" + layer + "_w";
    }

    /** Bias of convolution layer {@code layer}, counted from 1. */
    public static String convBias(int layer) {
        return "conv" + layer + "_b";
    }

    /** The trained arrays, in a fixed order (the order of initialisation and of {@link EmbeddingModel#weights()}). */
    public static List<String> trainable(ModelConfig config) {
        List<String> names = new ArrayList<>();
        for (int l = 1; l <= config.convChannels().size(); l++) {
            names.add(convWeight(l));
            names.add(convBias(l));
        }
        names.addAll(List.of(GRU_W, GRU_U, GRU_B, PROJ_W, PROJ_B));
        return List.copyOf(names);
    }

    /** The normalisation constants followed by the trained arrays. */
    public static List<String> all(ModelConfig config) {
        List<String> names = new ArrayList<>(List.of(INPUT_MEAN, INPUT_STD));
        names.addAll(trainable(config));
        return List.copyOf(names);
    }

    /** Shape of the named array under {@code config}. */
    public static long[] shape(ModelConfig config, String name) {
        int h = config.gruHidden();
        int c = config.windowFeatureSize();
        int d = config.embeddingSize();
        switch (name) {
            case INPUT_MEAN:
            case INPUT_STD:
                return new long[] {config.inputBands()};
            case GRU_W:
                return new long[] {c, 3L * h};
            case GRU_U:
                return new long[] {h, 3L * h};
            case GRU_B:
                return new long[] {3L * h};
            case PROJ_W:
                return new long[] {config.songVectorSize(), d};
            case PROJ_B:
                return new long[] {d};
            default:
                break;
        }
        List<Integer> channels = config.convChannels();
        for (int l = 1; l <= channels.size(); l++) {
            int in = l == 1 ? 1 : channels.get(l - 2);
            int out = channels.get(l - 1);
            if (name.equals(convWeight(l))) {
                return new long[] {ModelConfig.KERNEL, ModelConfig.KERNEL, in, out};
            }
            if (name.equals(convBias(l))) {
                return new long[] {out};
            }
        }
        throw new IllegalArgumentException("model: no array named " + name);
    }
}
