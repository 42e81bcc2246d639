package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --teacher}: a tiny run on the demo set with a teacher CSV written here, and its refusals. */
class TrainTeacherTest {


    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    /** Random 7-d vectors for every demo clip but the first, some rows keyed by set, some by clip id alone. */
    private Path teacherCsv() throws IOException {
        List<String> lines = Files.readAllLines(CommandLineRun.DEMO.resolve("labels.csv"));
        Random random = new Random(3);
        List<String> rows = new ArrayList<>(List.of("clip_id,t0,t1,t2,t3,t4,t5,t6"));
        for (int i = 2; i < lines.size(); i++) {
            String id = lines.get(i).split(",", -1)[0];
            StringBuilder row = new StringBuilder(i % 2 == 0 ? id : "demo-set/" + id);
            for (int d = 0; d < 7; d++) {
                row.append(String.format(Locale.ROOT, ",%.4f", random.nextGaussian()));
            }
            rows.add(row.toString());
        }
        return Files.write(dir.resolve("teacher.csv"), rows);
    }

    @Test
    void trainWithATeacherRunsAndRecordsTheTeacher() throws Exception {
        Path teacher = teacherCsv();
        Path runDir = dir.resolve("run");
        assertEquals(0, cli.run("train", "--data", CommandLineRun.DEMO.toString(), "--out", runDir.toString(), "--epochs", "1",
                "--triplets-per-epoch", "16", "--batch", "8", "--train-windows", "2", "--loss", "batch-hard",
                "--pk", "3,2", "--teacher", teacher.toString(), "--teacher-weight", "0.5", "--threads", "1",
                "--no-test-eval"), cli.err.toString());
        assertTrue(cli.out.toString().contains("teacher: "), cli.out.toString());
        assertTrue(cli.out.toString().contains("(the others take no part in its term)"),
                "the clip without a row is reported: " + cli.out);
        for (String file : List.of("summary.json", "model/provenance.json")) {
            JsonNode summary = new ObjectMapper().readTree(runDir.resolve(file).toFile());
            JsonNode t = summary.get("teacher");
            assertEquals(sha256(teacher), t.get("sha256").asText(), file);
            assertEquals(teacher.toAbsolutePath().toString(), t.get("file").asText(), file);
            assertEquals(0.5, t.get("weight").asDouble(), file);
            assertEquals(7, t.get("dimensions").asInt(), file);
            assertTrue(t.get("trainClipsCovered").asInt() < t.get("trainClips").asInt(), t.toString());
            assertEquals(0.5, summary.get("training").get("loss").get("teacherWeight").asDouble(), file);
            assertTrue(Double.isFinite(summary.get("run").get("epochs").get(0).get("trainLoss").asDouble()), file);
        }
        String model = Files.readString(runDir.resolve("model/model.json"));
        assertTrue(!model.contains("teacher"), "the saved model knows nothing of the teacher: " + model);
    }

    @Test
    void theTripletLossTakesATeacherToo() throws IOException {
        Path teacher = teacherCsv();
        Path runDir = dir.resolve("r");
        assertEquals(0, cli.run("train", "--data", CommandLineRun.DEMO.toString(), "--out", runDir.toString(), "--epochs", "1",
                "--triplets-per-epoch", "16", "--batch", "8", "--train-windows", "2", "--hard-from", "1",
                "--teacher", teacher.toString(), "--threads", "1", "--no-test-eval"), cli.err.toString());
        JsonNode training = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile()).get("training");
        assertEquals("TRIPLET", training.get("loss").get("kind").asText());
        assertEquals(1.0, training.get("loss").get("teacherWeight").asDouble(), "the default weight");
    }

    @Test
    void aTeacherWeightNeedsATeacher() {
        assertEquals(2, cli.run("train", "--data", CommandLineRun.DEMO.toString(), "--out", dir.resolve("r").toString(),
                "--loss", "batch-all", "--teacher-weight", "2"), cli.err.toString());
        assertTrue(cli.err.toString().contains("give one"), cli.err.toString());
    }

    @Test
    void aTeacherRowOfAnotherDimensionNamesTheFileAndLine() throws IOException {
        Path teacher = teacherCsv();
        List<String> rows = new ArrayList<>(Files.readAllLines(teacher));
        rows.set(3, rows.get(3) + ",0.5");
        Files.write(teacher, rows);
        assertNotEquals(0, cli.run("train", "--data", CommandLineRun.DEMO.toString(), "--out", dir.resolve("r").toString(),
                "--loss", "batch-all", "--teacher", teacher.toString()));
        assertTrue(cli.err.toString().contains("teacher.csv:4"), cli.err.toString());
        assertTrue(cli.err.toString().contains("expected 8 fields as in the header, found 9"), cli.err.toString());
    }

    @Test
    void aTeacherForOtherClipsIsRefused() throws IOException {
        Path teacher = Files.write(dir.resolve("other.csv"), List.of("clip_id,x,y", "elsewhere1,1,2", "elsewhere2,3,4"));
        assertNotEquals(0, cli.run("train", "--data", CommandLineRun.DEMO.toString(), "--out", dir.resolve("r").toString(),
                "--epochs", "1", "--triplets-per-epoch", "16", "--train-windows", "2", "--loss", "batch-all",
                "--pk", "3,2", "--teacher", teacher.toString(), "--threads", "1", "--no-test-eval"));
        assertTrue(cli.err.toString().contains("none of the run's"), cli.err.toString());
        assertTrue(cli.err.toString().contains("'elsewhere1'"), cli.err.toString());
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
