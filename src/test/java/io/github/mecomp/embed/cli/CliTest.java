package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mecomp.embed.TestAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    /** Every command the tool has; both tests below read this one list. */
    static List<String> commands() {
        return List.of("mel", "excerpts", "triplets", "train", "eval", "report", "bench", "embed", "similar",
                "playlist", "export", "fixtures", "sweep", "seeds", "survey", "survey-export", "simulate-raters");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelp(String command) {
        assertEquals(0, cli.run(command, "--help"));
        assertTrue(cli.out.toString().contains("Usage: mecomp-embed " + command), cli.out.toString());
    }

    @Test
    void topLevelHelpListsTheCommands() {
        assertEquals(0, cli.run("--help"));
        for (String c : commands()) {
            assertTrue(cli.out.toString().contains(c), cli.out.toString());
        }
    }

    @Test
    void melGoesOnPastABadFileAndReportsIt() throws IOException {
        Path good = TestAudio.writeWav(dir.resolve("in/good.wav"), TestAudio.sine(440, 0.5, 2.0, 22_050), 22_050);
        Path bad = Files.writeString(dir.resolve("in/bad.wav"), "this is not audio");
        assertEquals(0, cli.run("mel", good.toString(), bad.toString(), "--out", dir.resolve("out").toString()));
        assertTrue(cli.err.toString().contains("bad.wav"), cli.err.toString());
        assertTrue(cli.err.toString().contains("1 file(s) could not be used"), cli.err.toString());
        Path npy = dir.resolve("out/good.wav.npy");
        assertTrue(Files.isRegularFile(npy));
        byte[] bytes = Files.readAllBytes(npy);
        String header = new String(bytes, 10, 118, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (2, "), header);
        assertTrue(!Files.exists(dir.resolve("out/bad.wav.npy")), "nothing written for the bad file");
    }

    @Test
    void melFailsWhenNothingCouldBeRead() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.mp3"), "");
        assertEquals(1, cli.run("mel", bad.toString()));
        assertTrue(cli.err.toString().contains("bad.mp3"), cli.err.toString());
    }

    @Test
    void missingInputIsAClearError() {
        assertEquals(1, cli.run("mel", dir.resolve("nowhere.wav").toString()));
        assertTrue(cli.err.toString().contains("nowhere.wav"), cli.err.toString());
    }

    @Test
    void evalScoresTheMfccBaselineAndWritesJson() throws IOException {
        Path set = toySet(dir.resolve("toy"));
        Path json = dir.resolve("scores.json");
        assertEquals(0, cli.run("eval", "--baseline", "mfcc", "--data", set.toString(), "--json", json.toString()), cli.err.toString());
        JsonNode task = new ObjectMapper().readTree(json.toFile()).get("tasks").get("toy/pitch");
        assertEquals(8, task.get("n").asInt());
        assertEquals(1.0, task.get("accuracy").asDouble(), "tones an octave apart are told apart: " + cli.out);
        assertEquals(2, task.get("ci95").size());
        assertTrue(cli.out.toString().contains("toy/pitch"), cli.out.toString());
    }

    @Test
    void evalScoresEmbeddingsFromCsv() throws IOException {
        Path set = toySet(dir.resolve("toy"));
        StringBuilder csv = new StringBuilder("clip_id,e0\n");
        for (int i = 0; i < 8; i++) {
            csv.append("low").append(i).append(",0\n").append("high").append(i).append(",").append(i + 10).append('\n');
        }
        Path file = Files.writeString(dir.resolve("emb.csv"), csv);
        assertEquals(0, cli.run("eval", "--embeddings", file.toString(), "--data", set.toString()), cli.err.toString());
        assertTrue(cli.out.toString().contains("toy/pitch"), cli.out.toString());
    }

    @Test
    void tripletsWritesMinedTriplets() throws IOException {
        Path set = toySet(dir.resolve("toy"));
        Path csv = dir.resolve("mined.csv");
        assertEquals(0, cli.run("triplets", "--data", set.toString(), "--out", csv.toString(), "--validation-fraction", "0"),
                cli.err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("dataset,relation,anchor,positive,negative"), lines.get(0));
        assertTrue(lines.size() > 1);
    }

    @Test
    void trainWritesAModelThatEvalCanScore() throws IOException {
        Path run = dir.resolve("run");
        Path demo = Path.of("fixtures/demo-set");
        assertEquals(0, cli.run("train", "--data", demo.toString(), "--out", run.toString(), "--epochs", "2",
                "--triplets-per-epoch", "16", "--batch", "8", "--train-windows", "2", "--hard-from", "2",
                "--threads", "1"), cli.err.toString());
        for (String file : List.of("model/model.json", "model/provenance.json", "summary.json", "test-eval.json",
                "curves.png", "triplets.csv", "state.json")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), file + " written");
        }
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals(2, summary.get("run").get("epochs").size());
        assertTrue(summary.get("test").has("demo-set/artist"), summary.toString());
        // the command that trained it, as it can be run again
        String command = "java -Xmx1536m -jar target/mecomp-embed.jar train --data fixtures/demo-set --out "
                + CommandLines.quoted(run.toString()) + " --epochs 2 --triplets-per-epoch 16 --batch 8 "
                + "--train-windows 2 --hard-from 2 --threads 1";
        assertEquals(command, summary.get("command").asText());
        assertEquals(command, new ObjectMapper().readTree(run.resolve("model/provenance.json").toFile())
                .get("command").asText());
        cli.out.getBuffer().setLength(0);
        assertEquals(0, cli.run("eval", "--model", run.resolve("model").toString(), "--data", demo.toString()),
                cli.err.toString());
        assertTrue(cli.out.toString().contains("demo-set/artist"), cli.out.toString());
    }

    @Test
    void trainWithBatchAllWeightAveragingAndMasksSavesTheAverage() throws IOException {
        Path run = dir.resolve("run");
        Path demo = Path.of("fixtures/demo-set");
        assertEquals(0, cli.run("train", "--data", demo.toString(), "--out", run.toString(), "--epochs", "1",
                "--triplets-per-epoch", "16", "--batch", "8", "--train-windows", "2", "--loss", "batch-all",
                "--pk", "3,2", "--soft-margin", "--ema", "0.9", "--normalise-level", "--threads", "1",
                "--mask-bands", "8", "--mask-frames", "4", "--weight-decay", "0.05", "--spread-crops=artist",
                "--spread-share", "0.5", "--dropout", "0.2", "--no-test-eval"),
                cli.err.toString());
        assertTrue(cli.out.toString().contains("batch-all soft-margin over 3 x 2 batches"), cli.out.toString());
        JsonNode training = new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("training");
        assertEquals(8, training.get("maskBands").asInt());
        assertEquals(4, training.get("maskFrames").asInt());
        assertEquals("BATCH_ALL", training.get("loss").get("kind").asText());
        assertEquals(0.9, training.get("weightAverage").asDouble());
        assertEquals(0.05, training.get("weightDecay").asDouble());
        assertEquals(0.2, training.get("dropout").asDouble());
        assertEquals("[\"artist\"]", training.get("spreadCrops").get("relations").toString());
        assertEquals(0.5, training.get("spreadCrops").get("share").asDouble());
        assertTrue(Files.isRegularFile(run.resolve("model/training/proj_w.npy")),
                "the trained weights beside the average");
        String model = Files.readString(run.resolve("model/model.json"));
        assertTrue(model.contains("\"decay\" : 0.9"), model);
        assertTrue(model.contains("\"levelFloor\" : 1.0E-6"), model);
        assertTrue(model.contains("\"weightDecay\" : 0.05"), "the model's Adam settings, for a resumed run: " + model);
        assertTrue(model.contains("\"dropout\" : 0.2"), "the dropout too: " + model);
    }

    @Test
    void spreadCropsForRelationsNeedAGroupLossAndARelationTheBatchesHave() {
        Path demo = Path.of("fixtures/demo-set");
        assertEquals(2, cli.run("train", "--data", demo.toString(), "--out", dir.resolve("t").toString(),
                "--spread-crops=album", "--no-test-eval"));
        assertTrue(cli.err.toString().contains("spread crops for named relations need a group loss"), cli.err.toString());
        cli.err.getBuffer().setLength(0);
        assertEquals(1, cli.run("train", "--data", demo.toString(), "--out", dir.resolve("g").toString(),
                "--loss", "batch-all", "--pk", "3,2", "--epochs", "1", "--spread-crops=artst", "--no-test-eval"));
        assertTrue(cli.err.toString().contains("--spread-crops: 'artst' names no relation that training batches are"
                + " drawn from; they are [demo-set/artist"), cli.err.toString());
        cli.err.getBuffer().setLength(0);
        assertEquals(2, cli.run("train", "--data", demo.toString(), "--out", dir.resolve("s").toString(),
                "--spread-share", "0.5", "--no-test-eval"));
        assertTrue(cli.err.toString().contains("--spread-share 0.5 is the share of clips that take spread crops;"
                + " give --spread-crops too"), cli.err.toString());
        assertFalse(Files.exists(dir.resolve("s")), "nothing written");
    }

    /**
     * A run with the crest channel: its model says so, exports, and is evaluated with its own front-end without
     * being told, beside a model of the plain front-end in one run; an option that contradicts its front-end is
     * refused by name.
     */
    @Test
    void trainWithTheCrestChannelExportsAndEvaluatesWithIt() throws IOException {
        Path run = dir.resolve("run");
        Path demo = Path.of("fixtures/demo-set");
        assertEquals(0, cli.run("train", "--data", demo.toString(), "--out", run.toString(), "--epochs", "1",
                "--triplets-per-epoch", "16", "--batch", "8", "--train-windows", "2", "--normalise-level",
                "--crest-channel", "--threads", "1", "--no-test-eval"), cli.err.toString());
        String model = Files.readString(run.resolve("model/model.json"));
        assertTrue(model.contains("\"crestChannel\" : true") && model.contains("\"inputBands\" : 65"), model);
        assertEquals(0, cli.run("export", run.resolve("model").toString(), "--out", dir.resolve("m.onnx").toString()),
                cli.err.toString());
        String trainCommand = Onnx.ModelProto.parseFrom(Files.readAllBytes(dir.resolve("m.onnx")))
                .getMetadataPropsList().stream().filter(p -> p.getKey().equals("train_command"))
                .map(Onnx.StringStringEntryProto::getValue).findFirst().orElse("none");
        assertTrue(trainCommand.endsWith(" train --data fixtures/demo-set --out " + CommandLines.quoted(run.toString())
                + " --epochs 1 --triplets-per-epoch 16 --batch 8 --train-windows 2 --normalise-level --crest-channel"
                + " --threads 1 --no-test-eval"), trainCommand);
        Path plain = dir.resolve("plain");
        assertEquals(0, cli.run("train", "--data", demo.toString(), "--out", plain.toString(), "--epochs", "1",
                "--triplets-per-epoch", "16", "--batch", "8", "--train-windows", "2", "--threads", "1",
                "--no-test-eval"), cli.err.toString());
        cli.out.getBuffer().setLength(0);
        assertEquals(0, cli.run("eval", "--model", run.resolve("model").toString(), "--model",
                plain.resolve("model").toString(), "--data", demo.toString()), cli.err.toString());
        assertTrue(cli.out.toString().contains("run/model") && cli.out.toString().contains("plain/model"),
                cli.out.toString());
        assertEquals(0, cli.run("eval", "--model", run.resolve("model").toString(), "--data", demo.toString(),
                "--crest-channel"), cli.err.toString());

        cli.err.getBuffer().setLength(0);
        assertEquals(ExitCodes.FAILED, cli.run("eval", "--model", plain.resolve("model").toString(), "--data",
                demo.toString(), "--crest-channel", "--mel-bands", "40"));
        assertTrue(cli.err.toString().contains("--crest-channel true given, false recorded")
                && cli.err.toString().contains("--mel-bands 40 given, 64 recorded"), cli.err.toString());
        // a folder without provenance.json keeps the options' front-end, and the shape check names the mismatch
        Files.delete(run.resolve("model/provenance.json"));
        cli.err.getBuffer().setLength(0);
        assertEquals(ExitCodes.FAILED, cli.run("eval", "--model", run.resolve("model").toString(), "--data",
                demo.toString()));
        assertTrue(cli.err.toString().contains("the crest channel (--crest-channel)"), cli.err.toString());
    }

    /** The chroma and harmony channels train, evaluate without being named again, and export. */
    @Test
    void trainWithTheChromaChannelEvaluatesAndExports() throws IOException {
        Path run = dir.resolve("chroma");
        Path demo = Path.of("fixtures/demo-set");
        assertEquals(0, cli.run("train", "--data", demo.toString(), "--out", run.toString(), "--epochs", "1",
                "--triplets-per-epoch", "16", "--batch", "8", "--train-windows", "2", "--normalise-level",
                "--chroma-channel", "--harmony-channel", "--chroma-frames", "3", "--frame-harmony", "--song-harmony",
                "--threads", "1", "--no-test-eval"),
                cli.err.toString());
        String model = Files.readString(run.resolve("model/model.json"));
        assertTrue(model.contains("\"chromaChannel\" : true") && model.contains("\"harmonyChannel\" : true")
                && model.contains("\"inputBands\" : 82") && model.contains("\"songHarmony\" : true"), model);
        String provenance = Files.readString(run.resolve("model/provenance.json"));
        assertTrue(provenance.contains("\"chromaFrames\" : 3") && provenance.contains("\"frameHarmony\" : true"),
                provenance);
        assertEquals(0, cli.run("eval", "--model", run.resolve("model").toString(), "--data", demo.toString()),
                cli.err.toString());
        cli.err.getBuffer().setLength(0);
        assertEquals(ExitCodes.FAILED, cli.run("eval", "--model", run.resolve("model").toString(), "--data",
                demo.toString(), "--chroma-frames", "4"));
        assertTrue(cli.err.toString().contains("--chroma-frames 4 given, 3 recorded"), cli.err.toString());
        assertEquals(0, cli.run("export", run.resolve("model").toString(), "--out", dir.resolve("c.onnx").toString()),
                cli.err.toString());
        assertEquals(0, cli.run("eval", "--onnx", dir.resolve("c.onnx").toString(), "--data", demo.toString()),
                cli.err.toString());
    }

    @Test
    void trainRefusesTheSongsHarmonyWithoutTheChromaItReads() {
        assertEquals(2, cli.run("train", "--data", "fixtures/demo-set", "--out", dir.resolve("r").toString(),
                "--harmony-channel", "--song-harmony"), cli.err.toString());
        assertTrue(cli.err.toString().contains("--song-harmony reads each window's chroma shares")
                && cli.err.toString().contains("add --chroma-channel"), cli.err.toString());
    }

    @Test
    void trainRefusesPkWithTheTripletLoss() {
        assertEquals(2, cli.run("train", "--data", "fixtures/demo-set", "--out", dir.resolve("r").toString(),
                "--pk", "4,4"), cli.err.toString());
        assertTrue(cli.err.toString().contains("--pk sets the batches"), cli.err.toString());
    }

    /**
     * Low and high tones by two "artists" each. Test clips: low4..7 and high4..7; triplets ask low tones to be
     * closer to each other than to high ones.
     */
    static Path toySet(Path root) throws IOException {
        List<String> labels = new ArrayList<>(List.of("clip_id,file,artist,split"));
        for (int i = 0; i < 8; i++) {
            String split = i < 4 ? "train" : "test";
            TestAudio.writeWav(root.resolve("clips/low" + i + ".wav"), TestAudio.sine(220 + 5 * i, 0.5, 1.5, 22_050), 22_050);
            TestAudio.writeWav(root.resolve("clips/high" + i + ".wav"), TestAudio.sine(1760 + 40 * i, 0.5, 1.5, 22_050), 22_050);
            labels.add("low" + i + ",clips/low" + i + ".wav,Low Artist " + (i % 2 == 0 ? "A" : "B") + i / 4 + "," + split);
            labels.add("high" + i + ",clips/high" + i + ".wav,High Artist " + (i % 2 == 0 ? "A" : "B") + i / 4 + "," + split);
        }
        Files.write(root.resolve("labels.csv"), labels);
        List<String> triplets = new ArrayList<>(List.of("anchor,positive,negative"));
        for (int i = 4; i < 8; i++) {
            int j = 4 + (i - 3) % 4;
            triplets.add("low" + i + ",low" + j + ",high" + i);
            triplets.add("high" + i + ",high" + j + ",low" + j);
        }
        Files.createDirectories(root.resolve("triplets"));
        Files.write(root.resolve("triplets/pitch.csv"), triplets);
        return root;
    }
}
