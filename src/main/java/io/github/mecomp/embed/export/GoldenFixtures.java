package io.github.mecomp.embed.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.io.AtomicFiles;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import io.github.mecomp.embed.model.WindowSelection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Golden inputs and outputs for the Java ↔ ONNX ↔ Rust parity checks: short synthetic songs, the Java
 * front-end's log-mel of their selected windows, the Java model's embeddings, and the exported model (with the
 * {@value OnnxExporter#LOG_MEL} output) that must reproduce them. Format: /fixtures/README.md ("golden").
 *
 * <p>The committed set uses {@link #referenceModel()}: the shipped architecture with seeded random weights and
 * K = 4, so that the 5-second case has more windows than K and the spread selection is exercised.
 */
public final class GoldenFixtures {

    public static final String FORMAT = "mecomp-embed-golden";
    public static final int VERSION = 1;
    public static final String INDEX = "index.json";
    public static final String MODEL = "model.onnx";
    /** Max abs difference of the embedding a runtime (ONNX Runtime here, burn in rust-check) may show. */
    public static final double TOLERANCE = 1e-4;
    /**
     * Max abs difference of the log-mel (and side values) a runtime may show. The graph's DFT runs in float32 (see
     * {@code OnnxExporter.logMel}), which moves the log of a pure tone's quietest bands by up to 1.2e-3 against
     * Java's float64 (a full-scale 55 Hz sine) while its embedding moves by 2e-6; music stays below 1e-4.
     */
    public static final double LOG_MEL_TOLERANCE = 2e-3;
    /** What ONNX Runtime must meet before fixtures are written. */
    static final double ORT_EMBEDDING_TOLERANCE = 1e-5;

    static final long REFERENCE_SEED = 20_261_126L;
    static final int REFERENCE_K = 4;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One synthetic song. */
    public record Case(String name, String description, float[] samples) {
    }

    /** What the Java code computes for a case. */
    public record Expected(int windowCount, int[] selected, float[][][] logMel, float[] embedding) {
    }

    private GoldenFixtures() {
    }

    /** The model of the committed fixtures: default architecture, K = 4, seeded weights and biases. */
    public static EmbeddingModel referenceModel() {
        ModelConfig config = ModelConfig.DEFAULT.withSequenceLength(REFERENCE_K);
        EmbeddingModel model = new EmbeddingModel(config, REFERENCE_SEED);
        model.randomiseBiases(0.1, REFERENCE_SEED + 1);
        float[] mean = new float[config.inputBands()];
        float[] std = new float[config.inputBands()];
        for (int m = 0; m < mean.length; m++) { // about what real music gives: louder and wider in the low bands
            mean[m] = -6f - 0.08f * m;
            std[m] = 3.5f - 0.02f * m;
        }
        model.setInputNormalisation(mean, std);
        return model;
    }

    /** The cases, in a fixed order with fixed names (see the format description). */
    public static List<Case> cases(int rate) {
        return List.of(
                new Case("tone", "440 Hz sine, amplitude 0.5, 1.2 s", SyntheticAudio.tone(440, 0.5, 1.2, rate)),
                new Case("chirp_noise", "log chirp 100 Hz..8 kHz at 0.4 over white noise at 0.05, 2.2 s",
                        SyntheticAudio.chirpWithNoise(100, 8000, 2.2, rate, 11)),
                new Case("silence", "digital silence, 1.0 s", new float[rate]),
                new Case("short", "music-like (chord, kick, hi-hat), 0.6 s: shorter than one window",
                        SyntheticAudio.music(0.6, rate, 12)),
                new Case("music", "music-like excerpt (chords, bass, kick, hi-hat, noise floor), 5.2 s",
                        SyntheticAudio.music(5.2, rate, 13)));
    }

    /** The Java front-end and model on one case. */
    public static Expected expected(EmbeddingModel model, FrontEndConfig frontEnd, float[] samples) {
        float[][][] all = new LogMelSpectrogram(frontEnd).windows(new PcmAudio(samples, frontEnd.sampleRate()));
        int[] selected = WindowSelection.indices(all.length, model.config().sequenceLength());
        float[][][] logMel = new float[selected.length][][];
        for (int i = 0; i < selected.length; i++) {
            logMel[i] = all[selected[i]];
        }
        return new Expected(all.length, selected, logMel, model.embedSong(all));
    }

    /**
     * Writes the fixtures of {@code model} into {@code dir}, after checking that ONNX Runtime reproduces the Java
     * embeddings within {@value #ORT_EMBEDDING_TOLERANCE} and the log-mel within {@value #LOG_MEL_TOLERANCE}.
     *
     * @param onnx the exported model with the {@value OnnxExporter#LOG_MEL} output
     * @return the largest differences ONNX Runtime showed: {embedding, log-mel}
     */
    public static double[] write(Path dir, EmbeddingModel model, FrontEndConfig frontEnd, byte[] onnx,
            String generator) throws Exception {
        List<Case> cases = cases(frontEnd.sampleRate());
        ObjectNode index = JSON.createObjectNode();
        index.put("format", FORMAT);
        index.put("version", VERSION);
        index.put("generator", generator);
        ModelConfig mc = model.config();
        ObjectNode m = index.putObject("model");
        m.put("file", MODEL);
        m.put("input", OnnxExporter.INPUT);
        m.put("embeddingOutput", OnnxExporter.OUTPUT);
        m.put("logMelOutput", OnnxExporter.LOG_MEL);
        m.put("sampleRate", frontEnd.sampleRate());
        m.put("windowSamples", frontEnd.windowSamples());
        m.put("framesPerWindow", frontEnd.framesPerWindow());
        m.put("melBands", frontEnd.melBands());
        if (frontEnd.crestChannel()) {
            m.put("crestChannel", true); // each log-mel frame's value after the mel bands is its crest factor
        }
        if (frontEnd.highBandChannel()) {
            m.put("highBandChannel", true); // then its share of power above the mel bands
        }
        if (frontEnd.chromaChannel()) {
            m.put("chromaChannel", true); // twelve values per frame after its own: the window's chroma
        }
        if (frontEnd.harmonyChannel()) {
            m.put("harmonyChannel", true); // each log-mel frame's last six values are its window's harmony
        }
        if (frontEnd.chromaFrames() != 0) {
            m.put("chromaFrames", frontEnd.chromaFrames()); // the chroma reads this many 2048-sample frames a window
        }
        if (frontEnd.frameHarmony()) {
            m.put("frameHarmony", true); // the harmony values are the mean of each chroma frame's own
        }
        m.put("sequenceLength", mc.sequenceLength());
        m.put("embeddingSize", mc.embeddingSize());
        ObjectNode tol = index.putObject("tolerance");
        tol.put("embedding", TOLERANCE);
        tol.put("logMel", LOG_MEL_TOLERANCE);
        ArrayNode list = index.putArray("cases");
        double worstEmbedding = 0;
        double worstLogMel = 0;
        List<String> problems = new ArrayList<>();
        Files.createDirectories(dir);
        try (OnnxRunner runner = new OnnxRunner(onnx)) {
            for (Case c : cases) {
                Expected e = expected(model, frontEnd, c.samples());
                OnnxRunner.Output out = runner.run(c.samples());
                double de = maxAbs(e.embedding(), out.embedding());
                double dm = logMelError(e.logMel(), out.logMel().orElseThrow(() -> new IllegalArgumentException(
                        "fixtures: the model has no " + OnnxExporter.LOG_MEL + " output; export it with that output")));
                worstEmbedding = Math.max(worstEmbedding, de);
                worstLogMel = Math.max(worstLogMel, dm);
                if (!(de <= ORT_EMBEDDING_TOLERANCE) || !(dm <= LOG_MEL_TOLERANCE)) {
                    problems.add(String.format(Locale.ROOT, "%s: embedding %.3g, log-mel %.3g", c.name(), de, dm));
                }
                String pcm = c.name() + ".pcm.f32";
                String mel = c.name() + ".logmel.f32";
                writeFloats(dir.resolve(pcm), c.samples());
                writeFloats(dir.resolve(mel), flatten(e.logMel()));
                ObjectNode j = list.addObject();
                j.put("name", c.name());
                j.put("description", c.description());
                j.put("samples", pcm);
                j.put("sampleCount", c.samples().length);
                j.put("windowCount", e.windowCount());
                ArrayNode sel = j.putArray("selectedWindows");
                for (int s : e.selected()) {
                    sel.add(s);
                }
                j.put("logMel", mel);
                ArrayNode shape = j.putArray("logMelShape");
                shape.add(e.logMel().length).add(frontEnd.framesPerWindow()).add(frontEnd.valuesPerFrame());
                ArrayNode emb = j.putArray("embedding");
                for (float v : e.embedding()) {
                    emb.add(v);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("fixtures: ONNX Runtime does not reproduce the Java model (allowed: "
                    + "embedding " + ORT_EMBEDDING_TOLERANCE + ", log-mel " + LOG_MEL_TOLERANCE + "): " + problems
                    + "; nothing written to " + MODEL + " or " + INDEX);
        }
        AtomicFiles.write(dir.resolve(MODEL), tmp -> Files.write(tmp, onnx));
        AtomicFiles.write(dir.resolve(INDEX), tmp -> JSON.writeValue(tmp.toFile(), index));
        return new double[] {worstEmbedding, worstLogMel};
    }

    /** The index of a fixture folder. */
    public static JsonNode readIndex(Path dir) throws IOException {
        Path file = dir.resolve(INDEX);
        JsonNode index = JSON.readTree(file.toFile());
        if (!FORMAT.equals(index.path("format").asText()) || index.path("version").asInt() != VERSION) {
            throw new IOException(file + ": not a " + FORMAT + " version " + VERSION + " index");
        }
        return index;
    }

    /** A raw little-endian float32 file. */
    public static float[] readFloats(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length % 4 != 0) {
            throw new IOException(file + ": " + bytes.length + " bytes is not a whole number of float32 values");
        }
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        AtomicFiles.write(file, tmp -> Files.write(tmp, b.array()));
    }

    static float[] flatten(float[][][] a) {
        int n = 0;
        for (float[][] x : a) {
            for (float[] y : x) {
                n += y.length;
            }
        }
        float[] out = new float[n];
        int p = 0;
        for (float[][] x : a) {
            for (float[] y : x) {
                System.arraycopy(y, 0, out, p, y.length);
                p += y.length;
            }
        }
        return out;
    }

    /** Largest difference over the first {@code expected.length} slots of the graph's log-mel. */
    static double logMelError(float[][][] expected, float[][][] graph) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int f = 0; f < expected[i].length; f++) {
                worst = Math.max(worst, maxAbs(expected[i][f], graph[i][f]));
            }
        }
        return worst;
    }

    static double maxAbs(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            m = Math.max(m, d);
        }
        return m;
    }
}
