package io.github.mecomp.embed.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.eval.ReportFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTableTest {

    private static RunFigures run(String config, long seed, double ms, double artist, double mood, Double scan) {
        return new RunFigures(config, seed, "4-8 /2, GRU 8, D 32, K 4, 1 s", 1234, 5000, 90_000, 0.8,
                Map.of("set/artist", artist, "set/mood", mood), 180, ms, 2 * ms, scan, "note", 1, 10);
    }

    @Test
    void rowsGiveMeanAndSampleSdOverSeedsInGridOrder() {
        String table = SweepTable.markdown(List.of(run("wide", 1, 10, 0.80, 0.60, null),
                run("narrow", 1, 2, 0.70, 0.50, null), run("wide", 2, 12, 0.90, 0.70, null)));
        String[] lines = table.split("\n");
        assertEquals(4, lines.length, table);
        assertTrue(lines[0].contains("| set/artist % | set/mood % | mean test % |"), lines[0]);
        // wide: ms 10 and 12 -> 11.0 ± 1.4; artist 80 and 90 -> 85.0 ± 7.1; mean test 70 and 80 -> 75.0 ± 7.1
        assertTrue(lines[2].startsWith("| wide | 4-8 /2, GRU 8, D 32, K 4, 1 s | 1,2 | 1,234 | 90 | 11.0 ± 1.4 |"),
                lines[2]);
        assertTrue(lines[2].endsWith("| 85.0 ± 7.1 | 65.0 ± 7.1 | 75.0 ± 7.1 |"), lines[2]);
        // one seed: no spread to give
        assertTrue(lines[3].startsWith("| narrow |") && lines[3].endsWith("| 70.0 | 50.0 | 60.0 |"), lines[3]);
        assertTrue(!table.contains("scan songs/s"), "no scan column when nothing was scanned");
    }

    @Test
    void aScanColumnAppearsWhenARunWasScanned() {
        String table = SweepTable.markdown(List.of(run("a", 1, 10, 0.8, 0.6, 30.0), run("a", 2, 10, 0.8, 0.6, 34.0),
                run("b", 1, 10, 0.8, 0.6, null)));
        assertTrue(table.contains("scan songs/s (tract)"), table);
        assertTrue(table.contains("| 32.0 ± 2.8 |"), table);
        assertTrue(table.split("\n")[3].contains("| — |"), table);
    }

    @Test
    void aReferenceRowHasNoSeedEpochTrainingTimeOrValidation() {
        RunFigures ref = new RunFigures("mecomp (reference)", 0, RunFigures.REFERENCE, 0, 0, 863_000, Double.NaN,
                Map.of("set/artist", 0.7, "set/mood", 0.6), 180, 350, 680, null, "reference: not scanned", 0,
                Double.NaN);
        String runs = SweepTable.perRun(List.of(run("a", 1, 10, 0.8, 0.6, 30.0), ref));
        String refLine = runs.split("\n")[3];
        assertEquals("| mecomp (reference) | — | — | — | 65.0 | 350.00 | 680.00 | reference: not scanned |", refLine);
        assertTrue(runs.split("\n")[2].startsWith("| a-seed1 | 1 | 10 | 80.0 |"), runs);
    }

    @Test
    void theParetoFrontKeepsWhatNothingBeatsOnBothAxes() {
        double[] ms = {5, 10, 20, 12, 5};
        double[] acc = {0.70, 0.80, 0.85, 0.78, 0.65};
        assertArrayEquals(new boolean[] {true, true, true, false, false}, ReportFigures.paretoFront(ms, acc));
    }

    @Test
    void theScanLineIsReadAndAFailureQuotesItsOutput() throws IOException {
        String output = "model: tract\nRESULT phase=seek songs=100 threads=2 wall_s=3.9 songs_per_s=25.64 ms_per_song=39"
                + "\n";
        assertEquals(25.64, ScanBench.parse(output, 0, "scan-bench x"), 1e-9);
        IOException e = assertThrows(IOException.class, () -> ScanBench.parse("error: no such folder", 1, "scan-bench x"));
        assertTrue(e.getMessage().contains("exit code 1") && e.getMessage().contains("no such folder"), e.getMessage());
    }

    @Test
    void onlyAModelThatRecordsItsWindowRuleIsScanned(@TempDir Path dir) throws IOException {
        Path ours = dir.resolve("ours.onnx");
        Path foreign = dir.resolve("foreign.onnx");
        Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder().setIrVersion(8);
        Files.write(foreign, m.addMetadataProps(entry("sample_rate", "22050")).build().toByteArray());
        Files.write(ours, m.addMetadataProps(entry("window_samples", "11025"))
                .addMetadataProps(entry("sequence_length", "20")).build().toByteArray());
        assertTrue(ScanBench.unsupported(ours).isEmpty());
        String why = ScanBench.unsupported(foreign).orElseThrow();
        assertTrue(why.contains("missing window_samples, sequence_length"), why);
        // the shipped model records its rule
        assertTrue(ScanBench.unsupported(Path.of("export/mecomp-embed-v1.onnx")).isEmpty());
    }

    private static Onnx.StringStringEntryProto entry(String key, String value) {
        return Onnx.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
