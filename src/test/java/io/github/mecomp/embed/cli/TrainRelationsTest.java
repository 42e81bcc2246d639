package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --relations}: which metadata relations the training triplets are mined from. */
class TrainRelationsTest {

    private static final Path DEMO = Path.of("fixtures/demo-set");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int train(Path runDir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", DEMO.toString(), "--out",
                runDir.toString(), "--epochs", "1", "--triplets-per-epoch", "8", "--batch", "8", "--train-windows", "2",
                "--threads", "1", "--no-test-eval"));
        args.addAll(List.of(more));
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    }

    @Test
    void helpNamesTheMoodRelation() {
        assertEquals(0, Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "train", "--help"));
        assertTrue(out.toString().contains("--relations"), out.toString());
        assertTrue(out.toString().contains("mood"), out.toString());
    }

    @Test
    void minesOnlyTheNamedRelationsAndRecordsThem() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, train(runDir, "--relations", "artist"), err.toString());

        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertEquals("[\"artist\"]", summary.path("data").path("relations").toString());
        List<String> rows = Files.readAllLines(runDir.resolve("triplets.csv"));
        assertTrue(rows.size() > 1, "no triplet mined");
        for (String row : rows.subList(1, rows.size())) {
            assertEquals("artist", row.split(",")[1], row);
        }
    }

    @Test
    void anUnknownRelationIsRefusedWithTheValidOnes() {
        Path runDir = dir.resolve("bad");
        int code = train(runDir, "--relations", "artist,tempo");
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("'tempo'") && err.toString().contains("mood"), err.toString());
        assertFalse(Files.exists(runDir.resolve("triplets.csv")), "nothing is written for a refused run");
    }
}
