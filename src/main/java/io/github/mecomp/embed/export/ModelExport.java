package io.github.mecomp.embed.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.io.AtomicFiles;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import io.github.mecomp.embed.model.WindowSelection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import onnx.Onnx;

/**
 * From a model folder written by {@code train} to an ONNX file MECOMP loads: the model, the front-end it was
 * trained with (from the folder's {@code provenance.json}) and the provenance in {@code metadata_props}.
 */
public final class ModelExport {

    /** The provenance file {@code train} writes beside the model. */
    public static final String PROVENANCE = "provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A model to export: the front-end it was trained with and whether that came from its provenance; for a model
     * read back from an exported file ({@link OnnxModelImport}), that file's metadata, which a re-export keeps.
     */
    public record Source(EmbeddingModel model, FrontEndConfig frontEnd, boolean frontEndFromProvenance,
            Optional<JsonNode> provenance, Map<String, String> priorMetadata) implements AutoCloseable {

        public Source(EmbeddingModel model, FrontEndConfig frontEnd, boolean frontEndFromProvenance,
                Optional<JsonNode> provenance) {
            this(model, frontEnd, frontEndFromProvenance, provenance, Map.of());
        }

        /** Whether the model was read back from an exported file. */
        public boolean reexport() {
            return !priorMetadata.isEmpty();
        }

        @Override
        public void close() {
            model.close();
        }
    }

    private ModelExport() {
    }

