package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.eval.OnnxModelSourceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** embed, similar and playlist: a music folder to vectors, and what a user does with them. */
class LibraryCommandsTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    @Test
    void embedWritesOneRowPerSongKeyedByRelativePathAndListsBadFiles() throws IOException {
        Path music = dir.resolve("music");
        Path demoClips = Path.of("fixtures/demo-set/clips");
        try (Stream<Path> clips = Files.list(demoClips)) {
            for (Path c : clips.sorted().limit(6).toList()) {
                Path target = music.resolve(c.getFileName().toString().startsWith("a1") ? "first artist" : "other")
                        .resolve(c.getFileName());
                Files.createDirectories(target.getParent());
                Files.copy(c, target);
            }
        }
        Files.writeString(music.resolve("broken.mp3"), "not audio at all");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(demoClips.resolve("a8c4.mp3"), elsewhere.resolve("linked.mp3"));
        Files.createSymbolicLink(music.resolve("link"), elsewhere);
        Path model = OnnxModelSourceTest.meanMaxModel(dir.resolve("mean-max.onnx"));
        Path csv = dir.resolve("library.csv");
        assertEquals(0, cli.run("embed", music.toString(), "--out", csv.toString(), "--onnx", model.toString(),
                "--threads", "1"), cli.err.toString());
        Map<String, float[]> vectors = EmbeddingCsv.read(csv);
        assertEquals(7, vectors.size(), vectors.keySet().toString());
        assertTrue(vectors.containsKey("first artist/a1c1.ogg"), vectors.keySet().toString());
        assertTrue(vectors.containsKey("link/linked.mp3"), "followed the symbolic link: " + vectors.keySet());
        assertEquals(2, vectors.get("first artist/a1c1.ogg").length, "mean and max");
        assertTrue(cli.out.toString().contains("embedded 7 of 8 files"), cli.out.toString());
        assertTrue(cli.err.toString().contains("broken.mp3") && cli.err.toString().contains("1 file(s) could not be used"),
                cli.err.toString());
    }

    @Test
    void embedFailsWhenNothingCouldBeEmbedded() throws IOException {
        Path music = Files.createDirectories(dir.resolve("music"));
        Files.writeString(music.resolve("broken.ogg"), "");
        Path model = OnnxModelSourceTest.meanMaxModel(dir.resolve("m.onnx"));
        Path csv = dir.resolve("library.csv");
        assertEquals(1, cli.run("embed", music.toString(), "--out", csv.toString(), "--onnx", model.toString()));
        assertTrue(!Files.exists(csv), "no empty CSV left behind");
    }

    @Test
    void embedNeedsAModel() {
        assertEquals(2, cli.run("embed", dir.toString(), "--out", dir.resolve("x.csv").toString()));
    }

    private Path library() throws IOException {
        return Files.writeString(dir.resolve("lib.csv"),
                "clip_id,e0,e1\nrock/one.mp3,0,0\nrock/two.mp3,3,4\njazz/three.ogg,6,8\njazz/four.flac,0,1\n");
    }

    @Test
    void similarPrintsNearestSongsWithDistances() throws IOException {
        assertEquals(0, cli.run("similar", library().toString(), "one.mp3", "-n", "2"), cli.err.toString());
        List<String> lines = cli.out.toString().lines().toList();
        assertEquals("nearest rock/one.mp3:", lines.get(0));
        assertTrue(lines.get(1).matches("\\s*1\\s+1\\.0000\\s+jazz/four\\.flac"), lines.get(1));
        assertTrue(lines.get(2).matches("\\s*2\\s+5\\.0000\\s+rock/two\\.mp3"), lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void similarRejectsAnUnknownSong() throws IOException {
        assertEquals(1, cli.run("similar", library().toString(), "nowhere.mp3"));
        assertTrue(cli.err.toString().contains("unknown song 'nowhere.mp3'") && cli.err.toString().contains("lib.csv"),
                cli.err.toString());
    }

    @Test
    void similarRejectsAMalformedCsvNamingTheLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "clip_id,e0\nsong.mp3,1\nother.mp3,oops\n");
        assertEquals(1, cli.run("similar", bad.toString(), "song.mp3"));
        assertTrue(cli.err.toString().contains("bad.csv:3") && cli.err.toString().contains("oops"), cli.err.toString());
    }

    @Test
    void playlistStartsFromTheSeedsAndLeavesThemOut() throws IOException {
        assertEquals(0, cli.run("playlist", library().toString(), "rock/one.mp3", "three.ogg", "-n", "5"), cli.err.toString());
        List<String> lines = cli.out.toString().lines().toList();
        assertEquals(2, lines.size(), cli.out.toString());
        assertTrue(lines.get(0).endsWith("rock/two.mp3") && lines.get(1).endsWith("jazz/four.flac"), cli.out.toString());
    }

    @Test
    void playlistRejectsAnUnknownSeedAndAMissingFile() throws IOException {
        assertEquals(1, cli.run("playlist", library().toString(), "one.mp3", "ghost.mp3", "-n", "3"));
        assertTrue(cli.err.toString().contains("unknown song 'ghost.mp3'"), cli.err.toString());
        assertEquals(1, cli.run("playlist", dir.resolve("none.csv").toString(), "one.mp3", "-n", "3"));
        assertTrue(cli.err.toString().contains("none.csv"), cli.err.toString());
    }
}
