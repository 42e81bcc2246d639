package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.export.OnnxRunner;
import io.github.mecomp.embed.export.SyntheticAudio;
import io.github.mecomp.embed.model.ArchitectureCheck;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainArchitectureTest {


    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    @Test
    void helpShowsTheArchitectureOptions() {
        assertEquals(0, cli.run("train", "--help"));
        for (String option : List.of("--channels", "--first-stride", "--gru-hidden", "--embedding-size",
                "--windows-per-song", "--window-seconds")) {
            assertTrue(cli.out.toString().contains(option), option + " in " + cli.out);
        }
        assertTrue(cli.out.toString().contains("[16, 32, 64, 128]"), cli.out.toString());
    }

    @Test
    void nonDefaultArchitectureTrainsExportsAndMatchesTheJavaModel() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, cli.trainBriefly(runDir, "--channels", "4,8,8", "--first-stride", "1", "--gru-hidden", "8",
                "--embedding-size", "16", "--windows-per-song", "3", "--window-seconds", "0.5"), cli.err.toString());
        assertTrue(cli.err.toString().contains("MECOMP's index needs 32"), cli.err.toString());

        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertEquals("[4,8,8]", summary.path("model").path("convChannels").toString());
        assertEquals(1, summary.path("model").path("firstConvStride").asInt());
        assertEquals(8, summary.path("model").path("gruHidden").asInt());
        assertEquals(16, summary.path("model").path("embeddingSize").asInt());
        assertEquals(3, summary.path("model").path("sequenceLength").asInt());
        assertEquals(21, summary.path("model").path("inputFrames").asInt(), "0.5 s windows of 512-sample frames");
        assertEquals(0.5, summary.path("frontEnd").path("windowSeconds").asDouble());

        Path onnx = dir.resolve("small.onnx");
        assertEquals(0, cli.run("export", runDir.resolve("model").toString(), "--out", onnx.toString()), cli.err.toString());
        Map<String, String> meta = new HashMap<>();
        Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx)).getMetadataPropsList()
                .forEach(e -> meta.put(e.getKey(), e.getValue()));
        assertEquals("4,8,8", meta.get("conv_channels"));
        assertEquals("1", meta.get("first_conv_stride"));
        assertEquals("8", meta.get("gru_hidden"));
        assertEquals("16", meta.get("embedding_size"));
        assertEquals("3", meta.get("sequence_length"));
        assertEquals("0.5", meta.get("window_seconds"));
        assertEquals("11025", meta.get("window_samples"));

        // the exported graph cuts 0.5 s windows and picks 3 of them as the Java model does
        FrontEndConfig frontEnd = new FrontEndConfig(22_050, 0.5, 512, 512, 64, 0, 8_000, 1e-6);
        float[] song = SyntheticAudio.music(6.2, 22_050, 3);
        float[] expected;
        try (EmbeddingModel model = EmbeddingModel.load(runDir.resolve("model"))) {
            float[][][] windows = new LogMelSpectrogram(frontEnd).windows(new PcmAudio(song, 22_050));
            assertEquals(12, windows.length);
            expected = model.embedSong(windows);
        }
        float[] actual;
        try (OnnxRunner runner = new OnnxRunner(onnx, null)) {
            actual = runner.run(song).embedding();
        }
        assertEquals(16, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "embedding[" + i + "]");
        }

        // a resume must continue the run as it started
        cli.err.getBuffer().setLength(0);
        assertEquals(1, cli.trainBriefly(runDir, "--resume", "--channels", "4,8,8", "--first-stride", "1", "--gru-hidden", "12",
                "--embedding-size", "16", "--windows-per-song", "3", "--window-seconds", "0.5"));
        assertTrue(cli.err.toString().contains("model.gruHidden: 8 before, 12 now"), cli.err.toString());
        cli.err.getBuffer().setLength(0);
        assertEquals(1, cli.trainBriefly(runDir, "--resume"));
        assertTrue(cli.err.toString().contains("another architecture"), cli.err.toString());
        assertTrue(cli.err.toString().contains("frontEnd.windowSeconds: 0.5 before, 1.0 now"), cli.err.toString());
    }

    @Test
    void tooManyLayersForTheWindowIsAUsageError() {
        assertEquals(2, cli.trainBriefly(dir.resolve("r"), "--channels", "8,8,8,8,8,8"));
        assertTrue(cli.err.toString().contains("does not fit the front-end's windows of 43 frames x 64 bands"),
                cli.err.toString());
        assertFalse(Files.exists(dir.resolve("r/triplets.csv")), "refused before any work");
    }

    @Test
    void nonPositiveSizesAreUsageErrors() {
        assertEquals(2, cli.trainBriefly(dir.resolve("r"), "--windows-per-song", "0"));
        assertTrue(cli.err.toString().contains("--windows-per-song must be at least 1, got 0"), cli.err.toString());
        assertEquals(2, cli.trainBriefly(dir.resolve("r"), "--gru-hidden", "-3"));
        assertTrue(cli.err.toString().contains("--gru-hidden must be at least 1, got -3"), cli.err.toString());
        assertEquals(2, cli.trainBriefly(dir.resolve("r"), "--first-stride", "5"));
        assertTrue(cli.err.toString().contains("--first-stride must be 1 to 4, got 5"), cli.err.toString());
        assertEquals(2, cli.trainBriefly(dir.resolve("r"), "--channels", "8,0"));
        assertTrue(cli.err.toString().contains("1 to 1024 channels"), cli.err.toString());
    }

    @Test
    void aNetworkOverTheSizeCeilingIsRefused() {
        assertEquals(2, cli.trainBriefly(dir.resolve("r"), "--channels", "64,256,512"));
        assertTrue(cli.err.toString().contains("over the 5 MB ceiling"), cli.err.toString());
    }

    @Test
    void aNetworkOverOneMegabyteGetsANoteNotAnError() {
        // 16-64-128-256 and GRU 256: 2.1 MB of weights, under the ceiling but over MECOMP's 1 MB
        List<String> notes = ArchitectureCheck.check(ModelConfig.DEFAULT.withConvChannels(List.of(16, 64, 128, 256))
                .withGruHidden(256));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("over the 1 MB MECOMP allows"), notes.get(0));
        assertEquals(List.of(), ArchitectureCheck.check(ModelConfig.DEFAULT));
    }

    @Test
    void fineTuningRefusesArchitectureOptions() {
        assertEquals(2, cli.run("train", "--init", dir.toString(), "--human", "h.csv", "--data", CommandLineRun.DEMO.toString(),
                "--out", dir.resolve("ft").toString(), "--gru-hidden", "64"));
        assertTrue(cli.err.toString().contains("--gru-hidden: fine-tuning keeps the network of the --init model"),
                cli.err.toString());
    }
}
