package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exported file read back ({@link OnnxModelImport}) is the model that was exported: the same weights to the
 * bit, configuration and front-end, also from files older than the {@code front_end_config} key; a re-export keeps
 * the provenance; and every shipped file is what this exporter writes from its own weights.
 */
class OnnxModelImportTest {

    private static final FrontEndConfig FRONT_END = FrontEndConfig.DEFAULT.withCrestChannel(true)
            .withHarmonyChannel(true).withChromaFrames(3);
    private static final ModelConfig CONFIG = ModelConfig.forFrontEnd(FRONT_END).withConvChannels(List.of(4, 8))
            .withGruHidden(8).withEmbeddingSize(6).withSequenceLength(5).withLevelFloor(FRONT_END.logFloor())
            .withWindowMean(true);

    @TempDir
    Path dir;

    private static EmbeddingModel model() {
        EmbeddingModel m = new EmbeddingModel(CONFIG, 31);
        m.randomiseBiases(0.3, 32);
        float[] mean = new float[CONFIG.inputBands()];
        float[] std = new float[CONFIG.inputBands()];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = -7f + 0.1f * i;
            std[i] = 2f + 0.03f * i;
        }
        m.setInputNormalisation(mean, std);
        return m;
    }

    private Path exported(EmbeddingModel model, Map<String, String> drop) throws IOException {
        Onnx.ModelProto proto;
        try (ModelExport.Source source = new ModelExport.Source(model, FRONT_END, true, Optional.empty())) {
            proto = ModelExport.build(source, ExportOptions.DEFAULT, "test", Instant.EPOCH);
        }
        Onnx.ModelProto.Builder b = proto.toBuilder().clearMetadataProps();
        proto.getMetadataPropsList().stream().filter(p -> !drop.containsKey(p.getKey())).forEach(b::addMetadataProps);
        Path file = dir.resolve("model.onnx");
        ModelExport.write(b.build(), file);
        return file;
    }

    @Test
    void readsBackTheExportedWeightsConfigurationAndFrontEnd() throws Exception {
        Map<String, float[]> want = new HashMap<>();
        Path file;
        try (EmbeddingModel m = model()) {
            m.weights().forEach((name, a) -> want.put(name, a.reshape(a.length()).toFloatVector()));
            file = exported(m, Map.of());
        }
        try (ModelExport.Source back = ModelExport.load(file)) {
            assertEquals(CONFIG, back.model().config());
            assertEquals(FRONT_END, back.frontEnd());
            assertTrue(back.reexport());
            Map<String, INDArray> got = back.model().weights();
            assertEquals(want.keySet(), got.keySet());
            want.forEach((name, values) -> assertArrayEquals(values,
                    got.get(name).reshape(got.get(name).length()).toFloatVector(), 0f, name));
        }
    }

    @Test
    void olderFilesGiveTheFrontEndKeyByKey() throws Exception {
        Path file;
        try (EmbeddingModel m = model()) {
            file = exported(m, Map.of(OnnxModelImport.FRONT_END_CONFIG, ""));
        }
        try (ModelExport.Source back = ModelExport.load(file)) {
            assertEquals(FRONT_END, back.frontEnd());
        }
    }

    @Test
    void reexportKeepsTheProvenanceAndSaysWhatItDid() throws Exception {
        Path file;
        try (EmbeddingModel m = model()) {
            file = exported(m, Map.of());
        }
        Onnx.ModelProto original = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        Onnx.ModelProto.Builder b = original.toBuilder()
                .addMetadataProps(entry("training", "{\"seed\":4}"))
                .addMetadataProps(entry("test_triplet_accuracy", "{\"a\":1}"));
        ModelExport.write(b.build(), file);
        Onnx.ModelProto again;
        try (ModelExport.Source back = ModelExport.load(file)) {
            again = ModelExport.build(back, ExportOptions.DEFAULT, "later", Instant.parse("2026-12-07T00:00:00Z"));
        }
        Map<String, String> meta = new HashMap<>();
        again.getMetadataPropsList().forEach(p -> meta.put(p.getKey(), p.getValue()));
        assertEquals("{\"seed\":4}", meta.get("training"));
        assertEquals("{\"a\":1}", meta.get("test_triplet_accuracy"));
        assertEquals("31", meta.get("model_seed"));
        assertEquals("later", meta.get("tool_version"));
        assertTrue(meta.get("reexported").contains("exported 1970-01-01T00:00:00Z by test"), meta.get("reexported"));
        assertEquals("1970-01-01T00:00:00Z", meta.get("first_exported"));
        Path twice = dir.resolve("twice.onnx");
        ModelExport.write(again, twice);
        try (ModelExport.Source back = ModelExport.load(twice)) {
            Map<String, String> third = new HashMap<>();
            ModelExport.build(back, ExportOptions.DEFAULT, "latest", Instant.parse("2026-12-08T00:00:00Z"))
                    .getMetadataPropsList().forEach(p -> third.put(p.getKey(), p.getValue()));
            assertEquals("1970-01-01T00:00:00Z", third.get("first_exported"), "a second re-export keeps the first date");
            assertEquals("2026-12-08T00:00:00Z", third.get("exported"));
        }
        assertEquals(original.getGraph(), again.getGraph(), "the same model and exporter give the same graph");
    }

    /**
     * Each file in export/ is what this exporter writes from its weights: after a change to the graph, export the
     * shipped files again (commands in fixtures/README.md) so that MECOMP gets the new graph.
     */
    @ParameterizedTest
    @MethodSource("io.github.mecomp.embed.export.ShippedModels#all")
    void shippedFilesAreWhatTheExporterWritesNow(ShippedModels shipped) throws Exception {
        Onnx.ModelProto committed = Onnx.ModelProto.parseFrom(Files.readAllBytes(shipped.onnx()));
        Onnx.ModelProto now;
        try (ModelExport.Source back = ModelExport.load(shipped.onnx())) {
            now = ModelExport.build(back, ExportOptions.DEFAULT, "test", Instant.EPOCH);
        }
        assertTrue(now.getGraph().equals(committed.getGraph()), shipped + ": the exporter now writes another graph ("
                + now.getGraph().getNodeCount() + " nodes, the file " + committed.getGraph().getNodeCount()
                + "); export it again with `java -jar target/mecomp-embed.jar export " + shipped.onnx() + " --out "
                + shipped.onnx() + "` and write its fixtures again");
    }

    @Test
    void badFilesAreNamedWithWhatIsWrong() throws Exception {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "not a model");
        IOException e = assertThrows(IOException.class, () -> ModelExport.load(text));
        assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not an ONNX model"),
                e.getMessage());

        Path bare = dir.resolve("bare.onnx");
        ModelExport.write(Onnx.ModelProto.newBuilder().setIrVersion(8).build(), bare);
        e = assertThrows(IOException.class, () -> ModelExport.load(bare));
        assertTrue(e.getMessage().contains(bare.toString()) && e.getMessage().contains("model_config"),
                e.getMessage());

        Path file;
        try (EmbeddingModel m = model()) {
            file = exported(m, Map.of());
        }
        Onnx.ModelProto proto = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        Onnx.GraphProto.Builder g = proto.getGraph().toBuilder().clearInitializer();
        proto.getGraph().getInitializerList().stream().filter(t -> !t.getName().equals("proj_w"))
                .forEach(g::addInitializer);
        ModelExport.write(proto.toBuilder().setGraph(g).build(), file);
        e = assertThrows(IOException.class, () -> ModelExport.load(file));
        assertTrue(e.getMessage().contains("'proj_w'"), e.getMessage());
    }

    private static Onnx.StringStringEntryProto entry(String key, String value) {
        return Onnx.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
