package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetFingerprint;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.io.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a trained model records of the data it came from. */
class TrainProvenanceTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();

    @Test
    void theModelNamesTheBytesOfEachDataSet() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, cli.trainBriefly(runDir), cli.err.toString());

        Dataset demo = DatasetReader.read(CommandLineRun.DEMO);
        JsonNode data = new ObjectMapper().readTree(runDir.resolve("model/provenance.json").toFile()).path("data");
        JsonNode set = data.path(demo.name());
        assertEquals(DatasetFingerprint.sha256(demo), set.path("sha256").asText(), data.toString());
        assertEquals(demo.clips().size(), set.path("clips").asInt());
    }

    @Test
    void aResumeOverChangedDataIsRefusedNamingTheSet() throws Exception {
        Path data = dir.resolve("demo-set");
        FileTrees.replaceWithCopy(CommandLineRun.DEMO, data);
        Path runDir = dir.resolve("run");
        assertEquals(0, cli.trainBriefly(data, runDir), cli.err.toString());
        String name = DatasetReader.read(data).name();
        assertEquals(DatasetFingerprint.sha256(DatasetReader.read(data)),
                new ObjectMapper().readTree(runDir.resolve(RunData.FILE).toFile()).path(name).asText());

        // the same bytes resume (a finished run: nothing left to train)
        assertEquals(0, cli.trainBriefly(data, runDir, "--resume"), cli.err.toString());

        // a trailing newline in labels.csv: the same clips, other bytes
        Files.writeString(data.resolve("labels.csv"), Files.readString(data.resolve("labels.csv")) + "\n");
        cli.err.getBuffer().setLength(0);
        assertEquals(1, cli.trainBriefly(data, runDir, "--resume"));
        String err = cli.err.toString();
        assertTrue(err.contains("started from other data") && err.contains(name + ": sha256 "), err);
    }
}
