package io.github.mecomp.embed.sweep;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a sweep measures of one run, kept as {@value SweepRun#MEASUREMENT} in its folder. The training
 * figures come from the run's {@code summary.json} (the format every train run writes, so a seeds runner can
 * read the same), the rest from the exported file.
 *
 * @param config                 the grid line's name
 * @param architecture           channels / stride / GRU / D / K / window, in short
 * @param validationAccuracy     best epoch's validation triplet accuracy
 * @param testAccuracy           test triplet accuracy per task ({@code set/task}), of the best model
 * @param onnxBytes              size of the exported file
 * @param msOneThread            ONNX Runtime, one thread, median ms per song of {@code songSeconds}
 * @param msMecompSession        ONNX Runtime with MECOMP's default session, median ms per song
 * @param scanSongsPerSecond     the Rust scan with tract (decode included), or null when not run
 * @param scanNote               why the scan was not run, or its command
 * @param trainWallSeconds       the train command's wall time (its last part, when it was resumed)
 */
@JsonPropertyOrder({"config", "seed", "architecture", "parameters", "weightBytes", "onnxBytes", "validationAccuracy",
        "testAccuracy", "songSeconds", "msOneThread", "msMecompSession", "scanSongsPerSecond", "scanNote", "bestEpoch",
        "trainWallSeconds"})
public record RunFigures(String config, long seed, String architecture, long parameters, long weightBytes,
                         long onnxBytes, double validationAccuracy, Map<String, Double> testAccuracy,
                         double songSeconds, double msOneThread, double msMecompSession, Double scanSongsPerSecond,
                         String scanNote, int bestEpoch, double trainWallSeconds) {

    /** The architecture of a reference model: not one of the grid's, so its sizes are not known. */
    public static final String REFERENCE = "reference ONNX";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunFigures {
        testAccuracy = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(testAccuracy));
    }

    /** Whether these are a reference model's figures ({@link #REFERENCE}): no seed, training or validation. */
    @JsonIgnore // derived from architecture; written, it would make the file unreadable as a RunFigures
    public boolean isReference() {
        return REFERENCE.equals(architecture);
    }

    /** Mean of the test accuracies over tasks: the accuracy axis of the Pareto plot. */
    public double meanTestAccuracy() {
        return testAccuracy.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The training figures of a run folder's summary.json, with the measured ones added. */
    static RunFigures fromSummary(SweepRun run, long onnxBytes, double songSeconds, double msOneThread,
                                  double msMecompSession, Double scanSongsPerSecond, String scanNote)
            throws IOException {
        Path file = run.dir().resolve(SweepRun.SUMMARY);
        JsonNode s = JSON.readTree(file.toFile());
        JsonNode model = s.path("model");
        JsonNode frontEnd = s.path("frontEnd");
        if (model.isMissingNode() || s.path("run").isMissingNode()) {
            throw new IOException(file + ": no 'model' or 'run' field; is it a train summary?");
        }
        Map<String, Double> test = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("test").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().has("accuracy")) {
                test.put(e.getKey(), e.getValue().get("accuracy").asDouble());
            }
        }
        return new RunFigures(run.entry().name(), run.seed(), architecture(model, frontEnd),
                s.path("parameters").asLong(), s.path("weightBytes").asLong(), onnxBytes,
                s.path("run").path("bestValidationAccuracy").asDouble(Double.NaN), test, songSeconds, msOneThread,
                msMecompSession, scanSongsPerSecond, scanNote, s.path("run").path("bestEpoch").asInt(),
                s.path("run").path("wallSeconds").asDouble(Double.NaN));
    }

    /** "16-32-64-128 /2, GRU 128, D 32, K 30, 1 s". */
    static String architecture(JsonNode model, JsonNode frontEnd) {
        List<String> channels = new java.util.ArrayList<>();
        model.path("convChannels").forEach(c -> channels.add(c.asText()));
        double window = frontEnd.path("windowSeconds").asDouble(1.0);
        return String.join("-", channels) + " /" + model.path("firstConvStride").asInt() + ", GRU "
                + model.path("gruHidden").asInt() + ", D " + model.path("embeddingSize").asInt() + ", K "
                + model.path("sequenceLength").asInt() + ", "
                + (window == Math.rint(window) ? Long.toString((long) window) : Double.toString(window)) + " s";
    }

    void write(Path file) throws IOException {
        AtomicFiles.write(file, tmp -> JSON.writeValue(tmp.toFile(), this));
    }

    static RunFigures read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), RunFigures.class);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the run's figures (" + e.getMessage() + "); delete it to"
                    + " measure the run again", e);
        }
    }

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
