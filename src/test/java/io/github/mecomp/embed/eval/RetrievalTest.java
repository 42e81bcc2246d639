package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.Split;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrievalTest {

    /** Points on a line: a1 = 0, a2 = 1, b1 = 2, b2 = 10, and c1 = 50 alone in its label. */
    private static final Map<String, float[]> POINTS = Map.of(
            "a1", new float[] {0}, "a2", new float[] {1}, "b1", new float[] {2}, "b2", new float[] {10},
            "c1", new float[] {50});

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("a1", "A");
        labels.put("a2", "A");
        labels.put("b1", "B");
        labels.put("b2", "B");
        labels.put("c1", "C");
        labels.put("d1", "A"); // no vector: its audio failed
        return labels;
    }

    @Test
    void precisionAndAveragePrecisionMatchHandComputedRankings() {
        // a1: a2(1, rel) b1(4) b2(100) c1     -> P@2 1/2, AP 1
        // a2: a1 and b1 tie at 1: irrelevant b1 first, then a1(rel), b2, c1 -> P@2 1/2, AP 1/2
        // b1: a2(1) a1(4) b2(64, rel) c1      -> P@2 0,   AP 1/3
        // b2: b1(64, rel) a2 a1 c1            -> P@2 1/2, AP 1
        RetrievalScore s = Retrieval.score(labels(), POINTS, 2);
        assertEquals((0.5 + 0.5 + 0 + 0.5) / 4, s.precisionAtK(), 1e-12);
        assertEquals((1 + 0.5 + 1.0 / 3 + 1) / 4, s.meanAveragePrecision(), 1e-12);
        assertEquals(4, s.queries());
        assertEquals(1, s.withoutRelevant(), "c1 has no other clip labelled C");
        assertEquals(1, s.withoutVector(), "d1 has no vector");
    }

    @Test
    void precisionAtKDividesByKEvenWhenFewerClipsAreRelevant() {
        RetrievalScore s = Retrieval.score(labels(), POINTS, 5);
        // every query has exactly one relevant clip, always within the 4 candidates: 1/5 each
        assertEquals(0.2, s.precisionAtK(), 1e-12);
    }

    @Test
    void constantEmbeddingRanksEveryRelevantClipLast() {
        Map<String, float[]> same = new LinkedHashMap<>();
        POINTS.keySet().forEach(id -> same.put(id, new float[] {0}));
        RetrievalScore s = Retrieval.score(labels(), same, 1);
        assertEquals(0, s.precisionAtK());
        assertEquals(0.25, s.meanAveragePrecision(), 1e-12, "the one relevant clip ranked 4th of 4");
    }

    @Test
    void perfectEmbeddingScoresOne() {
        Map<String, float[]> perfect = Map.of("a1", new float[] {0}, "a2", new float[] {0.1f},
                "b1", new float[] {5}, "b2", new float[] {5.1f});
        RetrievalScore s = Retrieval.score(Map.of("a1", "A", "a2", "A", "b1", "B", "b2", "B"), perfect, 1);
        assertEquals(1, s.precisionAtK());
        assertEquals(1, s.meanAveragePrecision());
    }

    @Test
    void rejectsKBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> Retrieval.score(labels(), POINTS, 0));
    }

    @Test
    void tasksUseTestClipsAndOnlySingleGenreClipsForGenre() {
        List<Clip> clips = List.of(
                clip("t1", Split.TEST, "X", "Rock"),
                clip("t2", Split.TEST, "X", "Rock; Pop"),
                clip("t3", Split.TEST, "Y", "Pop"),
                clip("t4", Split.TEST, "", "Jazz"),
                clip("r1", Split.TRAIN, "X", "Rock"));
        Dataset set = new Dataset("s", Path.of("/s"), clips, Map.of());
        Map<String, Map<String, String>> tasks = Retrieval.tasks(set);
        assertEquals(List.of("artist", "genre"), List.copyOf(tasks.keySet()));
        assertEquals(Map.of("t1", "X", "t2", "X", "t3", "Y"), tasks.get("artist"));
        assertEquals(Map.of("t1", "Rock", "t3", "Pop", "t4", "Jazz"), tasks.get("genre"),
                "t2 lists two genres and takes no part");
    }

    @Test
    void soundtrackNamesTheGameMusicTask() {
        Dataset set = new Dataset("g", Path.of("/g"), List.of(
                new Clip("x", Path.of("/g/x.ogg"), Split.TEST, Map.of("soundtrack", "game-a", "track_id", "t"))),
                Map.of());
        assertTrue(Retrieval.tasks(set).containsKey("soundtrack"), Retrieval.tasks(set).toString());
    }

    private static Clip clip(String id, Split split, String artist, String genres) {
        return new Clip(id, Path.of("/s/" + id + ".wav"), split, Map.of("artist", artist, "genres", genres));
    }
}
