package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.export.ModelCheck.Finding;
import io.github.mecomp.embed.export.ModelCheck.Report;
import io.github.mecomp.embed.export.ModelCheck.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelCheck} on a shipped model (which must pass) and on files broken the ways a user's file can be:
 * each breakage must give its check's FAIL or WARN, and the checks after a broken contract must not run.
 */
class ModelCheckTest {

    /** No timing verdict in tests: the machine's load decides it, not the code. */
    private static final ModelCheck.Settings QUICK = ModelCheck.Settings.DEFAULT.withBudgetMillis(10_000)
            .withSpeedRuns(1);
    private static final Path V5 = ShippedModels.EXPORT.resolve("mecomp-embed-v5.onnx");
    private static final Path V1 = ShippedModels.EXPORT.resolve("mecomp-embed-v1.onnx");

    @TempDir
    Path dir;

    @Test
    void aShippedModelPassesEveryCheckAndReproducesItsFixtures() {
        Report r = ModelCheck.check(V5, QUICK.withFixtures(Path.of("fixtures/shipped/v5")));
        assertEquals(List.of("file", "size", "sample rate", "provenance", "loads", "input", "output",
                "3-minute song", "silence", "0.25-s song", "10-minute song", "batch", "level", "fixtures", "speed"),
                r.findings().stream().map(Finding::check).toList());
        assertEquals(r.findings().size(), r.count(Verdict.PASS), r.findings().toString());
        assertTrue((double) r.figures().get("worstLevelCosine") >= 0.999);
        assertTrue((double) r.figures().get("millisPerSong") > 0);
    }

    @Test
    void fixturesTheFileDoesNotReproduceFail() throws IOException {
        Path fixtures = dir.resolve("fixtures");
        Files.createDirectories(fixtures);
        Path source = Path.of("fixtures/shipped/v5");
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, fixtures.resolve(f.getFileName()));
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode index = (ObjectNode) json.readTree(fixtures.resolve(GoldenFixtures.INDEX).toFile());
        ArrayNode first = (ArrayNode) index.get("cases").get(0).get("embedding");
        first.set(0, first.get(0).asDouble() + 1e-3);
        json.writeValue(fixtures.resolve(GoldenFixtures.INDEX).toFile(), index);

