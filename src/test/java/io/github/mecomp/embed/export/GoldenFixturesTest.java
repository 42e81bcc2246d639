package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.model.EmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import onnx.Onnx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed fixtures/golden must be what the code produces now: same inputs, same Java log-mel and
 * embeddings, the same exported graph, and ONNX Runtime must reproduce them. When this fails after an intended
 * change, regenerate with {@code java -jar mecomp-embed.jar fixtures --out fixtures/golden} and say so in the
 * commit (rust-check reads these files).
 */
class GoldenFixturesTest {

    private static final Path DIR = Path.of("fixtures/golden");
    private static final String REGENERATE = "; if the change is intended, regenerate with "
            + "`java -jar target/mecomp-embed.jar fixtures --out fixtures/golden`";
    private static EmbeddingModel model;
    private static JsonNode index;

    @BeforeAll
    static void load() throws Exception {
        model = GoldenFixtures.referenceModel();
        index = GoldenFixtures.readIndex(DIR);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void inputsAreTheSyntheticCases() throws Exception {
        List<GoldenFixtures.Case> cases = GoldenFixtures.cases(22_050);
        assertEquals(cases.size(), index.get("cases").size());
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = index.get("cases").get(i);
            assertEquals(cases.get(i).name(), c.get("name").asText());
            float[] pcm = GoldenFixtures.readFloats(DIR.resolve(c.get("samples").asText()));
            assertEquals(c.get("sampleCount").asInt(), pcm.length);
            assertArrayEquals(cases.get(i).samples(), pcm, c.get("name").asText() + REGENERATE);
        }
    }

    @Test
    void javaOutputsMatchTheCommittedOnes() throws Exception {
        for (JsonNode c : index.get("cases")) {
            String name = c.get("name").asText();
            float[] pcm = GoldenFixtures.readFloats(DIR.resolve(c.get("samples").asText()));
            GoldenFixtures.Expected e = GoldenFixtures.expected(model, FrontEndConfig.DEFAULT, pcm);
            assertEquals(c.get("windowCount").asInt(), e.windowCount(), name);
            int[] selected = new int[c.get("selectedWindows").size()];
            for (int i = 0; i < selected.length; i++) {
                selected[i] = c.get("selectedWindows").get(i).asInt();
            }
            assertArrayEquals(selected, e.selected(), name);
            float[] mel = GoldenFixtures.readFloats(DIR.resolve(c.get("logMel").asText()));
            assertEquals(selected.length * 43 * 64, mel.length, name);
            double melError = GoldenFixtures.maxAbs(mel, GoldenFixtures.flatten(e.logMel()));
            assertTrue(melError <= 1e-6, name + ": Java log-mel differs by " + melError + REGENERATE);
            float[] embedding = floats(c.get("embedding"));
            double embeddingError = GoldenFixtures.maxAbs(embedding, e.embedding());
            assertTrue(embeddingError <= 1e-5, name + ": Java embedding differs by " + embeddingError + REGENERATE);
        }
    }

    @Test
    void onnxRuntimeReproducesTheCommittedOutputs() throws Exception {
        try (OnnxRunner runner = new OnnxRunner(DIR.resolve(GoldenFixtures.MODEL), null)) {
            for (JsonNode c : index.get("cases")) {
                String name = c.get("name").asText();
                OnnxRunner.Output out = runner.run(GoldenFixtures.readFloats(DIR.resolve(c.get("samples").asText())));
                double de = GoldenFixtures.maxAbs(floats(c.get("embedding")), out.embedding());
                assertTrue(de <= 1e-5, name + ": embedding differs by " + de);
                float[] mel = GoldenFixtures.readFloats(DIR.resolve(c.get("logMel").asText()));
                float[][][] graph = out.logMel().orElseThrow();
                int k = c.get("selectedWindows").size();
                float[] firstSlots = new float[mel.length];
                int p = 0;
                for (int i = 0; i < k; i++) {
                    for (float[] frame : graph[i]) {
                        System.arraycopy(frame, 0, firstSlots, p, frame.length);
                        p += frame.length;
                    }
                }
                double dm = GoldenFixtures.maxAbs(mel, firstSlots);
                assertTrue(dm <= GoldenFixtures.LOG_MEL_TOLERANCE, name + ": log-mel differs by " + dm);
            }
        }
    }

    @Test
    void toleranceIsTheOneTheCodeAllows() {
        assertEquals(GoldenFixtures.TOLERANCE, index.at("/tolerance/embedding").asDouble(), 0, "embedding" + REGENERATE);
        assertEquals(GoldenFixtures.LOG_MEL_TOLERANCE, index.at("/tolerance/logMel").asDouble(), 0, "log-mel" + REGENERATE);
    }

    @Test
    void committedModelIsWhatTheExporterWritesNow() throws Exception {
        Onnx.ModelProto committed = Onnx.ModelProto.parseFrom(Files.readAllBytes(DIR.resolve(GoldenFixtures.MODEL)));
        Onnx.ModelProto now;
        try (ModelExport.Source source = new ModelExport.Source(GoldenFixtures.referenceModel(), FrontEndConfig.DEFAULT,
                false, Optional.empty())) {
            now = ModelExport.build(source, ExportOptions.DEFAULT.withLogMelOutput(true), "test", Instant.EPOCH);
        }
        assertEquals(now.getOpsetImport(0).getVersion(), committed.getOpsetImport(0).getVersion());
        assertTrue(now.getGraph().equals(committed.getGraph()),
                "the exported graph changed (" + now.getGraph().getNodeCount() + " nodes now, "
                        + committed.getGraph().getNodeCount() + " committed)" + REGENERATE);
    }

    @Test
    void fixturesStaySmall() throws Exception {
        long total = 0;
        try (var files = Files.list(DIR)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                total += Files.size(f);
            }
        }
        assertTrue(total < 2_100_000, "fixtures/golden holds " + total + " bytes");
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
