package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.export.OnnxRunner;
import io.github.mecomp.embed.export.SyntheticAudio;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    private Path saveModel(FrontEndConfig frontEnd, boolean provenance) throws Exception {
        Path modelDir = dir.resolve("model");
        ModelConfig config = ModelConfig.forFrontEnd(frontEnd).withConvChannels(List.of(4, 8)).withGruHidden(8)
                .withEmbeddingSize(6).withSequenceLength(3);
        try (EmbeddingModel model = new EmbeddingModel(config, 5)) {
            model.save(modelDir);
        }
        if (provenance) {
            Files.writeString(modelDir.resolve("provenance.json"), "{\"tool\": \"mecomp-embed test\", "
                    + "\"frontEnd\": " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(frontEnd)
                    + ", \"run\": {\"bestEpoch\": 3, \"bestValidationAccuracy\": 0.75}, "
                    + "\"test\": {\"set/task\": {\"accuracy\": 0.7, \"n\": 100, \"ci95\": [0.6, 0.78]}}}");
        }
        return modelDir;
    }

    @Test
    void exportsAModelFolderWithItsSignatureAndProvenance() throws Exception {
        Path modelDir = saveModel(FrontEndConfig.DEFAULT, true);
        Path onnx = dir.resolve("out/model.onnx");
        assertEquals(0, cli.run("export", modelDir.toString(), "--out", onnx.toString()), cli.err.toString());
        String text = cli.out.toString();
        assertTrue(text.contains("input:  audio float32 [batch, samples]"), text);
        assertTrue(text.contains("output: embedding float32 [batch, 6]"), text);
        assertTrue(text.contains("parameters"), text);
        assertTrue(text.contains("before it goes into MECOMP's model_path: java -jar target/mecomp-embed.jar check "
                + onnx), text);
        assertTrue(text.contains(Files.size(onnx) + " bytes") || text.contains(String.format("%,d bytes", Files.size(onnx))),
                text);
        Onnx.ModelProto model = Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx));
        java.util.Map<String, String> meta = new java.util.HashMap<>();
        model.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        assertEquals("22050", meta.get("sample_rate"));
        assertEquals("3", meta.get("sequence_length"));
        assertEquals("provenance.json", meta.get("front_end_source"));
        assertEquals("3", meta.get("best_epoch"));
        assertTrue(meta.get("test_triplet_accuracy").contains("0.7"), meta.toString());
        assertTrue(meta.containsKey("exported"), meta.toString());
        try (OnnxRunner runner = new OnnxRunner(onnx, null)) {
            assertEquals(6, runner.run(SyntheticAudio.tone(440, 0.5, 3.0, 22_050)).embedding().length);
        }
    }

    @Test
    void warnsWhenTheFolderHasNoProvenance() throws Exception {
        Path modelDir = saveModel(FrontEndConfig.DEFAULT, false);
        assertEquals(0, cli.run("export", modelDir.toString(), "--out", dir.resolve("m.onnx").toString()));
        assertTrue(cli.err.toString().contains("gives no front-end settings; using the defaults"), cli.err.toString());
    }

    @Test
    void refusesAModelTrainedAtAnotherRateUnlessAsked() throws Exception {
        Path modelDir = saveModel(FrontEndConfig.DEFAULT.withSampleRate(16_000), true);
        Path onnx = dir.resolve("m16.onnx");
        assertEquals(1, cli.run("export", modelDir.toString(), "--out", onnx.toString()));
        assertTrue(cli.err.toString().contains("MECOMP decodes every song to 22050 Hz"), cli.err.toString());
        assertTrue(!Files.exists(onnx));
        assertEquals(0, cli.run("export", modelDir.toString(), "--out", onnx.toString(), "--any-sample-rate"));
        assertTrue(Files.isRegularFile(onnx));
    }

    @Test
    void reportsAMissingModelFolder() {
        assertEquals(1, cli.run("export", dir.resolve("nope").toString(), "--out", dir.resolve("x.onnx").toString()));
        assertTrue(cli.err.toString().contains("nope"), cli.err.toString());
    }

    @Test
    void writesFixturesOfAModelFolder() throws Exception {
        Path modelDir = saveModel(FrontEndConfig.DEFAULT, true);
        Path golden = dir.resolve("golden");
        assertEquals(0, cli.run("fixtures", "--model", modelDir.toString(), "--out", golden.toString()), cli.err.toString());
        assertTrue(cli.out.toString().contains("wrote 5 cases"), cli.out.toString());
        for (String f : List.of("index.json", "model.onnx", "tone.pcm.f32", "music.logmel.f32")) {
            assertTrue(Files.isRegularFile(golden.resolve(f)), f);
        }
    }
}
