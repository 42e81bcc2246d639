package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import io.github.mecomp.embed.train.BandStatistics;
import io.github.mecomp.embed.train.ClipLibrary;
import io.github.mecomp.embed.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The human-feedback loop end to end, with simulated listeners whose notion of similarity is known. */
class FineTuneTest {

    private static final int RATE = 22_050;

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    /**
     * Listeners who judge by brightness answer 240 questions about 40 tones; an untrained model agrees with them
     * on the held-out fifth about as often as a coin would, and fine-tuning on the rest must raise that
     * clearly. If fine-tuning did nothing, the accuracy after would equal the accuracy before.
     */
    @Test
    void fineTuningOnSimulatedListenersRaisesTheirHeldOutAccuracy() throws IOException {
        Path clips = synthesisedClips(dir.resolve("clips"), 40);
        Path answers = dir.resolve("answers.csv");
        assertEquals(0, cli.run("simulate-raters", "--clips", clips.toString(), "--property", "brightness",
                "--questions", "240", "--noise", "0.05", "--threads", "1", "--out", answers.toString()), cli.err.toString());
        Path init = tinyModel(clips, dir.resolve("init"));
        Path runDir = dir.resolve("run");
        String[] train = {"train", "--init", init.toString(), "--human", answers.toString(), "--human-clips",
            clips.toString(), "--out", runDir.toString(), "--epochs", "5", "--batch", "16", "--train-windows", "2",
            "--lr", "1e-2", "--threads", "1"};
        assertEquals(0, cli.run(train), cli.err.toString());

        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        JsonNode fineTuning = summary.get("fineTuning");
        double before = fineTuning.at("/heldOutBefore/accuracy").asDouble();
        double after = fineTuning.at("/heldOutAfter/accuracy").asDouble();
        assertEquals(48, fineTuning.at("/heldOutAfter/n").asInt(), "a fifth of 240 questions, one vote each");
        System.out.printf(java.util.Locale.ROOT, "FineTuneTest: held-out accuracy %.3f before, %.3f after%n", before,
                after);
        assertTrue(before < 0.65, "an untrained model knows nothing of brightness judgements: " + before);
        assertTrue(after > before + 0.15, "fine-tuning must raise the held-out accuracy: " + before + " -> " + after);
        assertTrue(cli.out.toString().contains("held-out human triplets: before "), cli.out.toString());

        JsonNode provenance = new ObjectMapper().readTree(runDir.resolve("model/provenance.json").toFile());
        assertEquals(init.toAbsolutePath().normalize().toString(), provenance.at("/fineTuning/init/path").asText());
        assertEquals(64, provenance.at("/fineTuning/init/sha256").asText().length());
        assertEquals(answers.toAbsolutePath().normalize().toString(), provenance.at("/fineTuning/human/file").asText());
        assertEquals(240, provenance.at("/fineTuning/human/votes").asInt());
        assertEquals(1e-2, provenance.at("/training/learningRate").asDouble(), "the value given");
        assertEquals(TrainingConfig.FINE_TUNE.warmupSteps(), provenance.at("/training/warmupSteps").asInt(),
                "the fine-tuning default where none was given");
        try (EmbeddingModel init0 = EmbeddingModel.load(init);
             EmbeddingModel tuned = EmbeddingModel.load(runDir.resolve("model"))) {
            assertArrayEquals(init0.inputMean(), tuned.inputMean(), "the input normalisation stays the init model's");
        }

        // a finished run resumed is the same run: nothing left to train, the same figures
        cli.out.getBuffer().setLength(0);
        assertEquals(0, cli.run(append(train, "--resume")), cli.err.toString());
        JsonNode resumed = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertEquals(after, resumed.at("/fineTuning/heldOutAfter/accuracy").asDouble());
        assertEquals(before, resumed.at("/fineTuning/heldOutBefore/accuracy").asDouble());
    }

    @Test
    void fineTuningOptionsNeedEachOther() {
        assertEquals(2, cli.run("train", "--human", "h.csv", "--data", "x", "--out", dir.toString()));
        assertTrue(cli.err.toString().contains("--init MODEL_DIR"), cli.err.toString());
        cli.err.getBuffer().setLength(0);
        assertEquals(2, cli.run("train", "--init", "m", "--out", dir.toString()));
        assertTrue(cli.err.toString().contains("--human FILE"), cli.err.toString());
        cli.err.getBuffer().setLength(0);
        assertEquals(2, cli.run("train", "--init", "m", "--human", "h.csv", "--out", dir.toString()));
        assertTrue(cli.err.toString().contains("--human-clips DIR"), cli.err.toString());
        cli.err.getBuffer().setLength(0);
        assertEquals(2, cli.run("train", "--init", "m", "--human", "h.csv", "--human-clips", "c", "--mix-weak", "0.3",
                "--out", dir.toString()));
        assertTrue(cli.err.toString().contains("--mix-weak mines weak triplets from --data"), cli.err.toString());
    }

    @Test
    void aRunFolderIsLeftAloneWithoutResume() throws IOException {
        Path runDir = java.nio.file.Files.createDirectories(dir.resolve("run"));
        java.nio.file.Files.writeString(runDir.resolve("state.json"), "{}");
        assertEquals(1, cli.run("train", "--init", "m", "--human", "h.csv", "--human-clips", dir.toString(), "--out",
                runDir.toString()));
        assertTrue(cli.err.toString().contains("holds a run already; pass --resume"), cli.err.toString());
        assertTrue(!java.nio.file.Files.exists(runDir.resolve("human-triplets.csv")), "nothing written into it");
    }

