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
    void moodNegativesAreForGroupBatchesAndAreRecorded() throws Exception {
        Path runDir = dir.resolve("opposite");
        assertEquals(0, cli.trainBriefly(runDir, "--loss", "batch-all", "--pk", "2,2", "--mood-negatives",
                "opposite"), cli.err.toString());
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertEquals("OPPOSITE", summary.path("training").path("loss").path("moodNegatives").asText());

        assertNotEquals(0, cli.trainBriefly(dir.resolve("triplet"), "--mood-negatives", "opposite"));
        assertTrue(cli.err.toString().contains("--mood-negatives sets the negatives of P x K batches"),
                cli.err.toString());
        assertNotEquals(0, cli.trainBriefly(dir.resolve("typo"), "--loss", "batch-all", "--mood-negatives",
                "adjacent"));
        assertTrue(cli.err.toString().contains("must be other or opposite, got 'adjacent'"), cli.err.toString());
    }

    @Test
    void theContrastiveLossTrainsAndRecordsItsTemperature() throws Exception {
        Path runDir = dir.resolve("supcon");
        assertEquals(0, cli.trainBriefly(runDir, "--loss", "supcon", "--pk", "2,2", "--temperature", "0.2"),
                cli.err.toString());
        assertTrue(cli.out.toString().contains("loss: supervised contrastive (temperature 0.2) over 2 x 2 batches"),
                cli.out.toString());
        JsonNode loss = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile()).path("training")
                .path("loss");
        assertEquals("SUPCON", loss.path("kind").asText());
        assertEquals(0.2, loss.path("temperature").asDouble(), 0);

        assertNotEquals(0, cli.trainBriefly(dir.resolve("batch-all"), "--loss", "batch-all", "--temperature", "0.2"));
        assertTrue(cli.err.toString().contains("--temperature is the supervised contrastive loss's"),
                cli.err.toString());
        assertNotEquals(0, cli.trainBriefly(dir.resolve("soft"), "--loss", "supcon", "--soft-margin"));
        assertTrue(cli.err.toString().contains("the contrastive loss has no margin"), cli.err.toString());
        assertNotEquals(0, cli.trainBriefly(dir.resolve("zero"), "--loss", "supcon", "--temperature", "0"));
        assertTrue(cli.err.toString().contains("the temperature must be a finite number > 0"), cli.err.toString());
    }

    @Test
    void fillBatchesIsForGroupBatchesAndIsRecorded() throws Exception {
        Path runDir = dir.resolve("filled");
        assertEquals(0, cli.trainBriefly(runDir, "--loss", "batch-all", "--pk", "64,2", "--fill-batches"),
                cli.err.toString());
        assertTrue(cli.out.toString().contains(", filled: "), cli.out.toString());
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertTrue(summary.path("training").path("loss").path("fillBatches").asBoolean(), summary.toString());

        assertNotEquals(0, cli.trainBriefly(dir.resolve("triplet"), "--fill-batches"));
        assertTrue(cli.err.toString().contains("--fill-batches sizes the P x K batches"), cli.err.toString());
    }

    @Test
    void relationWeightsWeighTheBatchCycleAndAreRecorded() throws Exception {
        Path runDir = dir.resolve("weighted");
        assertEquals(0, cli.trainBriefly(runDir, "--loss", "batch-all", "--pk", "2,2", "--relation-weights",
                "artist=2"), cli.err.toString());
        // the demo set gives P x K batches of one relation only, which now comes round twice a cycle
        assertTrue(cli.out.toString().contains("weighted {artist=2}: 2 batches a cycle"), cli.out.toString());
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertEquals("{\"artist\":2}",
                summary.path("training").path("loss").path("relationWeights").path("weights").toString());

        assertNotEquals(0, cli.trainBriefly(dir.resolve("triplet"), "--relation-weights", "artist=2"));
        assertTrue(cli.err.toString().contains("--relation-weights sets the batches of --loss batch-all"),
                cli.err.toString());
        assertNotEquals(0, cli.trainBriefly(dir.resolve("typo"), "--loss", "batch-all", "--pk", "2,2",
                "--relation-weights", "genra=3"));
        assertTrue(cli.err.toString().contains("'genra' names no relation"), cli.err.toString());
        assertFalse(Files.exists(dir.resolve("typo/triplets.csv")), "refused before mining and the log-mel pass");
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
