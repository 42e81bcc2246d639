package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetFingerprint;
import io.github.mecomp.embed.data.DatasetReader;
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
}
