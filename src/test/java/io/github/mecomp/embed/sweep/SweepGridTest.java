package io.github.mecomp.embed.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepGridTest {

    private static final Path FILE = Path.of("grid.txt");

    @TempDir
    Path dir;

    @Test
    void readsNamesAndOptionsSkippingCommentsAndBlankLines() throws IOException {
        SweepGrid g = SweepGrid.parse(FILE, List.of("# widths", "", "narrow:  --channels 8,16  --gru-hidden 32",
                "default:"));
        assertEquals(2, g.entries().size());
        assertEquals(new SweepGrid.Entry("narrow", List.of("--channels", "8,16", "--gru-hidden", "32"), 3),
                g.entries().get(0));
        assertEquals(List.of(), g.entries().get(1).trainOptions());
    }

    @Test
    void namesTheLineOfEachMistake() {
        assertTrue(message(List.of("a: --channels 4", "no colon here")).contains("grid.txt line 2: expected 'name:"));
        assertTrue(message(List.of("a b: --channels 4")).contains("line 1: the name 'a b' names a folder"));
        assertTrue(message(List.of("a: --gru-hidden 8", "a: --gru-hidden 16")).contains("line 2: the name 'a' is used"
                + " twice"));
        assertTrue(message(List.of("a: --out x")).contains("--out is set by the sweep"));
        assertTrue(message(List.of("a: --seed=4")).contains("--seed is set by the sweep"));
        assertTrue(message(List.of("# nothing")).contains("no configurations"));
    }

    @Test
    void aMissingFileSaysWhatItShouldHold() {
        IOException e = assertThrows(IOException.class, () -> SweepGrid.read(dir.resolve("nope.txt")));
        assertTrue(e.getMessage().contains("nope.txt: no such grid file"), e.getMessage());
    }

    @Test
    void aRunsNextStepFollowsTheFilesItsStepsLeave() throws IOException {
        SweepRun run = SweepRun.of(dir, new SweepGrid.Entry("a", List.of(), 1), 7);
        assertEquals(dir.resolve("runs/a-seed7"), run.dir());
        assertEquals(SweepRun.Step.TRAIN, run.next());
        Files.createDirectories(run.dir().resolve("model"));
        Files.writeString(run.dir().resolve("state.json"), "{}");
        assertEquals(SweepRun.Step.RESUME, run.next());
        Files.writeString(run.dir().resolve("summary.json"), "{}");
        assertEquals(SweepRun.Step.RESUME, run.next(), "killed before provenance.json: train again with --resume");
        Files.writeString(run.dir().resolve("model/provenance.json"), "{}");
        assertEquals(SweepRun.Step.EXPORT, run.next());
        Files.writeString(run.dir().resolve("model.onnx"), "x");
        assertEquals(SweepRun.Step.MEASURE, run.next());
        Files.writeString(run.dir().resolve("measurement.json"), "{}");
        assertEquals(SweepRun.Step.DONE, run.next());
    }

    private static String message(List<String> lines) {
        return assertThrows(IOException.class, () -> SweepGrid.parse(FILE, lines)).getMessage();
    }
}