    @Test
    void anInitModelForOtherWindowsIsRefusedBeforeAnyAudioIsRead() throws IOException {
        ModelConfig config = new ModelConfig(43, 32, List.of(2), 1, 4, 4, 2);
        try (EmbeddingModel model = new EmbeddingModel(config, 1)) {
            model.save(dir.resolve("m32"));
        }
        assertEquals(1, cli.run("train", "--init", dir.resolve("m32").toString(), "--human", "h.csv", "--human-clips",
                dir.toString(), "--out", dir.resolve("run").toString()));
        assertTrue(cli.err.toString().contains("the model takes windows of 43 frames x 32 mel bands, the front-end makes 43 x 64 mel bands"),
                cli.err.toString());
    }

    /**
     * A fine-tuning run takes the --init model's front-end from its provenance: a crest-channel model needs no
     * --crest-channel, a model from before that setting existed (no crestChannel in its record) is not refused for
     * lacking it, and an option that contradicts the record is refused by name. Each run then stops at the missing
     * human triplets, which are read after the model.
     */
    @Test
    void anInitModelBringsItsOwnFrontEnd() throws IOException {
        FrontEndConfig crest = FrontEndConfig.DEFAULT.withCrestChannel(true);
        Path crestModel = modelWithProvenance(dir.resolve("crest"), crest,
                new ObjectMapper().valueToTree(crest).toString());
        String oldRecord = new ObjectMapper().valueToTree(FrontEndConfig.DEFAULT).toString()
                .replace(",\"crestChannel\":false", "");
        assertTrue(!oldRecord.contains("crestChannel"), oldRecord);
        Path oldModel = modelWithProvenance(dir.resolve("old"), FrontEndConfig.DEFAULT, oldRecord);
        for (Path model : List.of(crestModel, oldModel)) {
            cli.err.getBuffer().setLength(0);
            assertEquals(1, cli.run("train", "--init", model.toString(), "--human", dir.resolve("none.csv").toString(),
                    "--human-clips", dir.toString(), "--out", dir.resolve("run-" + model.getFileName()).toString()));
            assertTrue(cli.err.toString().contains("none.csv") && !cli.err.toString().contains("front-end"),
                    cli.err.toString());
        }
        cli.err.getBuffer().setLength(0);
        assertEquals(1, cli.run("train", "--init", crestModel.toString(), "--human", "h.csv", "--human-clips",
                dir.toString(), "--mel-bands", "40", "--out", dir.resolve("run").toString()));
        assertTrue(cli.err.toString().contains("--mel-bands 40 given, 64 recorded"), cli.err.toString());
    }

    private static Path modelWithProvenance(Path target, FrontEndConfig frontEnd, String frontEndJson)
            throws IOException {
        ModelConfig config = ModelConfig.forFrontEnd(frontEnd).withConvChannels(List.of(2)).withGruHidden(4)
                .withEmbeddingSize(4).withSequenceLength(2);
        try (EmbeddingModel model = new EmbeddingModel(config, 1)) {
            model.save(target);
        }
        java.nio.file.Files.writeString(target.resolve("provenance.json"), "{\"frontEnd\": " + frontEndJson + "}");
        return target;
    }

    private static String[] append(String[] args, String extra) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = extra;
        return out;
    }

    /**
     * Harmonic tones whose pitch and spectral tilt vary independently, 2 s each: brightness depends on both,
     * so a model must learn the rater's mix of them. Two windows, as many as a training crop, so that training
     * and validation share one graph (building graphs is most of what a model this small costs).
     */
    static Path synthesisedClips(Path folder, int count) throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < count; i++) {
            double f0 = 100 * Math.pow(8, random.nextDouble());
            double tilt = 0.3 + 2.7 * random.nextDouble();
            int n = 2 * RATE;
            float[] x = new float[n];
            for (int k = 1; k * f0 < 8_000; k++) {
                double amp = Math.pow(k, -tilt);
                double phase = random.nextDouble() * 2 * Math.PI;
                for (int s = 0; s < n; s++) {
                    x[s] += (float) (amp * Math.sin(2 * Math.PI * k * f0 * s / RATE + phase));
                }
            }
            float peak = 0;
            for (float v : x) {
                peak = Math.max(peak, Math.abs(v));
            }
            for (int s = 0; s < n; s++) {
                x[s] *= 0.5f / peak;
            }
            TestAudio.writeWav(folder.resolve(String.format("tone%02d.wav", i)), x, RATE);
        }
        return folder;
    }

    /** A small untrained model with input normalisation from the clips, saved as a fine-tuning start. */
    static Path tinyModel(Path clips, Path target) throws IOException {
        FrontEnd frontEnd = new FrontEnd(FrontEndConfig.DEFAULT);
        Map<String, float[][][]> windows = new HashMap<>();
        try (var files = java.nio.file.Files.list(clips)) {
            for (Path f : files.toList()) {
                windows.put(f.getFileName().toString(), frontEnd.windows(f));
            }
        }
        BandStatistics bands = BandStatistics.of(ClipLibrary.of(windows), windows.keySet());
        ModelConfig config = ModelConfig.forFrontEnd(FrontEndConfig.DEFAULT).withConvChannels(List.of(4, 8))
                .withGruHidden(8).withEmbeddingSize(8).withSequenceLength(2);
        try (EmbeddingModel model = new EmbeddingModel(config, 3)) {
            model.setInputNormalisation(bands.mean(), bands.std());
            model.save(target);
        }
        return target;
    }
}
