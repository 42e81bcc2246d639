package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --validation-fraction}: how much of the data is held out to validate on, and none at all. */
class TrainValidationFractionTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();

    @Test
    void noValidationTrainsOnEveryGroupAndKeepsTheLastEpoch() throws Exception {
        Path runDir = dir.resolve("all");
        // two short epochs and patience 1: an epoch ranked by a missing accuracy would stop the run or pick another
        assertEquals(0, cli.run("train", "--data", CommandLineRun.DEMO.toString(), "--out", runDir.toString(),
                "--epochs", "2", "--patience", "1", "--triplets-per-epoch", "8", "--batch", "8", "--train-windows", "2",
                "--threads", "1", "--no-test-eval", "--validation-fraction", "0"), cli.err.toString());
        String out = cli.out.toString();
        assertTrue(out.contains("no validation (--validation-fraction 0): all 2 epochs run"), out);
        assertTrue(out.contains("epoch 2: loss"), "both epochs ran: " + out);
        assertTrue(out.contains("last epoch 2 (no validation); model in " + runDir.resolve("model")), out);
        assertFalse(out.contains("NaN"), out);

        List<String> rows = Files.readAllLines(runDir.resolve("triplets.csv"));
        assertTrue(rows.size() > 1, "no triplet mined");
        assertTrue(rows.subList(1, rows.size()).stream().allMatch(r -> r.endsWith(",train")),
                "every mined triplet is for training");
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertEquals(0, summary.path("data").path("validationTriplets").asInt());
        assertEquals(2, summary.path("run").path("bestEpoch").asInt());
        assertTrue(summary.path("run").path("bestValidationAccuracy").isNull(), summary.path("run").toString());
        assertFalse(summary.path("run").path("stoppedEarly").asBoolean());
        assertEquals(0.0, summary.path("data").path("validationFraction").asDouble(-1));
        assertTrue(Files.isDirectory(runDir.resolve("model")));
    }

    @Test
    void theDefaultHoldsOutValidationGroups() throws Exception {
        Path runDir = dir.resolve("default");
        assertEquals(0, cli.trainBriefly(runDir), cli.err.toString());
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertTrue(summary.path("data").path("validationTriplets").asInt() > 0);
        assertEquals(0.15, summary.path("data").path("validationFraction").asDouble());
        assertTrue(summary.path("run").path("bestValidationAccuracy").isNumber());
        assertTrue(cli.out.toString().contains("validation triplets"), cli.out.toString());
    }

    @Test
    void aValidationSplitWithNoUsableClipIsRefusedBeforeTraining() throws Exception {
        // which clips validate depends on the labels and the seed alone: learn them from a run on the demo set
        Path first = dir.resolve("first");
        assertEquals(0, cli.trainBriefly(first), cli.err.toString());
        Set<String> validationClips = new TreeSet<>();
        for (String row : Files.readAllLines(first.resolve("triplets.csv"))) {
            String[] f = row.split(",");
            if (f[5].equals("validation")) {
                validationClips.addAll(List.of(f[2], f[3], f[4]));
            }
        }
        assertFalse(validationClips.isEmpty());
        Path set = dir.resolve("broken-validation");
        Files.createDirectories(set.resolve("clips"));
        Files.copy(CommandLineRun.DEMO.resolve("labels.csv"), set.resolve("labels.csv"));
        try (Stream<Path> clips = Files.list(CommandLineRun.DEMO.resolve("clips"))) {
            for (Path c : clips.toList()) {
                String id = c.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                if (validationClips.contains(id)) {
                    Files.writeString(set.resolve("clips").resolve(c.getFileName()), "not audio");
                } else {
                    Files.copy(c, set.resolve("clips").resolve(c.getFileName()));
                }
            }
        }
        assertEquals(1, cli.trainBriefly(set, dir.resolve("second")));
        assertTrue(cli.err.toString().contains("validation triplets has all three clips' audio, so no epoch can be"
                + " judged"), cli.err.toString());
        assertTrue(cli.err.toString().contains("--validation-fraction 0"), cli.err.toString());
        assertFalse(Files.exists(dir.resolve("second/state.json")), "no epoch trained");
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        assertEquals(2, cli.trainBriefly(dir.resolve("one"), "--validation-fraction", "1"));
        assertTrue(cli.err.toString().contains("--validation-fraction must be in [0, 1), got 1.0"), cli.err.toString());
        assertFalse(Files.exists(dir.resolve("one")), "nothing written for a refused command");
    }

    @Test
    void seedsRefusesARunWithoutValidationToChooseBy() {
        assertEquals(2, cli.run("seeds", "--out", dir.toString(), "--", "--data", "x", "--validation-fraction", "0"));
        assertTrue(cli.err.toString().contains("--validation-fraction 0 leaves seeds nothing to compare"),
                cli.err.toString());
        assertTrue(SeedsCommand.withoutValidation(List.of("--data", "x", "--validation-fraction=0.0")));
        assertFalse(SeedsCommand.withoutValidation(List.of("--validation-fraction", "0.2")));
        assertFalse(SeedsCommand.withoutValidation(List.of("--data", "x")));
    }
}
