package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole sweep on the demo set: 2 configurations x 2 seeds x 1 tiny epoch, then a resume after a "kill". */
class SweepCommandTest {


    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    private int sweep(Path grid, Path sweepDir, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--grid", grid.toString(), "--data", CommandLineRun.DEMO.toString(),
                "--out", sweepDir.toString(), "--seeds", "1,2", "--epochs", "1", "--train-options",
                "--triplets-per-epoch 8 --batch 8 --train-windows 2", "--threads", "1", "--song-seconds", "20",
                "--bench-runs", "2"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private Path grid(String... lines) throws Exception {
        return Files.write(dir.resolve("grid.txt"), List.of(lines));
    }

    @Test
    void trainsExportsMeasuresTablesAndResumes() throws Exception {
        Path grid = grid("# two tiny networks",
                "tiny: --channels 4,8 --gru-hidden 8 --windows-per-song 4",
                "",
                "tiny-k2: --channels 4,8,8 --gru-hidden 6 --windows-per-song 2 --first-stride 1");
        Path sweepDir = dir.resolve("sweep");
        assertEquals(0, sweep(grid, sweepDir, "--reference", "export/mecomp-embed-v1.onnx"), cli.err.toString());

        for (String run : List.of("tiny-seed1", "tiny-seed2", "tiny-k2-seed1", "tiny-k2-seed2")) {
            Path r = sweepDir.resolve("runs").resolve(run);
            for (String f : List.of("summary.json", "model.onnx", "measurement.json", "architecture.json")) {
                assertTrue(Files.isRegularFile(r.resolve(f)), run + "/" + f);
            }
        }
        JsonNode figures = new ObjectMapper().readTree(sweepDir.resolve("sweep.json").toFile());
        assertEquals(5, figures.size());
        JsonNode reference = figures.get(4);
        assertEquals("mecomp-embed-v1 (reference)", reference.get("config").asText());
        assertTrue(reference.get("testAccuracy").has("demo-set/artist"), reference.toString());
        assertTrue(Files.isRegularFile(sweepDir.resolve("references/mecomp-embed-v1.json")));
        JsonNode first = figures.get(0);
        assertEquals("tiny", first.get("config").asText());
        assertTrue(first.get("testAccuracy").has("demo-set/artist"), first.toString());
        assertTrue(first.get("msOneThread").asDouble() > 0, first.toString());
        assertTrue(first.get("msMecompSession").asDouble() > 0, first.toString());
        assertEquals(Files.size(sweepDir.resolve("runs/tiny-seed1/model.onnx")), first.get("onnxBytes").asLong());
        assertTrue(first.get("scanNote").asText().contains("no --scan-bench"), first.toString());

        String table = Files.readString(sweepDir.resolve("sweep.md"));
        assertTrue(table.contains("| tiny | 4-8 /2, GRU 8, D 32, K 4, 1 s | 1,2 |"), table);
        assertTrue(table.contains("| tiny-k2 | 4-8-8 /1, GRU 6, D 32, K 2, 1 s | 1,2 |"), table);
        assertTrue(table.contains("demo-set/artist %"), table);
        assertTrue(table.contains(" ± "), table);
        String v1Kilobytes = String.format(java.util.Locale.ROOT, "%.0f",
                Files.size(Path.of("export/mecomp-embed-v1.onnx")) / 1e3);
        assertTrue(table.contains("| mecomp-embed-v1 (reference) | reference ONNX | — | — | " + v1Kilobytes + " |"),
                table);
        assertTrue(table.contains("sweep --grid"), table);
        BufferedImage plot = ImageIO.read(sweepDir.resolve("pareto.png").toFile());
        assertTrue(plot.getWidth() > 500 && plot.getHeight() > 400);

        // a kill during the second seed's training of tiny-k2: its summary never written, the figures of the rest kept
        Path killed = sweepDir.resolve("runs/tiny-k2-seed2");
        Files.delete(killed.resolve("summary.json"));
        Files.delete(killed.resolve("model.onnx"));
        Files.delete(killed.resolve("measurement.json"));
        long measuredAt = Files.getLastModifiedTime(sweepDir.resolve("runs/tiny-seed1/measurement.json")).toMillis();
        cli.out.getBuffer().setLength(0);
        assertEquals(0, sweep(grid, sweepDir, "--reference", "export/mecomp-embed-v1.onnx"), cli.err.toString());
        String log = cli.out.toString();
        assertTrue(log.contains("reference mecomp-embed-v1: done, skipped"), log);
        assertTrue(log.contains("run 1/4 tiny-seed1: done, skipped"), log);
        assertTrue(log.contains("run 4/4 tiny-k2-seed2: resuming its training (train --resume)"), log);
        assertTrue(Files.isRegularFile(killed.resolve("measurement.json")));
        assertEquals(measuredAt,
                Files.getLastModifiedTime(sweepDir.resolve("runs/tiny-seed1/measurement.json")).toMillis());

        // a grid line changed under an existing name is refused before any work
        grid("tiny: --channels 4,8 --gru-hidden 12 --windows-per-song 4",
                "tiny-k2: --channels 4,8,8 --gru-hidden 6 --windows-per-song 2 --first-stride 1");
        assertEquals(1, sweep(grid, sweepDir));
        assertTrue(cli.err.toString().contains("model.gruHidden: 8 before, 12 now"), cli.err.toString());
    }

    @Test
    void aGridLineTrainWouldRefuseFailsBeforeAnyRun() throws Exception {
        Path grid = grid("ok: --channels 4,8", "bad: --channels 8,8,8,8,8,8,8");
        assertEquals(1, sweep(grid, dir.resolve("s")));
        assertTrue(cli.err.toString().contains("grid.txt line 2 (bad)"), cli.err.toString());
        assertTrue(cli.err.toString().contains("does not fit"), cli.err.toString());
        assertFalse(Files.exists(dir.resolve("s/runs")));
    }

    @Test
    void theSweepOwnsSeedsFoldersAndEpochs() throws Exception {
        Path grid = grid("a: --channels 4,8 --seed 3");
        assertEquals(1, sweep(grid, dir.resolve("s")));
        assertTrue(cli.err.toString().contains("--seed is set by the sweep"), cli.err.toString());
        cli.err.getBuffer().setLength(0);
        assertEquals(2, cli.run("sweep", "--grid", grid("a: --channels 4,8").toString(), "--data", CommandLineRun.DEMO.toString(),
                "--out", dir.resolve("s").toString(), "--train-options", "--epochs 3"));
        assertTrue(cli.err.toString().contains("--epochs is set by the sweep itself"), cli.err.toString());
    }
}
