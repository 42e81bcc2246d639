package io.github.mecomp.embed.export;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.mecomp.embed.model.ArchitectureCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import onnx.Onnx;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Checks one ONNX file the way MECOMP will use it from its {@code model_path}, before it is shipped. MECOMP
 * (mecomp-analysis 0.7.3) opens the file with its own session settings, feeds input {@code audio} [1, N] (a whole
 * song, mono, 22,050 Hz) and reads output {@code embedding} by name as [1, 32]; a file it cannot open is
 * replaced by its built-in model with only a log line, and a song whose call fails gets no embedding. So the
 * contract is checked first, then what the file does with songs: finite unit vectors for ordinary, silent, very
 * short and long songs, batches, the playback level, and the time per song against the budget. Each finding is a
 * {@link Verdict}: FAIL where MECOMP could not use the file or its vectors would be wrong, WARN where it would
 * work below what a shipped model promises.
 */
public final class ModelCheck {

    /** The rate MECOMP's decoder resamples every song to. */
    public static final int MECOMP_RATE = 22_050;
    /** The ONNX Runtime that mecomp-analysis 0.7.3 loads models with. */
    static final String MECOMP_RUNTIME = "1.31";
    /** Levels (dB) a song is played at against 0 dB for the level check: MECOMP's mixdown is 3 dB above an average's. */
    public static final double[] GAINS_DB = {-12, -6, 3, 6};
    /** metadata_props a shipped model carries: the data, settings and figures that produced it. */
    static final List<String> PROVENANCE_KEYS = List.of("training", "training_data", "test_triplet_accuracy",
            "best_epoch");
    /** Larger files are not read: no model MECOMP could ship is near it, and the JVM's heap might not hold it. */
    static final long LARGEST_READ = 256L << 20;
    /** How far from 1 a vector's length may be and still count as unit length (float32 rounding). */
    static final double UNIT_TOLERANCE = 1e-3;
    /** Largest difference between two calls on the same song (ONNX Runtime's threads may sum in another order). */
    static final double REPEAT_TOLERANCE = 1e-6;
    /** Largest difference between a batched row and the same song alone. */
    static final double BATCH_TOLERANCE = 1e-5;

    /** How a check came out. */
    public enum Verdict {
        /** As a shipped model should be. */
        PASS,
        /** MECOMP can use the file, but it misses what a shipped model promises (or cannot be told). */
        WARN,
        /** MECOMP could not use the file, or some of its vectors would be wrong. */
        FAIL
    }

    /** One check's outcome, with what was measured and, when it is not a pass, what it means for MECOMP. */
    public record Finding(String check, Verdict verdict, String detail) {
    }

    /**
     * What the file is checked against. {@code fixtures}, when not null, is a golden fixture folder (written by
     * the {@code fixtures} command from the model the file was exported from) that ONNX Runtime must reproduce.
     */
    public record Settings(double budgetMillis, int speedRuns, double minLevelCosine, Path fixtures) {

        /** The project's budget: 10 ms a 3-minute song on one thread; cosine 0.999 at -12..+6 dB. */
        public static final Settings DEFAULT = new Settings(10.0, 15, 0.999, null);

        public Settings {
            if (!(budgetMillis > 0)) {
                throw new IllegalArgumentException("check: the time budget must be > 0 ms, got " + budgetMillis);
            }
            if (speedRuns < 1) {
                throw new IllegalArgumentException("check: timing needs at least 1 run, got " + speedRuns);
            }
            if (!(minLevelCosine > 0 && minLevelCosine <= 1)) {
                throw new IllegalArgumentException("check: the level cosine bound must be in (0, 1], got "
                        + minLevelCosine);
            }
        }

        public Settings withBudgetMillis(double ms) {
            return new Settings(ms, speedRuns, minLevelCosine, fixtures);
        }

        public Settings withSpeedRuns(int runs) {
            return new Settings(budgetMillis, runs, minLevelCosine, fixtures);
        }

        public Settings withFixtures(Path dir) {
            return new Settings(budgetMillis, speedRuns, minLevelCosine, dir);
        }
    }

