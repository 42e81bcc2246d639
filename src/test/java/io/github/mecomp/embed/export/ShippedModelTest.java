package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;

/**
 * The model in export/ is the one fixtures/shipped was written from: ONNX Runtime running the shipped file
 * reproduces the Java (SameDiff) embeddings of the trained model on every fixture, it keeps MECOMP's
 * contract and size budget, and it carries its provenance. rust-check runs the same fixtures through burn.
 */
class ShippedModelTest {

    static final Path SHIPPED = Path.of("export/mecomp-embed-v1.onnx");
    private static final Path FIXTURES = Path.of("fixtures/shipped");
    private static final String REGENERATE = "; after shipping a new model, regenerate with `java -jar "
            + "target/mecomp-embed.jar fixtures --model <run>/model --out fixtures/shipped`";

    @Test
    void onnxRuntimeReproducesTheTrainedModelOnEveryFixture() throws Exception {
        JsonNode index = GoldenFixtures.readIndex(FIXTURES);
        try (OnnxRunner runner = new OnnxRunner(SHIPPED, null)) {
            for (JsonNode c : index.get("cases")) {
                String name = c.get("name").asText();
                float[] pcm = GoldenFixtures.readFloats(FIXTURES.resolve(c.get("samples").asText()));
                JsonNode want = c.get("embedding");
                float[] got = runner.run(pcm).embedding();
                assertEquals(want.size(), got.length, name);
                double worst = 0;
                for (int i = 0; i < got.length; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - want.get(i).asDouble()));
                }
                assertTrue(worst <= GoldenFixtures.ORT_EMBEDDING_TOLERANCE,
                        name + ": the shipped model differs from the trained model's Java embedding by " + worst
                                + REGENERATE);
            }
        }
    }

    @Test
    void keepsMecompsContractAndTheSizeBudget() throws Exception {
        assertTrue(Files.size(SHIPPED) <= 1_000_000, SHIPPED + " is " + Files.size(SHIPPED) + " bytes, over 1 MB");
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(SHIPPED));
        assertEquals(17, model.getOpsetImport(0).getVersion());
        Onnx.GraphProto g = model.getGraph();
        assertEquals(1, g.getInputCount());
        assertEquals("audio", g.getInput(0).getName());
        assertEquals(1, g.getOutputCount(), "MECOMP's contract has one output");
        assertEquals("embedding", g.getOutput(0).getName());
        Onnx.TensorShapeProto out = g.getOutput(0).getType().getTensorType().getShape();
        assertEquals(32, out.getDim(1).getDimValue());
        Map<String, String> meta = new HashMap<>();
        model.getMetadataPropsList().forEach(p -> meta.put(p.getKey(), p.getValue()));
        assertEquals("22050", meta.get("sample_rate"));
        for (String key : new String[] {"training", "training_data", "test_triplet_accuracy", "best_epoch"}) {
            assertTrue(meta.containsKey(key), "metadata_props lack '" + key + "': " + meta.keySet());
        }
    }
}
