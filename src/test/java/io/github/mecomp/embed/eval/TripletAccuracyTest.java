package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.Triplet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TripletAccuracyTest {

    private static final Map<String, float[]> POINTS = Map.of(
            "a", new float[] {0, 0},
            "near", new float[] {1, 0},
            "far", new float[] {3, 0},
            "tie", new float[] {0, 1});

    @Test
    void countsAnchorCloserToPositiveAsCorrect() {
        assertTrue(TripletAccuracy.isCorrect(POINTS.get("a"), POINTS.get("near"), POINTS.get("far")));
        assertFalse(TripletAccuracy.isCorrect(POINTS.get("a"), POINTS.get("far"), POINTS.get("near")));
    }

    @Test
    void tieCountsAsWrong() {
        assertFalse(TripletAccuracy.isCorrect(POINTS.get("a"), POINTS.get("near"), POINTS.get("tie")));
    }

    @Test
    void constantEmbeddingScoresZero() {
        float[] same = {0.5f, 0.5f};
        TaskScore s = TripletAccuracy.score(List.of(new Triplet("x", "y", "z")),
                Map.of("x", same, "y", same, "z", same));
        assertEquals(0.0, s.accuracy());
    }

    @Test
    void scoresAndSkipsTripletsWithMissingClips() {
        List<Triplet> triplets = List.of(
                new Triplet("a", "near", "far"),
                new Triplet("a", "far", "near"),
                new Triplet("a", "near", "tie"),
                new Triplet("a", "near", "missing"));
        TaskScore s = TripletAccuracy.score(triplets, POINTS);
        assertEquals(1, s.correct());
        assertEquals(3, s.n());
        assertEquals(1, s.skipped());
        assertEquals(1 / 3.0, s.accuracy(), 1e-12);
    }
}
