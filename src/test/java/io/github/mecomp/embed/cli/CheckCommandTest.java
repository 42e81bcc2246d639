package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    private static final String V5 = "export/mecomp-embed-v5.onnx";
    private static final String V1 = "export/mecomp-embed-v1.onnx";
    /** No timing verdict in tests: the machine's load decides it, not the code. */
    private static final String[] QUICK = {"--budget-ms", "10000", "--runs", "1"};

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();

    @Test
    void aBadFileFailsTheRunAndTheFilesAfterItAreStillChecked() throws Exception {
        Path bad = dir.resolve("bad.onnx");
        Files.writeString(bad, "not a model");
        Path json = dir.resolve("check.json");
        int code = cli.run(args("check", bad.toString(), V5, "--json", json.toString()));
        String out = cli.out.toString();
        assertEquals(ExitCodes.FAILED, code, out + cli.err);
        assertTrue(out.contains("FAIL  file           not an ONNX model"), out);
        assertTrue(out.contains("0 passed, 0 warnings, 1 failed: not usable by MECOMP as it is"), out);
        assertTrue(out.contains("14 passed, 0 warnings, 0 failed: ready for MECOMP's model_path"), out);
        assertTrue(out.contains("2 files: 1 ready for MECOMP's model_path, not: " + bad), out);

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, report.get("files").size());
        assertFalse(report.get("files").get(0).get("ready").asBoolean());
        JsonNode v5 = report.get("files").get(1);
        assertTrue(v5.get("ready").asBoolean());
        assertTrue(v5.get("figures").get("millisPerSong").asDouble() > 0);
        assertEquals("output", v5.get("findings").get(6).get("check").asText());
        assertEquals("PASS", v5.get("findings").get(6).get("verdict").asText());
    }

    @Test
    void warningsPassUnlessStrict() {
        assertEquals(ExitCodes.OK, cli.run(args("check", V1)), cli.out.toString() + cli.err);
        assertTrue(cli.out.toString().contains("WARN  level"), cli.out.toString());
        assertTrue(cli.out.toString().contains("MECOMP can use it; see the warnings"), cli.out.toString());
        assertEquals(ExitCodes.FAILED, cli.run(args("check", V1, "--strict")), cli.out.toString());
        assertTrue(cli.out.toString().contains("warnings fail under --strict"), cli.out.toString());
    }

    @Test
    void fixturesBelongToOneModelAndBudgetsMustBePositive() {
        assertEquals(ExitCodes.USAGE, cli.run(args("check", V5, V1, "--fixtures", "fixtures/shipped/v5")));
        assertTrue(cli.err.toString().contains("--fixtures belongs to one model"), cli.err.toString());
        assertEquals(ExitCodes.USAGE, cli.run("check", V5, "--budget-ms", "0"));
        assertTrue(cli.err.toString().contains("time budget must be > 0 ms"), cli.err.toString());
        assertEquals(ExitCodes.OK, cli.run(args("check", V5, "--fixtures", "fixtures/shipped/v5")),
                cli.out.toString() + cli.err);
        assertTrue(cli.out.toString().contains("PASS  fixtures       5 cases"), cli.out.toString());
    }

    private static String[] args(String... first) {
        String[] all = new String[first.length + QUICK.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(QUICK, 0, all, first.length, QUICK.length);
        return all;
    }
}
