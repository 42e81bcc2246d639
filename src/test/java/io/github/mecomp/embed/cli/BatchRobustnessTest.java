package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.eval.FileEmbedder;
import io.github.mecomp.embed.eval.OnnxModelSourceTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch over a music folder never dies on one file or one corner of the folder: out of memory on a long
 * song, link loops, dangling links, unreadable folders, odd names. A broken output stops it, naming the output.
 */
class BatchRobustnessTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    private Path tone(String relative) throws IOException {
        return TestAudio.writeWav(dir.resolve(relative), TestAudio.sine(440, 0.5, 1.5, 22_050), 22_050);
    }

    /** A model whose decoder runs out of memory on one song, as a 2-hour mix does in a small heap. */
    private static FileEmbedder runsOutOfMemoryOn(String fileName) {
        return new FileEmbedder() {
            @Override
            public String name() {
                return "stub";
            }

            @Override
            public float[] embedFile(Path file) {
                if (file.getFileName().toString().equals(fileName)) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return new float[] {1, 2};
            }

            @Override
            public void close() {
            }
        };
    }

    private int embedWith(FileEmbedder model, Path music) throws Exception {
        EmbedCommand command = new EmbedCommand();
        command.folder = music;
        command.outFile = dir.resolve("library.csv");
        return command.embed(model, InputFiles.expand(List.of(music)), 2, new PrintWriter(cli.out, true),
                new PrintWriter(cli.err, true));
    }

    @Test
    void embedGoesOnPastASongThatRunsOutOfMemoryAndListsIt() throws Exception {
        Path music = dir.resolve("music");
        tone("music/a.wav");
        tone("music/long-mix.wav");
        tone("music/c.wav");
        assertEquals(ExitCodes.OK, embedWith(runsOutOfMemoryOn("long-mix.wav"), music));
        Map<String, float[]> rows = EmbeddingCsv.read(dir.resolve("library.csv"));
        assertEquals(List.of("a.wav", "c.wav"), List.copyOf(rows.keySet()));
        assertTrue(cli.out.toString().contains("embedded 2 of 3 files"), cli.out.toString());
        String e = cli.err.toString();
        assertTrue(e.contains("embed: 1 file(s) could not be used:"), e);
        assertTrue(e.contains("long-mix.wav: out of memory: Java heap space"), e);
        assertTrue(e.contains("try a larger -Xmx"), e);
    }

    @Test
    void embedFailsWhenEverySongRunsOutOfMemory() throws Exception {
        Path music = dir.resolve("music");
        tone("music/only.wav");
        assertEquals(ExitCodes.FAILED, embedWith(runsOutOfMemoryOn("only.wav"), music));
        assertTrue(cli.err.toString().contains("only.wav: out of memory"), cli.err.toString());
        assertFalse(Files.exists(dir.resolve("library.csv")));
    }

    @Test
    void embedNamesTheCsvItCannotWriteAndStillListsTheFailures() throws IOException {
        Path music = dir.resolve("music");
        tone("music/a.wav");
        Files.writeString(music.resolve("broken.mp3"), "not audio");
        Path blocker = Files.writeString(dir.resolve("results"), "a file where a folder should be");
        Path csv = blocker.resolve("library.csv");
        Path model = OnnxModelSourceTest.meanMaxModel(dir.resolve("m.onnx"));
        assertEquals(1, cli.run("embed", music.toString(), "--out", csv.toString(), "--onnx", model.toString()));
        String e = cli.err.toString();
        assertTrue(e.contains("embed: error: cannot write " + csv + ": " + blocker), e);
        assertTrue(e.contains("broken.mp3: "), "the failures are listed too: " + e);
    }

    @Test
    void melSkipsASymbolicLinkLoopAndNamesIt() throws IOException {
        Path music = dir.resolve("music");
        tone("music/a.wav");
        tone("music/sub/b.wav");
        Path self = Files.createSymbolicLink(music.resolve("sub/self"), music);
        assertEquals(0, cli.run("mel", music.toString()), cli.err.toString());
        assertTrue(cli.out.toString().contains("2 of 2 files read"), cli.out.toString());
        assertTrue(cli.err.toString().contains("symbolic-link loop: " + self + " -> " + music), cli.err.toString());
        assertTrue(cli.err.toString().contains(", skipped"), cli.err.toString());
    }

    @Test
    void embedSkipsALinkLoopAndADanglingLink() throws IOException {
        Path music = dir.resolve("music");
        tone("music/a.wav");
        Path self = Files.createSymbolicLink(music.resolve("self"), Path.of("."));
        Path gone = Files.createSymbolicLink(music.resolve("gone.mp3"), dir.resolve("deleted.mp3"));
        Path model = OnnxModelSourceTest.meanMaxModel(dir.resolve("m.onnx"));
        Path csv = dir.resolve("library.csv");
        assertEquals(0, cli.run("embed", music.toString(), "--out", csv.toString(), "--onnx", model.toString(),
                "--threads", "1"), cli.err.toString());
        assertEquals(List.of("a.wav"), List.copyOf(EmbeddingCsv.read(csv).keySet()));
        String e = cli.err.toString();
        assertTrue(e.contains("embed: 2 path(s) under the folders were skipped:"), e);
        assertTrue(e.contains("symbolic-link loop: " + self + " -> ."), e);
        assertTrue(e.contains("dangling symbolic link: " + gone + " -> " + dir.resolve("deleted.mp3")), e);
    }

    @Test
    void aLinkToTheFolderAboveIsNamedAsTheLoopsLink() throws IOException {
        Path music = dir.resolve("library/music");
        tone("library/music/a.wav");
        Path up = Files.createSymbolicLink(music.resolve("up"), Path.of(".."));
        assertEquals(0, cli.run("mel", music.toString()), cli.err.toString());
        assertTrue(cli.out.toString().contains("1 of 1 files read"), "a.wav once, not again through the link: " + cli.out);
        assertTrue(cli.err.toString().contains("symbolic-link loop: " + up + " -> .. (leads back to "
                + music.toRealPath() + ", a folder above it), skipped"), cli.err.toString());
    }

    @Test
    void aFolderOfNothingButALoopSaysSo() throws IOException {
        Path music = Files.createDirectories(dir.resolve("music"));
        Files.createSymbolicLink(music.resolve("self"), music);
        assertEquals(1, cli.run("mel", music.toString()));
        assertTrue(cli.err.toString().contains("no audio files"), cli.err.toString());
        assertTrue(cli.err.toString().contains("symbolic-link loop"), cli.err.toString());
    }

    @Test
    void anUnreadableFolderIsNamedAndSkipped() throws IOException {
        Path music = dir.resolve("music");
        tone("music/a.wav");
        InputFiles.Search search = new InputFiles.Search();
        Path locked = music.resolve("locked");
        search.visitFileFailed(locked, new AccessDeniedException(locked.toString()));
        assertEquals("cannot read " + locked + " (permission denied), skipped", search.skipped.get(0).toString());
    }

    @Test
    void anUnreadableFolderOnDiskIsSkipped() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads every folder");
        Path music = dir.resolve("music");
        tone("music/a.wav");
        tone("music/locked/b.wav");
        Path locked = music.resolve("locked");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assertEquals(0, cli.run("mel", music.toString()), cli.err.toString());
            assertTrue(cli.err.toString().contains("cannot read " + locked + " (permission denied), skipped"),
                    cli.err.toString());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aNewlineInAFailingFilesNameStaysOnItsLine() throws IOException {
        Path music = dir.resolve("music");
        tone("music/good.wav");
        Files.writeString(music.resolve("two\nlines.mp3"), "not audio");
        assertEquals(0, cli.run("mel", music.toString()));
        List<String> lines = cli.err.toString().lines().toList();
        int heading = lines.indexOf("mel: 1 file(s) could not be used:");
        assertTrue(heading >= 0, cli.err.toString());
        assertTrue(lines.get(heading + 1).contains("two\\nlines.mp3: "), cli.err.toString());
        assertEquals(heading + 2, lines.size(), "one line per failure: " + lines);
    }

    @Test
    void melOutNamingAFileSaysItIsAFile() throws IOException {
        Path wav = tone("a.wav");
        Path file = Files.writeString(dir.resolve("out.txt"), "x");
        assertEquals(1, cli.run("mel", wav.toString(), "--out", file.toString()));
        assertTrue(cli.err.toString().contains(file + " (--out) is a file, not a folder"), cli.err.toString());
    }

    @Test
    void trainOutNamingAFileSaysItIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("run"), "x");
        assertEquals(1, cli.run("train", "--data", "fixtures/demo-set", "--out", file.toString(), "--threads", "1"));
        assertTrue(cli.err.toString().contains("train: error: " + file + " (--out) is a file, not a folder"),
                cli.err.toString());
    }

    @Test
    void trainNamesTheRunFolderItCannotCreate() throws IOException {
        Path blocker = Files.writeString(dir.resolve("runs"), "x");
        Path run = blocker.resolve("r1");
        assertEquals(1, cli.run("train", "--data", "fixtures/demo-set", "--out", run.toString(), "--threads", "1"));
        assertTrue(cli.err.toString().contains("train: error: cannot write " + run + ": " + blocker
                + " is a file, not a folder"), cli.err.toString());
    }

    @Test
    void melStopsWithANonZeroExitNamingTheOutputItCannotWrite() throws IOException {
        Path wav = tone("in/a.wav");
        Path outDir = dir.resolve("out");
        Path npy = outDir.resolve("a.wav.npy");
        Files.createDirectories(npy.resolve("in the way")); // a full disk fails the same place: the write
        assertEquals(1, cli.run("mel", wav.toString(), "--out", outDir.toString()));
        String e = cli.err.toString();
        assertTrue(e.contains("mel: error: cannot write " + npy + ": "), e);
        assertFalse(e.contains(wav + ": "), "the input is not blamed: " + e);
    }
}