    /**
     * Loads a model folder, or an ONNX file this tool exported ({@link OnnxModelImport}). A folder's front-end comes
     * from {@code provenance.json}'s {@code frontEnd}; without that file the defaults are used
     * ({@link Source#frontEndFromProvenance()} false: say so to the user).
     */
    public static Source load(Path modelDir) throws IOException {
        if (OnnxModelImport.isOnnxFile(modelDir)) {
            return OnnxModelImport.load(modelDir);
        }
        EmbeddingModel model = EmbeddingModel.load(modelDir);
        try {
            Path file = modelDir.resolve(PROVENANCE);
            if (!Files.isRegularFile(file)) {
                return new Source(model, FrontEndConfig.DEFAULT, false, Optional.empty());
            }
            JsonNode provenance;
            try {
                provenance = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new IOException(file + ": not valid JSON (" + e.getMessage() + "); fix or remove it", e);
            }
            JsonNode fe = provenance.get("frontEnd");
            if (fe == null) {
                return new Source(model, FrontEndConfig.DEFAULT, false, Optional.of(provenance));
            }
            FrontEndConfig frontEnd;
            try {
                frontEnd = JSON.treeToValue(fe, FrontEndConfig.class);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException(file + ": field frontEnd is not a valid front-end configuration: "
                        + e.getMessage(), e);
            }
            return new Source(model, frontEnd, true, Optional.of(provenance));
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The ONNX model of a loaded folder, with provenance metadata stamped {@code exported}. */
    public static Onnx.ModelProto build(Source source, ExportOptions options, String toolVersion, Instant exported) {
        Map<String, String> metadata = metadata(source, toolVersion, exported);
        return OnnxExporter.export(source.model(), source.frontEnd(), options, metadata);
    }

    /** Writes {@code model} to {@code file} atomically; returns its size in bytes. */
    public static long write(Onnx.ModelProto model, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                model.writeTo(out);
            }
        });
        return Files.size(file);
    }

    /**
     * Provenance key/values: tool and date, MECOMP's contract, front-end, window rule, network and, from
     * {@code provenance.json}, training settings, data, best epoch and test figures.
     */
    static Map<String, String> metadata(Source source, String toolVersion, Instant exported) {
        FrontEndConfig fe = source.frontEnd();
        ModelConfig mc = source.model().config();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tool_version", toolVersion);
        m.put("exported", exported.toString());
        m.put("contract", "input '" + OnnxExporter.INPUT + "' float32 [B, N]: mono samples of one whole song per row at "
                + fe.sampleRate() + " Hz (B = 1 as MECOMP calls it); output '" + OnnxExporter.OUTPUT
                + "' float32 [B, " + mc.embeddingSize() + "], unit length");
        m.put("sample_rate", Integer.toString(fe.sampleRate()));
        m.put("window_seconds", Double.toString(fe.windowSeconds()));
        m.put("window_samples", Integer.toString(fe.windowSamples()));
        m.put("frame_length", Integer.toString(fe.frameLength()));
        m.put("hop_length", Integer.toString(fe.hopLength()));
        m.put("mel_bands", Integer.toString(fe.melBands()));
        if (fe.crestChannel()) {
            m.put("crest_channel", "each frame's crest factor ln(peak / rms) of its raw samples beside the mel bands");
        }
        if (fe.highBandChannel()) {
            m.put("high_band_channel", "each frame's share of power above the mel bands, ln(share + "
                    + FrontEndConfig.HIGH_BAND_FLOOR + "), after the crest factor");
        }
        if (fe.chromaChannel()) {
            m.put("chroma_channel", "each window's share of power per pitch class (C first), 100-2000 Hz, from "
                    + FrontEndConfig.CHROMA_FRAME + "-sample DFTs, after the frame's own values");
        }
        if (fe.harmonyChannel()) {
            m.put("harmony_channel", "each window's |DFT| coefficients 1-6 of its chroma shares, last");
        }
        if (fe.chromaFrames() != 0) {
            m.put("chroma_frames", "the chroma and harmony read frames " + java.util.Arrays.toString(
                    fe.chromaFrameIndices()) + " of each window's " + fe.chromaFramesPerWindow() + " "
                    + FrontEndConfig.CHROMA_FRAME + "-sample frames");
        }
        if (fe.frameHarmony()) {
            m.put("frame_harmony", "the harmony values are the mean over those frames of each frame's own");
        }
        m.put("f_min", Double.toString(fe.fMin()));
        m.put("f_max", Double.toString(fe.fMax()));
        m.put("log_floor", Double.toString(fe.logFloor()));
        m.put("front_end_source", source.frontEndFromProvenance() ? PROVENANCE : "defaults (no provenance.json)");
        m.put(OnnxModelImport.FRONT_END_CONFIG, compact(JSON.valueToTree(fe)));
        m.put("sequence_length", Integer.toString(mc.sequenceLength()));
        m.put("window_selection", "W = max(1, N div " + fe.windowSamples() + ") windows (a shorter song is "
                + "zero-padded to one); all W when W <= K = " + mc.sequenceLength() + ", else window round(i(W-1)/(K-1)) "
                + "for i = 0..K-1, halves up (K = 1: window (W-1) div 2); class "
                + WindowSelection.class.getSimpleName());
        m.put("embedding_size", Integer.toString(mc.embeddingSize()));
        m.put("conv_channels", String.join(",", mc.convChannels().stream().map(String::valueOf).toList()));
        m.put("first_conv_stride", Integer.toString(mc.firstConvStride()));
        m.put("gru_hidden", Integer.toString(mc.gruHidden()));
        if (mc.windowMean()) {
            m.put("window_mean", "the projection reads the mean of the window vectors beside the GRU's last state");
        }
        if (mc.windowSd()) {
            m.put("window_sd", "the projection reads the standard deviation of the window vectors beside the GRU's "
                    + "last state");
        }
        if (mc.songHarmony()) {
            m.put("song_harmony", "the projection reads the harmony values of the mean chroma shares of the windows "
                    + "it sees; the shares stay out of the window vectors");
        }
        m.put("parameters", Long.toString(mc.parameterCount()));
        m.put("weight_bytes", Long.toString(mc.weightBytes()));
        m.put("model_config", compact(JSON.valueToTree(mc)));
        m.put("model_seed", Long.toString(source.model().seed()));
        m.put("adam_steps", Long.toString(source.model().adamStep()));
        source.provenance().ifPresent(p -> {
            copy(p, "tool", "trained_with", m);
            copy(p, "created", "trained", m);
            copy(p, "command", "train_command", m);
            copy(p, "training", "training", m);
            copy(p, "data", "training_data", m);
            JsonNode run = p.get("run");
            if (run != null) {
                copy(run, "bestEpoch", "best_epoch", m);
                copy(run, "bestValidationAccuracy", "best_validation_accuracy", m);
                copy(run, "stoppedEarly", "stopped_early", m);
                copy(run, "wallSeconds", "training_wall_seconds", m);
            }
            JsonNode test = p.get("test");
            if (test != null && test.isObject()) {
                ObjectNode accuracies = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = test.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().has("accuracy")) {
                        ObjectNode one = accuracies.putObject(e.getKey());
                        one.set("accuracy", e.getValue().get("accuracy"));
                        if (e.getValue().has("n")) {
                            one.set("n", e.getValue().get("n"));
                        }
                        if (e.getValue().has("ci95")) {
                            one.set("ci95", e.getValue().get("ci95"));
                        }
                    }
                }
                m.put("test_triplet_accuracy", compact(accuracies));
            }
        });
        if (source.reexport()) {
            keepProvenance(source.priorMetadata(), m);
        }
        return m;
    }

    /**
     * A re-export describes its new graph but keeps where the model came from: every earlier key it does not
     * write itself, and the earlier values of those that describe the training rather than the graph.
     */
    private static void keepProvenance(Map<String, String> prior, Map<String, String> m) {
        for (String key : new String[] {"front_end_source", "model_seed", "adam_steps"}) {
            if (prior.containsKey(key)) {
                m.put(key, prior.get(key));
            }
        }
        prior.forEach(m::putIfAbsent);
        m.put("first_exported", prior.getOrDefault("first_exported", prior.getOrDefault("exported", "unknown")));
        m.put("reexported", "graph written again by " + m.get("tool_version") + " from the file exported "
                + prior.getOrDefault("exported", "at an unknown date") + " by "
                + prior.getOrDefault("tool_version", "an unknown version") + "; same weights");
    }

    private static void copy(JsonNode from, String field, String key, Map<String, String> to) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.put(key, v.isValueNode() ? v.asText() : compact(v));
        }
    }

    private static String compact(JsonNode node) {
        return node.toString();
    }

    /** "12.3 kB" style sizes for messages. */
    static String size(long bytes) {
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }
}
