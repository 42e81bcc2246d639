package io.github.mecomp.embed.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import io.github.mecomp.embed.model.WeightNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import onnx.Onnx;

/**
 * A model back from an ONNX file this tool exported: the network's weights from the graph's initialisers, its
 * {@link ModelConfig} and front-end from {@code metadata_props}, and those metadata as the provenance of a
 * re-export. With it a shipped model, whose training folder is gone, is exported again by a newer exporter (a
 * faster graph of the same network) and gets its fixtures written, with the Java model computing the numbers
 * the new file must reproduce. The inverse of {@link OnnxExporter}'s weight layouts (see {@link WeightNames}).
 */
public final class OnnxModelImport {

    /** The metadata key of the front-end as JSON; files exported before it existed describe it key by key. */
    static final String FRONT_END_CONFIG = "front_end_config";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxModelImport() {
    }

    /** Whether {@code path} names an ONNX file rather than a model folder. */
    public static boolean isOnnxFile(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".onnx");
    }

    /** The file's {@code metadata_props}, in the order it holds them. */
    public static Map<String, String> metadata(Onnx.ModelProto proto) {
        Map<String, String> meta = new LinkedHashMap<>();
        proto.getMetadataPropsList().forEach(p -> meta.put(p.getKey(), p.getValue()));
        return meta;
    }

    /**
     * Reads an exported file. The result's {@link ModelExport.Source#priorMetadata()} holds the file's metadata,
     * which a re-export keeps.
     *
     * @throws IOException if the file is not an ONNX model, or not one this tool exported (no {@code model_config},
     *                     or a weight missing or of the wrong size); the message names the file and what is wrong
     */
    public static ModelExport.Source load(Path file) throws IOException {
        Onnx.ModelProto proto;
        try {
            proto = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (org.nd4j.shade.protobuf.InvalidProtocolBufferException e) {
            throw new IOException(file + ": not an ONNX model (" + e.getMessage() + ")", e);
        }
        Map<String, String> meta = metadata(proto);
        String configJson = meta.get("model_config");
        if (configJson == null) {
            throw new IOException(file + ": no model_config in metadata_props; only files exported by mecomp-embed "
                    + "can be read back");
        }
        ModelConfig config;
        FrontEndConfig frontEnd;
        try {
            config = JSON.readValue(configJson, ModelConfig.class);
            frontEnd = frontEnd(meta);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        String mismatch = config.frontEndMismatch(frontEnd);
        if (mismatch != null) {
            throw new IOException(file + ": its metadata disagree: " + mismatch);
        }
        Map<String, Onnx.TensorProto> initialisers = new HashMap<>();
        proto.getGraph().getInitializerList().forEach(t -> initialisers.put(t.getName(), t));
        long seed = Long.parseLong(meta.getOrDefault("model_seed", "0"));
        EmbeddingModel model = new EmbeddingModel(config, seed);
        try {
            setWeights(model, config, name -> {
                Onnx.TensorProto t = initialisers.get(name);
                if (t == null) {
                    throw new IOException(file + ": no initialiser '" + name + "'; not a graph this tool exported");
                }
                return floats(file, t);
            });
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        return new ModelExport.Source(model, frontEnd, false, Optional.empty(), Map.copyOf(meta));
    }

    /** The front-end of an exported file: its JSON, or for older files the keys that describe it. */
    static FrontEndConfig frontEnd(Map<String, String> meta) throws IOException {
        String json = meta.get(FRONT_END_CONFIG);
        if (json != null) {
            return JSON.readValue(json, FrontEndConfig.class);
        }
        int chromaFrames = 0;
        String frames = meta.get("chroma_frames"); // "the chroma and harmony read frames [1, 5, 8] of each ..."
        if (frames != null) {
            int open = frames.indexOf('[');
            int close = frames.indexOf(']');
            if (open < 0 || close < open) {
                throw new IOException("metadata chroma_frames names no frames: " + frames);
            }
            chromaFrames = frames.substring(open + 1, close).split(",").length;
        }
        FrontEndConfig fe = new FrontEndConfig(integer(meta, "sample_rate"), number(meta, "window_seconds"),
                integer(meta, "frame_length"), integer(meta, "hop_length"), integer(meta, "mel_bands"),
                number(meta, "f_min"), number(meta, "f_max"), number(meta, "log_floor"),
                meta.containsKey("crest_channel"), meta.containsKey("chroma_channel"),
                meta.containsKey("harmony_channel"), chromaFrames, meta.containsKey("frame_harmony"),
                meta.containsKey("high_band_channel"));
        if (frames != null && !frames.contains(Arrays.toString(fe.chromaFrameIndices()))) {
            throw new IOException("metadata chroma_frames (" + frames + ") are not the frames "
                    + Arrays.toString(fe.chromaFrameIndices()) + " that " + chromaFrames + " frames a window give");
        }
        return fe;
    }

    private static int integer(Map<String, String> meta, String key) throws IOException {
        return (int) number(meta, key);
    }

    private static double number(Map<String, String> meta, String key) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw new IOException("metadata_props lack '" + key + "', which describes the front-end");
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IOException("metadata '" + key + "' is not a number: " + v, e);
        }
    }

    private interface Initialisers {
        float[] get(String name) throws IOException;
    }

    /** The exporter's layouts undone: see {@link WeightNames} and {@code OnnxExporter.network}. */
    private static void setWeights(EmbeddingModel model, ModelConfig config, Initialisers graph) throws IOException {
        int bands = config.melBands();
        int side = config.sideValues();
        float[] mean = graph.get(WeightNames.INPUT_MEAN);
        float[] std = graph.get(WeightNames.INPUT_STD);
        if (side > 0) {
            mean = concat(mean, graph.get("side_mean"));
            std = concat(std, graph.get("side_std"));
        }
        if (mean.length != bands + side || std.length != bands + side) {
            throw new IOException("the input normalisation has " + mean.length + " values, the model_config "
                    + (bands + side));
        }
        model.setInputNormalisation(mean, std);
        for (int l = 1; l <= config.convChannels().size(); l++) {
            long[] s = WeightNames.shape(config, WeightNames.convWeight(l)); // [kH, kW, in, out]
            int kh = (int) s[0];
            int kw = (int) s[1];
            int in = (int) s[2];
            int out = (int) s[3];
            float[] onnx = sized(graph.get(WeightNames.convWeight(l)), s, WeightNames.convWeight(l));
            float[] yxio = new float[onnx.length];
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int i = 0; i < in; i++) {
                        for (int o = 0; o < out; o++) {
                            yxio[((y * kw + x) * in + i) * out + o] = onnx[((o * in + i) * kh + y) * kw + x];
                        }
                    }
                }
            }
            model.assignWeight(WeightNames.convWeight(l), yxio);
            model.assignWeight(WeightNames.convBias(l), graph.get(WeightNames.convBias(l)));
        }
        int h = config.gruHidden();
        int c = config.windowFeatureSize();
        model.assignWeight(WeightNames.GRU_W, OnnxExporter.transpose(graph.get("gru_W"), 3 * h, c));
        model.assignWeight(WeightNames.GRU_U, OnnxExporter.transpose(graph.get("gru_R"), 3 * h, h));
        float[] biases = graph.get("gru_B");
        for (int i = 3 * h; i < biases.length; i++) {
            if (biases[i] != 0) {
                throw new IOException("gru_B has a recurrent bias (Rb), which this tool never exports");
            }
        }
        model.assignWeight(WeightNames.GRU_B, Arrays.copyOf(biases, 3 * h));
        model.assignWeight(WeightNames.PROJ_W, graph.get(WeightNames.PROJ_W));
        model.assignWeight(WeightNames.PROJ_B, graph.get(WeightNames.PROJ_B));
    }

    private static float[] sized(float[] values, long[] shape, String name) throws IOException {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (values.length != n) {
            throw new IOException(name + " has " + values.length + " values, the model_config gives " + n);
        }
        return values;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] floats(Path file, Onnx.TensorProto t) throws IOException {
        if (t.getDataType() != Onnx.TensorProto.DataType.FLOAT_VALUE) {
            throw new IOException(file + ": initialiser '" + t.getName() + "' is not float32");
        }
        if (!t.getRawData().isEmpty()) {
            float[] out = new float[t.getRawData().size() / 4];
            ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }
}
