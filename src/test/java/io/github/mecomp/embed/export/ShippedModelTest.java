package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each model in export/ is the one its fixtures/shipped/&lt;tag&gt; was written from: ONNX Runtime running the
 * shipped file reproduces the Java (SameDiff) embeddings of the trained model on every fixture, it keeps
 * MECOMP's contract and size budget, and it carries its provenance. rust-check runs the same fixtures through
 * burn.
 */
class ShippedModelTest {

    @ParameterizedTest
    @MethodSource("io.github.mecomp.embed.export.ShippedModels#all")
    void onnxRuntimeReproducesTheTrainedModelOnEveryFixture(ShippedModels model) throws Exception {
        Path fixtures = model.fixtures();
        assertTrue(Files.isRegularFile(fixtures.resolve("index.json")), model + " has no fixtures in " + fixtures
                + "; write them with " + model.regenerateFixtures());
        JsonNode index = GoldenFixtures.readIndex(fixtures);
        try (OnnxRunner runner = new OnnxRunner(model.onnx(), null)) {
            for (JsonNode c : index.get("cases")) {
                String name = c.get("name").asText();
                float[] pcm = GoldenFixtures.readFloats(fixtures.resolve(c.get("samples").asText()));
                JsonNode want = c.get("embedding");
                float[] got = runner.run(pcm).embedding();
                assertEquals(want.size(), got.length, name);
                double worst = 0;
                for (int i = 0; i < got.length; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - want.get(i).asDouble()));
                }
                assertTrue(worst <= GoldenFixtures.ORT_EMBEDDING_TOLERANCE,
                        name + ": " + model + " differs from the trained model's Java embedding by " + worst
                                + "; after shipping a new model, regenerate with " + model.regenerateFixtures());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.mecomp.embed.export.ShippedModels#all")
    void keepsMecompsContractAndTheSizeBudget(ShippedModels shipped) throws Exception {
        Path file = shipped.onnx();
        assertTrue(Files.size(file) <= 1_000_000, file + " is " + Files.size(file) + " bytes, over 1 MB");
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(17, model.getOpsetImport(0).getVersion());
        Onnx.GraphProto g = model.getGraph();
        assertEquals(1, g.getInputCount());
        assertEquals("audio", g.getInput(0).getName());
        assertEquals(1, g.getOutputCount(), "MECOMP's contract has one output");
        assertEquals("embedding", g.getOutput(0).getName());
        Onnx.TensorShapeProto out = g.getOutput(0).getType().getTensorType().getShape();
        assertEquals(32, out.getDim(1).getDimValue());
        Map<String, String> meta = OnnxModelImport.metadata(model);
        assertEquals("22050", meta.get("sample_rate"));
        for (String key : new String[] {"training", "training_data", "test_triplet_accuracy", "best_epoch"}) {
            assertTrue(meta.containsKey(key), "metadata_props lack '" + key + "': " + meta.keySet());
        }
    }

    /**
     * A model exported with level normalisation (a {@code levelFloor} in its {@code model_config}) gives the same
     * embedding for a song at -12 to +6 dB, in ONNX Runtime as MECOMP runs it; the others are only reported.
     */
    @ParameterizedTest
    @MethodSource("io.github.mecomp.embed.export.ShippedModels#all")
    void levelNormalisedModelsIgnoreTheSongsLevel(ShippedModels shipped) throws Exception {
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(shipped.onnx()));
        String config = OnnxModelImport.metadata(model).getOrDefault("model_config", "{}");
        boolean levelled = new com.fasterxml.jackson.databind.ObjectMapper().readTree(config).path("levelFloor")
                .asDouble(0) > 0;
        float[] song = GoldenFixtures.readFloats(shipped.fixtures().resolve("music.pcm.f32"));
        double worst = 1;
        try (OnnxRunner runner = new OnnxRunner(shipped.onnx(), null)) {
            float[] reference = runner.run(song).embedding();
            for (double db : ModelCheck.GAINS_DB) {
                float[] scaled = ModelCheck.scaled(song, db);
                worst = Math.min(worst, ModelCheck.cosine(reference, runner.run(scaled).embedding()));
            }
        }
        System.out.printf("%s (level normalisation %s): worst cosine at -12..+6 dB %.6f%n", shipped,
                levelled ? "on" : "off", worst);
        if (levelled) {
            assertTrue(worst >= 0.999, shipped + ": cosine " + worst + " between the song at 0 dB and another level");
        }
    }
}
