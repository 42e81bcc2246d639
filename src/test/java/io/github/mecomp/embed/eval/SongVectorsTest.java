package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SongVectorsTest {

    @TempDir
    Path dir;

    /** a/one at (0,0), a/two at (3,4), b/three at (6,8), b/four at (0,1). */
    private static SongVectors library() {
        Map<String, float[]> v = new LinkedHashMap<>();
        v.put("a/one.mp3", new float[] {0, 0});
        v.put("a/two.mp3", new float[] {3, 4});
        v.put("b/three.ogg", new float[] {6, 8});
        v.put("b/four.flac", new float[] {0, 1});
        return new SongVectors(Path.of("lib.csv"), v);
    }

    @Test
    void similarListsNearestFirstWithDistancesAndLeavesTheSongOut() {
        List<SongVectors.Neighbour> near = library().similar("a/one.mp3", 10);
        assertEquals(List.of("b/four.flac", "a/two.mp3", "b/three.ogg"), near.stream().map(SongVectors.Neighbour::song).toList());
        assertEquals(1.0, near.get(0).distance(), 1e-12);
        assertEquals(5.0, near.get(1).distance(), 1e-12);
        assertEquals(10.0, near.get(2).distance(), 1e-12);
        assertEquals(1, library().similar("a/one.mp3", 1).size());
    }

    @Test
    void playlistStartsFromTheSeedsMeanAndLeavesSeedsOut() {
        // mean of one (0,0) and three (6,8) = (3,4): two is at 0, four at sqrt(9+9) = 4.243
        List<SongVectors.Neighbour> list = library().playlist(List.of("a/one.mp3", "three.ogg"), 5);
        assertEquals(List.of("a/two.mp3", "b/four.flac"), list.stream().map(SongVectors.Neighbour::song).toList());
        assertEquals(0.0, list.get(0).distance(), 1e-12);
        assertEquals(Math.sqrt(18), list.get(1).distance(), 1e-6);
    }

    @Test
    void songsAreFoundByFileNameWhenUnique() {
        assertEquals("b/three.ogg", library().resolve("three.ogg"));
    }

    @Test
    void unknownSongIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> library().similar("tw", 3));
        assertTrue(e.getMessage().contains("unknown song 'tw'") && e.getMessage().contains("lib.csv")
                && e.getMessage().contains("a/two.mp3"), e.getMessage());
    }

    @Test
    void ambiguousFileNameAsksForThePath() {
        Map<String, float[]> v = Map.of("x/song.mp3", new float[] {0}, "y/song.mp3", new float[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SongVectors(Path.of("lib.csv"), v).resolve("song.mp3"));
        assertTrue(e.getMessage().contains("matches 2 songs"), e.getMessage());
    }

    @Test
    void rejectsMalformedAndEmptyFiles() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "clip_id,e0,e1\nsong.mp3,1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> SongVectors.read(bad));
        assertTrue(e.getMessage().contains("bad.csv:2"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "clip_id,e0\n");
        IOException e2 = assertThrows(IOException.class, () -> SongVectors.read(empty));
        assertTrue(e2.getMessage().contains("no songs"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> library().similar("a/one.mp3", 0));
        assertThrows(IllegalArgumentException.class, () -> library().playlist(List.of(), 3));
    }

    @Test
    void keysWithCommasRoundTripThroughTheCsv() throws IOException {
        Path file = dir.resolve("v.csv");
        EmbeddingCsv.write(file, Map.of("Artist, The/\"Song\".mp3", new float[] {1, 2}));
        assertEquals(Map.of("Artist, The/\"Song\".mp3", 1f).keySet(), EmbeddingCsv.read(file).keySet());
    }
}