    /** Every finding for one file, and the figures measured on the way (for a JSON report). */
    public record Report(Path file, List<Finding> findings, Map<String, Object> figures) {

        public long count(Verdict v) {
            return findings.stream().filter(f -> f.verdict() == v).count();
        }

        public boolean failed() {
            return count(Verdict.FAIL) > 0;
        }
    }

    private final Path file;
    private final Settings settings;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private ModelCheck(Path file, Settings settings) {
        this.file = file;
        this.settings = settings;
    }

    /** Runs every check on {@code file}; never throws for a bad file, which gets FAIL findings instead. */
    public static Report check(Path file, Settings settings) {
        ModelCheck c = new ModelCheck(file, settings);
        c.run();
        return new Report(file, List.copyOf(c.findings),
                Collections.unmodifiableMap(new LinkedHashMap<>(c.figures)));
    }

    private void run() {
        Onnx.ModelProto proto = readProto();
        if (proto == null) {
            return;
        }
        checkSize(proto);
        Map<String, String> meta = OnnxModelImport.metadata(proto);
        checkSampleRate(meta);
        checkProvenance(meta);
        try (OnnxRunner runner = OnnxRunner.open(file, OnnxRunner.Session.MECOMP_DEFAULT)) {
            add("loads", Verdict.PASS, "ONNX Runtime " + runtimeVersion() + " opens it with MECOMP's session settings "
                    + "(memory pattern and CPU arena off)");
            // not &&: a file with both wrong is told about both
            boolean contract = checkInput(runner.inputs()) & checkOutput(runner.outputs());
            if (!contract) {
                return;
            }
            float[] song = ThreeMinuteSong.SAMPLES;
            float[] reference = checkSong(runner, song);
            if (reference == null) {
                return;
            }
            checkEdgeSongs(runner);
            checkBatch(runner, runner.inputs().values().iterator().next());
            checkLevel(runner, song, reference);
            checkFixtures(runner);
        } catch (OrtException | RuntimeException e) {
            if (findings.stream().noneMatch(f -> f.check().equals("loads"))) {
                add("loads", Verdict.FAIL, "ONNX Runtime " + runtimeVersion() + " cannot open it: " + message(e)
                        + ". MECOMP would log a warning and fall back to its built-in model (MECOMP 0.7.3 runs ONNX "
                        + "Runtime " + MECOMP_RUNTIME + ", which also reads newer opsets: rust-check/mecomp's check binary "
                        + "runs the file through MECOMP's own crate)");
            } else {
                add("runs", Verdict.FAIL, "ONNX Runtime failed: " + message(e));
            }
            return;
        }
        checkSpeed();
    }

    private Onnx.ModelProto readProto() {
        if (!Files.isRegularFile(file)) {
            add("file", Verdict.FAIL, Files.isDirectory(file) ? "a folder, not an ONNX file (export writes one from "
                    + "a model folder)" : "no such file");
            return null;
        }
        try {
            long size = Files.size(file);
            if (size > LARGEST_READ) {
                add("file", Verdict.FAIL, String.format(Locale.ROOT, "%,d bytes, far over the 5 MB ceiling; not read",
                        size));
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            Onnx.ModelProto proto = Onnx.ModelProto.parseFrom(bytes);
            if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0) {
                add("file", Verdict.FAIL, "not an ONNX model: " + bytes.length + " bytes with no graph nodes");
                return null;
            }
            figures.put("bytes", (long) bytes.length);
            String opsets = String.join(", ", proto.getOpsetImportList().stream()
                    .map(o -> (o.getDomain().isEmpty() ? "opset " : o.getDomain() + " ") + o.getVersion()).toList());
            add("file", Verdict.PASS, String.format(Locale.ROOT, "ONNX IR %d, %s, %,d nodes%s", proto.getIrVersion(),
                    opsets, proto.getGraph().getNodeCount(),
                    proto.getProducerName().isEmpty() ? "" : ", written by " + proto.getProducerName()));
            return proto;
        } catch (InvalidProtocolBufferException e) {
            add("file", Verdict.FAIL, "not an ONNX model (its bytes are not an ONNX protobuf: " + e.getMessage() + ")");
        } catch (IOException e) {
            add("file", Verdict.FAIL, "cannot be read: " + message(e));
        }
        return null;
    }