        Finding f = finding(ModelCheck.check(V5, QUICK.withFixtures(fixtures)), "fixtures");
        assertEquals(Verdict.FAIL, f.verdict(), f.detail());
        assertTrue(f.detail().contains("tone"), f.detail());
    }

    @Test
    void aModelThatTheLevelMovesIsWarnedAbout() {
        // v1 was trained before level normalisation
        Finding f = finding(ModelCheck.check(V1, QUICK), "level");
        assertEquals(Verdict.WARN, f.verdict(), f.detail());
        assertTrue(f.detail().contains("playback level"), f.detail());
    }

    @Test
    void anOutputMecompDoesNotReadFailsAndNothingRunsAfterIt() throws IOException {
        Report r = ModelCheck.check(write("renamed-output.onnx", mutate(V5, m -> rename(m, "embedding", "vector"))),
                QUICK);
        Finding f = finding(r, "output");
        assertEquals(Verdict.FAIL, f.verdict());
        assertTrue(f.detail().contains("'vector'") && f.detail().contains("'embedding'"), f.detail());
        assertTrue(r.failed());
        assertFalse(checks(r).contains("3-minute song"), checks(r).toString());
        assertFalse(checks(r).contains("speed"), checks(r).toString());
    }

    @Test
    void anInputMecompDoesNotFeedFails() throws IOException {
        Report r = ModelCheck.check(write("renamed-input.onnx", mutate(V5, m -> rename(m, "audio", "samples"))),
                QUICK);
        Finding f = finding(r, "input");
        assertEquals(Verdict.FAIL, f.verdict());
        assertTrue(f.detail().contains("'samples'"), f.detail());
        assertEquals(Verdict.PASS, finding(r, "output").verdict(), "both ends are reported");
    }

    @Test
    void aGraphOnnxRuntimeCannotOpenFailsWithWhatMecompWouldDo() throws IOException {
        Onnx.ModelProto unknownOp = mutate(toy(32, 32, false, 0), m -> {
            Onnx.ModelProto.Builder b = m.toBuilder();
            b.getGraphBuilder().getNodeBuilder(0).setOpType("NoSuchOperator");
            return b.build();
        });
        Report r = ModelCheck.check(write("unknown-op.onnx", unknownOp), QUICK);
        Finding f = finding(r, "loads");
        assertEquals(Verdict.FAIL, f.verdict());
        assertTrue(f.detail().contains("NoSuchOperator") && f.detail().contains("fall back to its built-in model"),
                f.detail());
        assertEquals(Verdict.PASS, finding(r, "file").verdict());
    }

    @Test
    void anotherSampleRateFails() throws IOException {
        Report r = ModelCheck.check(write("16k.onnx", mutate(V5, m -> {
            Onnx.ModelProto.Builder b = m.toBuilder().clearMetadataProps();
            m.getMetadataPropsList().forEach(p -> b.addMetadataProps(p.getKey().equals("sample_rate")
                    ? p.toBuilder().setValue("16000").build() : p));
            return b.build();
        })), QUICK);
        Finding f = finding(r, "sample rate");
        assertEquals(Verdict.FAIL, f.verdict());
        assertTrue(f.detail().contains("16000 Hz"), f.detail());
    }

    @Test
    void filesThatAreNoOnnxModelFailWithWhatTheyAre() throws IOException {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "this is not a model\n");
        assertEquals(List.of(new Finding("file", Verdict.FAIL, "no such file")),
                ModelCheck.check(dir.resolve("missing.onnx"), QUICK).findings());
        Finding notOnnx = finding(ModelCheck.check(text, QUICK), "file");
        assertEquals(Verdict.FAIL, notOnnx.verdict());
        assertTrue(notOnnx.detail().startsWith("not an ONNX model"), notOnnx.detail());
        Finding folder = finding(ModelCheck.check(dir, QUICK), "file");
        assertTrue(folder.detail().startsWith("a folder"), folder.detail());
    }

    @Test
    void anotherEmbeddingLengthFails() throws IOException {
        // declared dynamic, but ONNX Runtime infers the 16 from the graph and reports it as MECOMP's loader sees it
        for (int declared : new int[] {16, -1}) {
            Report r = ModelCheck.check(write("16d.onnx", toy(16, declared, false, 0)), QUICK);
            Finding f = finding(r, "output");
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(f.detail().contains("[?, 16]") && f.detail().contains("32 values"), f.detail());
            assertFalse(checks(r).contains("3-minute song"), checks(r).toString());
        }
    }

    @Test
    void nonFiniteVectorsFailAndVectorsOfAnotherLengthWarn() throws IOException {
        // log of the mean square: -infinity on silence; a 3-minute song gives finite values of length != 1
        Report r = ModelCheck.check(write("log.onnx", toy(32, 32, true, 0)), QUICK);
        assertEquals(Verdict.FAIL, finding(r, "silence").verdict(), finding(r, "silence").detail());
        Finding song = finding(r, "3-minute song");
        assertEquals(Verdict.WARN, song.verdict());
        assertTrue(song.detail().contains("instead of 1"), song.detail());
        assertEquals(Verdict.PASS, finding(r, "batch").verdict(), finding(r, "batch").detail());
        assertEquals(Verdict.WARN, finding(r, "provenance").verdict());
        assertEquals(Verdict.WARN, finding(r, "sample rate").verdict());
    }

    @Test
    void sizeIsMeasuredAgainstTheBudgetAndTheCeiling() throws IOException {
        assertEquals(Verdict.PASS, finding(ModelCheck.check(write("small.onnx", toy(32, 32, false, 0)), QUICK),
                "size").verdict());
        Finding over = finding(ModelCheck.check(write("1.2MB.onnx", toy(32, 32, false, 300_000)), QUICK), "size");
        assertEquals(Verdict.WARN, over.verdict(), over.detail());
        assertTrue(over.detail().contains("over the 1 MB budget"), over.detail());
        Finding huge = finding(ModelCheck.check(write("5.2MB.onnx", toy(32, 32, false, 1_300_000)), QUICK), "size");
        assertEquals(Verdict.FAIL, huge.verdict(), huge.detail());
    }

    @Test
    void weightsInFilesOfTheirOwnAreWarnedAbout() throws IOException {
        Onnx.ModelProto small = toy(32, 32, false, 1000);
        Onnx.ModelProto.Builder b = small.toBuilder();
        Onnx.TensorProto.Builder padding = b.getGraphBuilder().getInitializerBuilderList().stream()
                .filter(t -> t.getName().startsWith("padding")).findFirst().orElseThrow();
        Files.write(dir.resolve("padding.bin"), padding.getRawData().toByteArray());
        padding.clearRawData().setDataLocation(Onnx.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(Onnx.StringStringEntryProto.newBuilder().setKey("location").setValue("padding.bin"));
        Report r = ModelCheck.check(write("external.onnx", b.build()), QUICK);
        assertEquals(Verdict.PASS, finding(r, "loads").verdict(), "ONNX Runtime reads the data beside the file");
        Finding size = finding(r, "size");
        assertEquals(Verdict.WARN, size.verdict(), size.detail());
        assertTrue(size.detail().contains("1 tensor(s) kept in separate files"), size.detail());
    }

    @Test
    void aFixedLengthInputFails() throws IOException {
        Onnx.ModelProto fixed = mutate(toy(32, 32, false, 0), m -> {
            Onnx.ModelProto.Builder b = m.toBuilder();
            b.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                    .getDimBuilder(1).clearDimParam().setDimValue(22_050);
            return b.build();
        });
        Finding f = finding(ModelCheck.check(write("fixed.onnx", fixed), QUICK), "input");
        assertEquals(Verdict.FAIL, f.verdict());
        assertTrue(f.detail().contains("fixed"), f.detail());
    }

    /**
     * audio [B, N] -> mean square [B, 1] (its log with {@code log}) -> times ones [1, size] -> 'embedding',
     * declared [B, declaredSize] (-1: dynamic); {@code padding} unused floats make the file larger.
     */
    static Onnx.ModelProto toy(int size, int declaredSize, boolean log, int padding) {
        OnnxGraph g = new OnnxGraph("toy");
        g.input(OnnxExporter.INPUT, new long[] {-1, -1}, "batch", "samples");
        String square = g.op(OnnxOp.MUL, List.of(OnnxExporter.INPUT, OnnxExporter.INPUT));
        String mean = g.op(OnnxOp.REDUCE_MEAN, List.of(square), OnnxGraph.attrs("axes", 1),
                OnnxGraph.attr("keepdims", 1));
        if (log) {
            mean = g.op(OnnxOp.LOG, List.of(mean));
        }
        float[] ones = new float[size];
        java.util.Arrays.fill(ones, 1f);
        String out = g.opAs(OnnxExporter.OUTPUT, OnnxOp.MUL, List.of(mean, g.floats("ones", new long[] {1, size},
                ones)));
        g.output(out, new long[] {-1, declaredSize}, "batch", "size");
        if (padding > 0) {
            g.floats("padding", new long[] {padding}, new float[padding]);
        }
        return Onnx.ModelProto.newBuilder().setIrVersion(OnnxOp.IR_VERSION)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxOp.OPSET))
                .setGraph(g.build()).build();
    }

    private static Onnx.ModelProto mutate(Path file, UnaryOperator<Onnx.ModelProto> change) throws IOException {
        return change.apply(Onnx.ModelProto.parseFrom(Files.readAllBytes(file)));
    }

    private static Onnx.ModelProto mutate(Onnx.ModelProto model, UnaryOperator<Onnx.ModelProto> change) {
        return change.apply(model);
    }

    /** The model with the value {@code from} called {@code to} wherever the graph names it. */
    private static Onnx.ModelProto rename(Onnx.ModelProto m, String from, String to) {
        Onnx.ModelProto.Builder b = m.toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        for (Onnx.NodeProto.Builder n : g.getNodeBuilderList()) {
            for (int i = 0; i < n.getInputCount(); i++) {
                if (n.getInput(i).equals(from)) {
                    n.setInput(i, to);
                }
            }
            for (int i = 0; i < n.getOutputCount(); i++) {
                if (n.getOutput(i).equals(from)) {
                    n.setOutput(i, to);
                }
            }
        }
        for (Onnx.ValueInfoProto.Builder v : g.getInputBuilderList()) {
            if (v.getName().equals(from)) {
                v.setName(to);
            }
        }
        for (Onnx.ValueInfoProto.Builder v : g.getOutputBuilderList()) {
            if (v.getName().equals(from)) {
                v.setName(to);
            }
        }
        return b.build();
    }

    private Path write(String name, Onnx.ModelProto model) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, model.toByteArray());
        return file;
    }

    private static Finding finding(Report r, String check) {
        Map<String, Finding> byCheck = r.findings().stream().collect(Collectors.toMap(Finding::check, f -> f));
        assertTrue(byCheck.containsKey(check), "no '" + check + "' finding in " + r.findings());
        return byCheck.get(check);
    }

    private static List<String> checks(Report r) {
        return r.findings().stream().map(Finding::check).toList();
    }
}
