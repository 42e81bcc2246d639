package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.eval.OnnxModelSourceTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval with several systems and --features, report, and bench. */
class ComparisonCommandsTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    /**
     * Features of the toy set: dimension 0 tells low from high tones, dimension 1 is a large nuisance shared by
     * low_i and high_i. Euclidean distance gets the low-anchored half of the triplets wrong; bliss's distance
     * with weights (100, 0) ignores the nuisance and gets them all right.
     */
    private Path toyFeatures() throws IOException {
        StringBuilder csv = new StringBuilder("clip_id,pitch,nuisance\n");
        for (int i = 0; i < 8; i++) {
            csv.append("low").append(i).append(",0,").append(10 * i).append('\n');
            csv.append("high").append(i).append(",1,").append(10 * i).append('\n');
        }
        return Files.writeString(dir.resolve("features.csv"), csv);
    }

    @Test
    void evalScoresFeaturesWithEachDistanceSideBySide() throws IOException {
        Path set = CliTest.toySet(dir.resolve("toy"));
        Path weights = Files.writeString(dir.resolve("w.txt"), "100 0");
        Path json = dir.resolve("scores.json");
        assertEquals(0, cli.run("eval", "--data", set.toString(), "--features", toyFeatures().toString(),
                "--distance", "euclidean", "--distance", "bliss", "--bliss-matrix", weights.toString(),
                "--json", json.toString()), cli.err.toString());
        JsonNode systems = new ObjectMapper().readTree(json.toFile()).get("systems");
        assertEquals(2, systems.size());
        assertEquals("features.csv (euclidean)", systems.get(0).get("system").asText());
        assertEquals(0.5, systems.get(0).get("tasks").get("toy/pitch").get("accuracy").asDouble());
        assertEquals("features.csv (bliss)", systems.get(1).get("system").asText());
        assertEquals(1.0, systems.get(1).get("tasks").get("toy/pitch").get("accuracy").asDouble());
        JsonNode artist = systems.get(1).get("retrieval").get("toy/artist");
        assertEquals(5, artist.get("k").asInt());
        assertEquals(8, artist.get("queries").asInt(), "8 test clips, each artist has two");
    }

    @Test
    void blissMatrixOfTheWrongSizeIsAClearError() throws IOException {
        Path set = CliTest.toySet(dir.resolve("toy"));
        Path weights = Files.writeString(dir.resolve("w.txt"), "1 1 1");
        assertEquals(1, cli.run("eval", "--data", set.toString(), "--features", toyFeatures().toString(),
                "--distance", "bliss", "--bliss-matrix", weights.toString()));
        assertTrue(cli.err.toString().contains("features.csv has 2 features"), cli.err.toString());
    }

    @Test
    void evalNeedsASystem() throws IOException {
        Path set = CliTest.toySet(dir.resolve("toy"));
        assertEquals(1, cli.run("eval", "--data", set.toString()));
        assertTrue(cli.err.toString().contains("no system to score"), cli.err.toString());
    }

    @Test
    void reportOnTheDemoSetWritesTablesAndFiguresForEverySystem() throws IOException {
        Path demo = Path.of("fixtures/demo-set");
        // A second system: vectors that put each demo artist at its own point.
        StringBuilder csv = new StringBuilder("clip_id,e0,e1\n");
        for (int a = 1; a <= 8; a++) {
            for (int c = 1; c <= 4; c++) {
                csv.append('a').append(a).append('c').append(c).append(',').append(a).append(',').append(c * 0.01)
                        .append('\n');
            }
        }
        Path emb = Files.writeString(dir.resolve("by-artist.csv"), csv);
        Path report = dir.resolve("report");
        assertEquals(0, cli.run("report", "--baseline", "mfcc", "--embeddings", emb.toString(), "--data", demo.toString(),
                "--out", report.toString(), "--threads", "1"), cli.err.toString());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("java -jar target/mecomp-embed.jar report --baseline mfcc --embeddings"), md);
        for (String system : List.of("mfcc", "by-artist.csv")) {
            assertTrue(md.contains("| demo-set/artist | " + system + " | "), system + " triplet row:\n" + md);
            assertTrue(md.contains("| demo-set/genre | " + system + " | "), system + " retrieval row:\n" + md);
        }
        assertTrue(md.contains("| demo-set/artist | by-artist.csv | 100.0% | [92.6, 100.0] | 48 |"), md);
        assertTrue(md.contains("| demo-set/artist | by-artist.csv | 60.0% | 100.0% | 16 |"),
                "4 clips per artist: 3 relevant in the top 5, all ranked first:\n" + md);
        for (String png : List.of("accuracy.png", "map-mfcc.png", "distances-mfcc.png", "map-by-artist.csv.png",
                "distances-by-artist.csv.png")) {
            BufferedImage image = ImageIO.read(report.resolve(png).toFile());
            assertNotNull(image, png + " decodes");
            assertTrue(image.getWidth() > 100 && image.getHeight() > 100, png);
            assertTrue(md.contains("(" + png + ")"), png + " linked from the report");
        }
        JsonNode json = new ObjectMapper().readTree(report.resolve("eval.json").toFile());
        assertEquals(2, json.get("systems").size());
    }

    @Test
    void benchTimesEachModelOnEverySongAndListsBadFiles() throws IOException {
        Path songs = dir.resolve("songs");
        TestAudio.writeWav(songs.resolve("one.wav"), TestAudio.sine(440, 0.5, 2.0, 22_050), 22_050);
        TestAudio.writeWav(songs.resolve("two.wav"), TestAudio.sine(220, 0.5, 3.0, 44_100), 44_100);
        Files.writeString(songs.resolve("bad.mp3"), "not audio");
        Path model = OnnxModelSourceTest.meanMaxModel(dir.resolve("mean-max.onnx"));
        Path json = dir.resolve("bench.json");
        assertEquals(0, cli.run("bench", songs.toString(), "--onnx", model.toString(), "--json", json.toString()),
                cli.err.toString());
        String table = cli.out.toString();
        assertTrue(table.contains("2 songs") && table.contains("mean-max.onnx")
                && table.contains("decode + mean-max.onnx") && table.contains("CPU ms/audio s"), table);
        assertTrue(cli.err.toString().contains("bad.mp3"), cli.err.toString());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, root.get("songs").size());
        assertEquals(1, root.get("intraOpThreads").asInt());
        assertEquals(3.0, root.get("songs").get(1).get("audioSeconds").asDouble(), 0.01);
        assertTrue(root.get("songs").get(0).get("ms").has("mean-max.onnx"));
        assertTrue(root.get("songs").get(0).get("cpuMs").has("decode (22,050 Hz mono)"));
        assertTrue(root.get("medians").get("mean-max.onnx").get("msPerSong").asDouble() >= 0);
    }

    @Test
    void benchSpreadsALimitEvenly() {
        List<Path> files = List.of(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"), Path.of("e"), Path.of("f"));
        assertEquals(List.of(Path.of("a"), Path.of("c"), Path.of("e")), BenchCommand.spread(files, 3));
        assertEquals(files, BenchCommand.spread(files, 10));
    }
}