    private void checkSize(Onnx.ModelProto proto) {
        long bytes = (Long) figures.get("bytes");
        long weights = proto.getGraph().getInitializerList().stream().mapToLong(ModelCheck::tensorBytes).sum();
        figures.put("initializerBytes", weights);
        String detail = String.format(Locale.ROOT, "%,d bytes, %,d of them constants (weights and front-end "
                + "matrices)", bytes, weights);
        long external = proto.getGraph().getInitializerList().stream()
                .filter(t -> t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL).count();
        if (external > 0) {
            add("size", Verdict.WARN, detail + String.format(Locale.ROOT, ", and %d tensor(s) kept in separate "
                    + "files (external data), not counted, which must travel with it: export one file instead",
                    external));
        } else if (bytes <= ArchitectureCheck.MECOMP_MAX_BYTES) {
            add("size", Verdict.PASS, detail + "; within the 1 MB budget");
        } else if (bytes <= ArchitectureCheck.MAX_WEIGHT_BYTES) {
            add("size", Verdict.WARN, detail + ": over the 1 MB budget of a shipped model, under the 5 MB ceiling");
        } else {
            add("size", Verdict.FAIL, detail + ": over the 5 MB ceiling");
        }
    }

    private void checkSampleRate(Map<String, String> meta) {
        String rate = meta.get("sample_rate");
        if (rate == null) {
            add("sample rate", Verdict.WARN, "no sample_rate in metadata_props, so whether the model expects "
                    + "MECOMP's 22,050 Hz cannot be told");
        } else if (rate.equals(String.valueOf(MECOMP_RATE))) {
            add("sample rate", Verdict.PASS, "22,050 Hz, what MECOMP's decoder gives");
        } else {
            add("sample rate", Verdict.FAIL, "trained for " + rate + " Hz audio, but MECOMP feeds 22,050 Hz: every "
                    + "vector would be computed from audio at the wrong rate");
        }
    }

    private void checkProvenance(Map<String, String> meta) {
        List<String> missing = PROVENANCE_KEYS.stream().filter(k -> !meta.containsKey(k)).toList();
        if (missing.isEmpty()) {
            add("provenance", Verdict.PASS, "metadata_props record " + String.join(", ", PROVENANCE_KEYS)
                    + (meta.containsKey("train_command") ? " and train_command" : ""));
        } else {
            add("provenance", Verdict.WARN, "metadata_props lack " + String.join(", ", missing) + ": a shipped model "
                    + "carries the data, settings and figures that produced it (export writes them from the model "
                    + "folder's provenance.json)");
        }
    }

