package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanTripletsTest {

    @TempDir
    Path dir;

    private List<HumanTriplet> read(String text) throws IOException {
        return HumanTriplets.read(Fixtures.write(dir, "human.csv", text));
    }

    private DataFormatException readFails(String text) {
        return assertThrows(DataFormatException.class, () -> read(text));
    }

    @Test
    void readsAnchorPositiveNegativeFormat() throws IOException {
        assertEquals(List.of(new HumanTriplet(new Triplet("a", "b", "c"), 1)),
                read("anchor,positive,negative\na,b,c\n"));
    }

    @Test
    void readsSongPositionFormatAsOneBased() throws IOException {
        List<HumanTriplet> judged = read("song1,song2,song3,anchor,positive\n"
                + "x.mp3,y.mp3,z.mp3,3,1\n"
                + "x.mp3,y.mp3,z.mp3,1,2\n");
        assertEquals(new Triplet("z.mp3", "x.mp3", "y.mp3"), judged.get(0).triplet());
        assertEquals(new Triplet("x.mp3", "y.mp3", "z.mp3"), judged.get(1).triplet());
    }

    @Test
    void readsSongPositionFormatWithColumnsInAnyOrder() throws IOException {
        List<HumanTriplet> judged = read("anchor,positive,song3,song1,song2\n2,3,\"c, live\",a,b\n");
        assertEquals(new Triplet("b", "c, live", "a"), judged.get(0).triplet());
    }

    @Test
    void rejectsPositionOutsideOneToThree() {
        DataFormatException zero = readFails("song1,song2,song3,anchor,positive\nx,y,z,1,2\nx,y,z,0,2\n");
        assertEquals(3, zero.line());
        assertTrue(zero.problem().startsWith("anchor: expected the position of a song, 1, 2 or 3"), zero.getMessage());

        DataFormatException four = readFails("song1,song2,song3,anchor,positive\nx,y,z,1,4\n");
        assertTrue(four.problem().startsWith("positive:") && four.problem().contains("'4'"), four.getMessage());
    }

    @Test
    void rejectsSamePositionForAnchorAndPositive() {
        DataFormatException e = readFails("song1,song2,song3,anchor,positive\nx,y,z,2,2\n");
        assertEquals(2, e.line());
        assertEquals("positive: must differ from anchor (both are 2)", e.problem());
    }

    @Test
    void rejectsTheSameSongTwice() {
        DataFormatException e = readFails("song1,song2,song3,anchor,positive\nx,x,z,1,3\n");
        assertTrue(e.problem().contains("three different clips"), e.getMessage());
    }

    @Test
    void keepsVotesColumnAsCount() throws IOException {
        List<HumanTriplet> judged = read("anchor,positive,negative,votes,rater\na,b,c,3,ann\nb,c,a,1,bob\n");
        assertEquals(List.of(3, 1), judged.stream().map(HumanTriplet::votes).toList());
    }

    @Test
    void ignoresExtraColumns() throws IOException {
        assertEquals(new Triplet("a", "b", "c"),
                read("when,anchor,positive,negative,note\n2024-01-01,a,b,c,\"sounds, alike\"\n").get(0).triplet());
    }

    @Test
    void rejectsVotesBelowOne() {
        DataFormatException e = readFails("anchor,positive,negative,votes\na,b,c,0\n");
        assertTrue(e.problem().startsWith("votes: "), e.getMessage());
    }

    @Test
    void rejectsHeaderOfNeitherFormat() {
        assertTrue(readFails("first,second,third\na,b,c\n").problem().startsWith("missing required column 'anchor'"));
        assertTrue(readFails("song1,song2,anchor,positive\na,b,1,2\n").problem()
                .startsWith("missing required column 'song3'"));
        assertTrue(readFails("song1,song2,song3,anchor,positive,negative\na,b,c,1,2,3\n").problem()
                .contains("mixes both formats"));
    }

    @Test
    void rejectsEmptyIdAndEmptyFile() {
        assertEquals("negative: empty", readFails("anchor,positive,negative\na,b, \n").problem());
        assertTrue(readFails("anchor,positive,negative\n").problem().startsWith("no judgements"));
    }
}
