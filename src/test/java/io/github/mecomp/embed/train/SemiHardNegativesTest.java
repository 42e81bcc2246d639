package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.MiningConfig;
import io.github.mecomp.embed.data.Relation;
import io.github.mecomp.embed.data.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemiHardNegativesTest {

    private static Clip clip(String id, String artist) {
        return new Clip(id, Path.of("/x/" + id + ".mp3"), Split.TRAIN, Map.of("artist", artist));
    }

    private final PairRule rule = new PairRule(List.of(new Dataset("s", Path.of("/x"), List.of(
            clip("a1", "A"), clip("a2", "A"), clip("b1", "B"), clip("b2", "A"), clip("c1", "C"), clip("c2", "C")),
            Map.of())), MiningConfig.defaults());

    @Test
    void picksTheClosestValidNegativeFartherThanThePositive() {
        // rows: anchors a1, c1 | positives a2, c2 | negatives b1, b2(artist A: invalid for a1)
        List<String> keys = List.of("s/a1", "s/c1", "s/a2", "s/c2", "s/b1", "s/b2");
        float[][] e = {
            {0, 0}, {5, 5}, // anchors
            {0.3f, 0}, {5, 5.2f}, // positives: d² 0.09 and 0.04
            {0.4f, 0}, {0.35f, 0}, // b1: d² 0.16 from a1 (semi-hard); b2 closer but same artist as a1
        };
        int[] chosen = SemiHardNegatives.choose(e, keys, List.of(Relation.ARTIST, Relation.ARTIST), rule, 0.2);
        // a1 -> b1 (row 4); c1: nothing within the margin, so it keeps its mined negative (row 5)
        assertArrayEquals(new int[] {4, 5}, chosen);
    }

    @Test
    void neverPicksANegativeCloserThanThePositive() {
        List<String> keys = List.of("s/a1", "s/c1", "s/a2", "s/c2", "s/b1", "s/c2");
        float[][] e = {{0, 0}, {9, 9}, {1, 0}, {9, 9.1f}, {0.5f, 0}, {3, 3}};
        int[] chosen = SemiHardNegatives.choose(e, keys, List.of(Relation.ARTIST, Relation.ARTIST), rule, 0.5);
        assertArrayEquals(new int[] {4, 5}, chosen, "b1 is closer than the positive, c2 too far: keep the mined ones");
    }

    @Test
    void aJudgementKeepsTheNegativeTheListenerChose() {
        // the same batch as above, but the first triplet is a human judgement (no relation)
        List<String> keys = List.of("s/a1", "s/c1", "s/a2", "s/c2", "s/b1", "s/b2");
        float[][] e = {{0, 0}, {5, 5}, {0.3f, 0}, {5, 5.2f}, {0.4f, 0}, {0.35f, 0}};
        int[] chosen = SemiHardNegatives.choose(e, keys, java.util.Arrays.asList(null, Relation.ARTIST), rule, 0.2);
        assertArrayEquals(new int[] {4, 5}, chosen);
        keys = List.of("s/a1", "s/c1", "s/a2", "s/c2", "s/c2", "s/b1");
        e = new float[][] {{0, 0}, {5, 5}, {0.3f, 0}, {5, 5.2f}, {9, 9}, {0.4f, 0}};
        assertArrayEquals(new int[] {4, 5}, SemiHardNegatives.choose(e, keys, java.util.Arrays.asList(null, null),
                rule, 0.2), "b1 (row 5) would be semi-hard for a1, but a judgement's negative stays");
    }
}