    private boolean checkInput(Map<String, NodeInfo> inputs) {
        NodeInfo audio = inputs.get(OnnxExporter.INPUT);
        if (inputs.size() != 1 || audio == null) {
            add("input", Verdict.FAIL, "inputs " + describe(inputs) + ": MECOMP feeds exactly one, named '"
                    + OnnxExporter.INPUT + "'");
            return false;
        }
        if (!(audio.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT || t.getShape().length != 2) {
            add("input", Verdict.FAIL, "'audio' is " + audio.getInfo() + ": MECOMP feeds float32 [1, N]");
            return false;
        }
        long[] shape = t.getShape();
        if (shape[1] >= 0) {
            add("input", Verdict.FAIL, "'audio' is float32 " + shape(shape) + ": its length is fixed, but MECOMP "
                    + "feeds whole songs of any length");
            return false;
        }
        if (shape[0] >= 0 && shape[0] != 1) {
            add("input", Verdict.FAIL, "'audio' is float32 " + shape(shape) + ": MECOMP feeds one song a call");
            return false;
        }
        add("input", shape[0] == 1 ? Verdict.WARN : Verdict.PASS, "'audio' float32 " + shape(shape)
                + (shape[0] == 1 ? ": one song a call only (MECOMP's scan needs no more; embed_batch would fail)"
                        : ", any number of songs of any length"));
        return true;
    }

    private boolean checkOutput(Map<String, NodeInfo> outputs) {
        NodeInfo embedding = outputs.get(OnnxExporter.OUTPUT);
        if (embedding == null) {
            add("output", Verdict.FAIL, "outputs " + describe(outputs) + ": MECOMP reads the one named '"
                    + OnnxExporter.OUTPUT + "', so every song would fail");
            return false;
        }
        if (!(embedding.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT
                || t.getShape().length != 2) {
            add("output", Verdict.FAIL, "'embedding' is " + embedding.getInfo() + ": MECOMP reads float32 [1, "
                    + ArchitectureCheck.MECOMP_EMBEDDING_SIZE + "]");
            return false;
        }
        long size = t.getShape()[1];
        if (size >= 0 && size != ArchitectureCheck.MECOMP_EMBEDDING_SIZE) {
            add("output", Verdict.FAIL, "'embedding' is float32 " + shape(t.getShape()) + ": MECOMP's index holds "
                    + ArchitectureCheck.MECOMP_EMBEDDING_SIZE + " values a song and refuses any other length");
            return false;
        }
        List<String> others = outputs.keySet().stream().filter(k -> !k.equals(OnnxExporter.OUTPUT)).toList();
        if (others.isEmpty()) {
            add("output", Verdict.PASS, "'embedding' float32 " + shape(t.getShape()));
        } else {
            add("output", Verdict.WARN, "'embedding' float32 " + shape(t.getShape()) + ", and also "
                    + String.join(", ", others) + ": computed on every call, though MECOMP reads only 'embedding' "
                    + "(export without --log-mel-output)");
        }
        return true;
    }

    /** The 3-minute song: right length, finite, unit length, the same twice. Null when it cannot be used. */
    private float[] checkSong(OnnxRunner runner, float[] song) throws OrtException {
        float[] first;
        try {
            first = runner.run(song).embedding();
        } catch (OrtException | RuntimeException e) {
            add("3-minute song", Verdict.FAIL, "the call fails: " + message(e) + "; MECOMP would get no vector for "
                    + "any song");
            return null;
        }
        if (first.length != ArchitectureCheck.MECOMP_EMBEDDING_SIZE) {
            add("3-minute song", Verdict.FAIL, "gives " + first.length + " values: MECOMP expects [1, "
                    + ArchitectureCheck.MECOMP_EMBEDDING_SIZE + "] and would refuse every song");
            return null;
        }
        if (!finite(first)) {
            add("3-minute song", Verdict.FAIL, "gives non-finite values (NaN or infinity), which would break "
                    + "MECOMP's nearest-neighbour search");
            return null;
        }
        double drift = GoldenFixtures.maxAbs(first, runner.run(song).embedding());
        if (drift > REPEAT_TOLERANCE) {
            add("3-minute song", Verdict.WARN, String.format(Locale.ROOT, "two calls on the same song differ by %.2g:"
                    + " the same library would give other vectors on every scan", drift));
        } else {
            add("3-minute song", unit(first) ? Verdict.PASS : Verdict.WARN, lengthNote(first)
                    + ", the same on a second call");
        }
        return first;
    }

    /** Songs a library has too: silence, shorter than one window, long. */
    private void checkEdgeSongs(OnnxRunner runner) {
        Map<String, float[]> songs = new LinkedHashMap<>();
        songs.put("silence", new float[30 * MECOMP_RATE]);
        songs.put("0.25-s song", SyntheticAudio.tone(440, 0.5, 0.25, MECOMP_RATE));
        songs.put("10-minute song", repeated(ThreeMinuteSong.SAMPLES, 600 * MECOMP_RATE));
        for (Map.Entry<String, float[]> s : songs.entrySet()) {
            float[] v;
            try {
                v = runner.run(s.getValue()).embedding();
            } catch (OrtException | RuntimeException e) {
                add(s.getKey(), Verdict.WARN, "the call fails: " + message(e) + "; MECOMP would leave such songs "
                        + "without a vector");
                continue;
            }
            if (!finite(v)) {
                add(s.getKey(), Verdict.FAIL, "gives non-finite values (NaN or infinity), which would break "
                        + "MECOMP's nearest-neighbour search for every song");
            } else if (v.length != ArchitectureCheck.MECOMP_EMBEDDING_SIZE) {
                add(s.getKey(), Verdict.FAIL, "gives " + v.length + " values instead of "
                        + ArchitectureCheck.MECOMP_EMBEDDING_SIZE);
            } else {
                add(s.getKey(), unit(v) ? Verdict.PASS : Verdict.WARN, lengthNote(v));
            }
        }
    }

    /** Two songs of one length in one call against each alone: what MECOMP's embed_batch gives. */
    private void checkBatch(OnnxRunner runner, NodeInfo audio) throws OrtException {
        if (((TensorInfo) audio.getInfo()).getShape()[0] == 1) {
            return;
        }
        float[][] songs = {SyntheticAudio.music(20, MECOMP_RATE, 3), SyntheticAudio.chirpWithNoise(100, 4000, 20,
                MECOMP_RATE, 4)};
        float[][] rows;
        try {
            rows = runner.runBatch(songs);
        } catch (OrtException | RuntimeException e) {
            add("batch", Verdict.WARN, "two songs in one call fail: " + message(e) + " (MECOMP's scan calls one song "
                    + "at a time; its embed_batch would fail)");
            return;
        }
        double worst = 0;
        for (int i = 0; i < songs.length; i++) {
            worst = Math.max(worst, GoldenFixtures.maxAbs(rows[i], runner.run(songs[i]).embedding()));
        }
        figures.put("batchMaxAbs", worst);
        add("batch", worst <= BATCH_TOLERANCE ? Verdict.PASS : Verdict.WARN, String.format(Locale.ROOT,
                "two songs in one call differ from each alone by %.2g%s", worst, worst <= BATCH_TOLERANCE ? ""
                        : ": embed_batch would give other vectors than embed"));
    }

    private void checkLevel(OnnxRunner runner, float[] song, float[] reference) throws OrtException {
        double worst = 1;
        double worstDb = 0;
        for (double db : GAINS_DB) {
            double c = cosine(reference, runner.run(scaled(song, db)).embedding());
            if (c < worst) {
                worst = c;
                worstDb = db;
            }
        }
        figures.put("worstLevelCosine", worst);
        String detail = String.format(Locale.ROOT, "worst cosine %.6f against 0 dB, at %+.0f dB (-12 to +6 dB)",
                worst, worstDb);
        add("level", worst >= settings.minLevelCosine() ? Verdict.PASS : Verdict.WARN, worst >= settings
                .minLevelCosine() ? detail : detail + String.format(Locale.ROOT, ", below %s: the same song at "
                        + "another playback level (or mixed down another way) lands elsewhere in MECOMP's index",
                        settings.minLevelCosine()));
    }

    private void checkFixtures(OnnxRunner runner) throws OrtException {
        Path dir = settings.fixtures();
        if (dir == null) {
            return;
        }
        try {
            JsonNode index = GoldenFixtures.readIndex(dir);
            double worst = 0;
            String worstCase = "";
            int n = 0;
            for (JsonNode c : index.get("cases")) {
                float[] pcm = GoldenFixtures.readFloats(dir.resolve(c.get("samples").asText()));
                JsonNode want = c.get("embedding");
                float[] expected = new float[want.size()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = (float) want.get(i).asDouble();
                }
                double d = GoldenFixtures.maxAbs(expected, runner.run(pcm).embedding());
                if (d >= worst) {
                    worst = d;
                    worstCase = c.get("name").asText();
                }
                n++;
            }
            figures.put("fixturesMaxAbs", worst);
            boolean ok = worst <= GoldenFixtures.ORT_EMBEDDING_TOLERANCE;
            add("fixtures", ok ? Verdict.PASS : Verdict.FAIL, String.format(Locale.ROOT, "%d cases of %s: largest "
                    + "difference %.2g (%s), tolerance %.0e%s", n, dir, worst, worstCase,
                    GoldenFixtures.ORT_EMBEDDING_TOLERANCE, ok ? "" : ": this file does not compute what the trained "
                            + "model computed"));
        } catch (IOException | RuntimeException e) {
            add("fixtures", Verdict.FAIL, dir + ": " + message(e));
        }
    }

    private void checkSpeed() {
        try {
            double[] wall = OnnxBenchmark.wallMillis(file, OnnxRunner.Session.ONE_THREAD, ThreeMinuteSong.SAMPLES,
                    settings.speedRuns());
            double ms = OnnxBenchmark.median(wall);
            double fastest = Arrays.stream(wall).min().orElse(ms);
            figures.put("millisPerSong", ms);
            figures.put("fastestMillisPerSong", fastest);
            String detail = String.format(Locale.ROOT, "%.2f ms a 3-minute song in ONNX Runtime on one thread "
                    + "(median of %d, fastest %.2f), budget %.1f ms", ms, settings.speedRuns(), fastest,
                    settings.budgetMillis());
            if (ms <= settings.budgetMillis()) {
                add("speed", Verdict.PASS, detail);
            } else {
                // a shared machine's neighbours can slow every call of a run; the fastest call shows whether they did
                add("speed", Verdict.WARN, detail + (fastest <= settings.budgetMillis()
                        ? ": over the budget, though the fastest call was within it, so the machine may have been "
                                + "busy; run the check again on a quiet machine"
                        : ": a library scan would take longer than a shipped model should"));
            }
        } catch (OrtException | RuntimeException e) {
            add("speed", Verdict.FAIL, "could not be timed: " + message(e));
        }
    }

    /** Made once: synthesising the song takes longer than checking a model with it. */
    private static final class ThreeMinuteSong {
        static final float[] SAMPLES = SyntheticAudio.music(180, MECOMP_RATE, 1);
    }

    private static float[] repeated(float[] song, int length) {
        float[] out = new float[length];
        for (int at = 0; at < length; at += song.length) {
            System.arraycopy(song, 0, out, at, Math.min(song.length, length - at));
        }
        return out;
    }

    private void add(String check, Verdict verdict, String detail) {
        findings.add(new Finding(check, verdict, detail));
    }

    /** A level {@code db} above {@code x}. */
    public static float[] scaled(float[] x, double db) {
        float g = (float) Math.pow(10, db / 20);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = g * x[i];
        }
        return out;
    }

    /** The cosine of the angle between two vectors. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static long tensorBytes(Onnx.TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            return t.getRawData().size();
        }
        return 4L * (t.getFloatDataCount() + t.getInt32DataCount()) + 8L * (t.getDoubleDataCount()
                + t.getInt64DataCount() + t.getUint64DataCount());
    }

    private static boolean finite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static boolean unit(float[] v) {
        return Math.abs(norm(v) - 1) <= UNIT_TOLERANCE;
    }

    private static String lengthNote(float[] v) {
        double n = norm(v);
        return unit(v) ? String.format(Locale.ROOT, "%d finite values of unit length", v.length)
                : String.format(Locale.ROOT, "%d finite values, length %.4f instead of 1 (our models are "
                        + "L2-normalised; distances between such vectors mix length and direction)", v.length, n);
    }

    private static String shape(long[] dims) {
        return Arrays.stream(dims).mapToObj(d -> d < 0 ? "?" : String.valueOf(d))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static String describe(Map<String, NodeInfo> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        return String.join(", ", values.entrySet().stream().map(e -> "'" + e.getKey() + "' "
                + (e.getValue().getInfo() instanceof TensorInfo t ? t.type.toString().toLowerCase(Locale.ROOT)
                        + " " + shape(t.getShape()) : e.getValue().getInfo().toString())).toList());
    }

    private static String runtimeVersion() {
        return ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion();
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        // the sentence it goes into ends it
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().replaceAll("\\.+$", "");
    }
}
