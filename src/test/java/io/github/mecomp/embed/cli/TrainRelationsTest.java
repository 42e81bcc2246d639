package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --relations}: which metadata relations the training triplets are mined from. */
class TrainRelationsTest {


    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();

    @Test
    void helpNamesTheMoodRelation() {
        assertEquals(0, cli.run("train", "--help"));
        assertTrue(cli.out.toString().contains("--relations"), cli.out.toString());
        assertTrue(cli.out.toString().contains("mood"), cli.out.toString());
    }

    @Test
    void minesOnlyTheNamedRelationsAndRecordsThem() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, cli.trainBriefly(runDir, "--relations", "artist"), cli.err.toString());

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
        int code = cli.trainBriefly(runDir, "--relations", "artist,tempo");
        assertNotEquals(0, code);
        assertTrue(cli.err.toString().contains("'tempo'") && cli.err.toString().contains("mood"), cli.err.toString());
        assertFalse(Files.exists(runDir.resolve("triplets.csv")), "nothing is written for a refused run");
    }
}
