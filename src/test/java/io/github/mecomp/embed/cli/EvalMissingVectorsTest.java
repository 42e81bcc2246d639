package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval --embeddings names the clips a CSV lacks, and fails clearly when it matches none of them. */
class EvalMissingVectorsTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    /** A set of 4 test clips (no audio needed: the vectors are precomputed) and one task over them. */
    private Path set() throws IOException {
        Path set = Files.createDirectories(dir.resolve("set/triplets"));
        Files.writeString(set.resolveSibling("labels.csv"), "clip_id,file,artist,split\n"
                + "a,clips/a.mp3,x,test\nb,clips/b.mp3,x,test\nc,clips/c.mp3,y,test\nd,clips/d.mp3,y,test\n");
        Files.writeString(set.resolve("artist.csv"), "anchor,positive,negative\na,b,c\nc,d,a\nd,c,b\n");
        return set.getParent();
    }

    @Test
    void clipsMissingFromTheCsvAreNamedByIdNotCalledClipsWithoutAudio() throws IOException {
        Path csv = Files.writeString(dir.resolve("emb.csv"), "clip_id,e0\na,0\nb,1\nc,10\n");
        assertEquals(0, cli.run("eval", "--embeddings", csv.toString(), "--data", set().toString()), cli.err.toString());
        assertTrue(cli.out.toString().contains("(2 skipped: a clip has no vector)"), cli.out.toString());
        assertFalse(cli.out.toString().contains("without audio"), cli.out.toString());
        assertTrue(cli.err.toString().contains("1 file(s) could not be used"), cli.err.toString());
        assertTrue(cli.err.toString().contains("no vector for clip_id 'd' in emb.csv"), cli.err.toString());
    }

    @Test
    void systemsComparedSideBySideAreScoredOnTheSameTriplets() throws IOException {
        // full has every clip and gets all three triplets right; partial lacks d, so only "a,b,c" is shared
        Path full = Files.writeString(dir.resolve("full.csv"), "clip_id,e0\na,0\nb,1\nc,10\nd,11\n");
        Path partial = Files.writeString(dir.resolve("partial.csv"), "clip_id,e0\na,0\nb,1\nc,10\n");
        Path set = set();
        assertEquals(0, cli.run("eval", "--embeddings", full.toString(), "--data", set.toString()), cli.err.toString());
        assertTrue(cli.out.toString().matches("(?s).*set/artist\\s+100\\.0%\\s+3\\s.*"), cli.out.toString());

        CommandLineRun both = new CommandLineRun();
        assertEquals(0, both.run("eval", "--embeddings", full.toString(), "--embeddings", partial.toString(),
                "--data", set.toString()), both.err.toString());
        List<String> rows = both.out.toString().lines()
                .filter(l -> l.startsWith("set/artist") && l.contains("[")).toList(); // not the retrieval rows
        assertEquals(2, rows.size(), both.out.toString());
        for (String row : rows) {
            assertTrue(row.matches("set/artist\\s+100\\.0%\\s+1\\s.*\\(2 skipped: a clip has no vector\\)"), row);
        }
        assertTrue(both.out.toString().contains("(2 of the skipped triplets are scored by this system but not by"
                + " another one compared"), both.out.toString());
    }

    @Test
    void aCsvMatchingNoClipIsAnErrorNotANanRow() throws IOException {
        Path csv = Files.writeString(dir.resolve("other.csv"), "clip_id,e0\nrock/1.mp3,0\nrock/2.mp3,1\n");
        assertEquals(1, cli.run("eval", "--embeddings", csv.toString(), "--data", set().toString()));
        assertFalse(cli.out.toString().contains("NaN"), cli.out.toString());
        String e = cli.err.toString();
        assertTrue(e.contains("other.csv: none of the 4 clips of data set 'set' has a vector"), e);
        assertTrue(e.contains("'rock/1.mp3', 'rock/2.mp3'") && e.contains("'a', 'b', 'c', ..."), e);
    }

    @Test
    void aTaskWithNothingScoredShowsADashAndTheCommandFails() throws IOException {
        // a and b have vectors, but every triplet names c or d too
        Path csv = Files.writeString(dir.resolve("emb.csv"), "clip_id,e0\na,0\nb,1\n");
        assertEquals(1, cli.run("eval", "--embeddings", csv.toString(), "--data", set().toString()));
        // the task rows come first, then the retrieval rows (which need no triplets)
        List<String> rows = cli.out.toString().lines().filter(l -> l.startsWith("set/artist")).toList();
        assertTrue(rows.get(0).matches("set/artist\\s+-\\s+0\\s+-\\s+\\(3 skipped: a clip has no vector\\)"),
                rows.get(0));
        assertTrue(cli.err.toString().contains("eval emb.csv: error: no triplet could be scored"), cli.err.toString());
    }
}
