package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.MinedTriplet;
import io.github.mecomp.embed.data.MiningConfig;
import io.github.mecomp.embed.data.Split;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.model.PairMasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GroupSamplerTest {

    private static final LossSettings PK_2_3 =
            LossSettings.TRIPLET.withKind(LossSettings.Kind.BATCH_ALL).withBatch(2, 3);

    @Test
    void groupsAreTheClipsLinkedByAnchorPositivePairs() {
        Trainer.Data data = TrainerTest.data(); // artists 0..2 train: clips c0..c5 linked c0-c1-...-c5
        GroupSampler sampler = GroupSampler.of(data.train(), data.rule(), PK_2_3);
        assertEquals(Map.of("s/artist", 3), sampler.groupCounts());
        GroupSampler.Drawn drawn = sampler.draw(0, new SplittableRandom(1));
        assertEquals(6, drawn.keys().size());
        assertEquals("s/artist", drawn.relation());
        PairMasks m = drawn.masks();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                boolean sameArtist = artist(drawn.keys().get(i)).equals(artist(drawn.keys().get(j)));
                assertEquals(i != j && sameArtist, m.positive()[i * 6 + j], i + "," + j);
                assertEquals(!sameArtist, m.negative()[i * 6 + j], i + "," + j);
            }
        }
        assertEquals(3, new HashSet<>(drawn.keys().subList(0, 3)).size(), "K distinct clips of a large group");
        assertEquals(6 * 2 * 3, m.tripletCount());
    }

    @Test
    void theSameStepAndRandomStreamDrawTheSameBatch() {
        Trainer.Data data = TrainerTest.data();
        GroupSampler sampler = GroupSampler.of(data.train(), data.rule(), PK_2_3);
        assertEquals(sampler.draw(5, new SplittableRandom(9)), sampler.draw(5, new SplittableRandom(9)));
        Set<List<String>> seen = new HashSet<>();
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 10; i++) {
            seen.add(sampler.draw(i, random).keys());
        }
        assertTrue(seen.size() > 5, "batches vary: " + seen.size());
    }

    @Test
    void smallGroupsRepeatClipsAndOtherTracksOfTheAnchorsAlbumAreNoNegatives() {
        // two albums, each with two tracks of two excerpts: under "track", another track of the same album is
        // neither positive nor negative
        Dataset set = albums(2);
        List<MinedTriplet> train = new ArrayList<>();
        for (int album = 0; album < 2; album++) {
            for (int track = 0; track < 2; track++) {
                String t = "al" + album + "t" + track;
                train.add(new MinedTriplet(new Triplet(t + "a", t + "b", "al" + (1 - album) + "t0a"), "g", "track"));
            }
        }
        PairRule rule = new PairRule(List.of(set), MiningConfig.defaults());
        GroupSampler sampler = GroupSampler.of(train, rule, PK_2_3.withBatch(4, 3));
        GroupSampler.Drawn drawn = sampler.draw(0, new SplittableRandom(3));
        assertEquals(12, drawn.keys().size(), "groups of 2 clips fill K = 3 with a repeat");
        PairMasks m = drawn.masks();
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                String a = drawn.keys().get(i);
                String b = drawn.keys().get(j);
                boolean sameAlbum = a.substring(2, 5).equals(b.substring(2, 5));
                boolean sameTrack = a.substring(2, 7).equals(b.substring(2, 7));
                if (sameAlbum && !sameTrack) {
                    assertFalse(m.positive()[i * 12 + j] || m.negative()[i * 12 + j], a + " vs " + b);
                }
                if (!sameAlbum) {
                    assertTrue(m.negative()[i * 12 + j], a + " vs " + b);
                }
            }
        }
    }

    @Test
    void otherTrackPositivesTakeExcerptsOfTheAnchorsOwnTrackOutOfAnAlbumsPairs() {
        Dataset set = albums(3);
        List<MinedTriplet> train = onEachOfThreeAlbums("t0a t1a album", "t0b t1b album", "t0a t1b album");
        for (boolean otherTrack : List.of(false, true)) {
            PairRule rule = new PairRule(List.of(set), MiningConfig.defaults().withOtherTrackPositives(otherTrack));
            GroupSampler sampler = GroupSampler.of(train, rule, PK_2_3.withBatch(3, 4));
            assertEquals(Map.of("g/album", 3), sampler.groupCounts());
            boolean sawSameTrackPair = false;
            SplittableRandom random = new SplittableRandom(5);
            for (int step = 0; step < 5; step++) {
                GroupSampler.Drawn drawn = sampler.draw(step, random);
                PairMasks m = drawn.masks();
                int n = drawn.keys().size();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        String a = drawn.keys().get(i).substring("g/".length());
                        String b = drawn.keys().get(j).substring("g/".length());
                        boolean sameAlbum = a.substring(0, 3).equals(b.substring(0, 3));
                        boolean sameTrack = a.substring(0, 5).equals(b.substring(0, 5));
                        String pair = a + " vs " + b + (otherTrack ? " (other-track positives)" : "");
                        if (i != j && sameTrack) {
                            sawSameTrackPair = true;
                            assertEquals(!otherTrack, m.positive()[i * n + j], pair);
                            assertFalse(m.negative()[i * n + j], pair);
                        } else if (i != j && sameAlbum) {
                            assertTrue(m.positive()[i * n + j], pair);
                        } else if (i != j) {
                            assertTrue(m.negative()[i * n + j], pair);
                        }
                    }
                }
            }
            assertTrue(sawSameTrackPair, "K = 4 of an album's four clips draws both excerpts of a track");
        }
    }

    @Test
    void aHeavierRelationComesRoundMoreOftenItsTurnsSpreadOverTheCycle() {
        Dataset set = albums(3);
        List<MinedTriplet> train = onEachOfThreeAlbums("t0a t1a album", "t0a t0b track", "t1a t1b track");
        PairRule rule = new PairRule(List.of(set), MiningConfig.defaults());
        assertEquals(List.of("g/album", "g/track"), GroupSampler.of(train, rule, PK_2_3).cycleOrder());
        GroupSampler weighted = GroupSampler.of(train, rule,
                PK_2_3.withRelationWeights(RelationWeights.parse(List.of("album=3"))));
        assertEquals(List.of("g/album", "g/track", "g/album", "g/album"), weighted.cycleOrder());
        SplittableRandom random = new SplittableRandom(2);
        for (int step = 0; step < 8; step++) {
            assertEquals(weighted.cycleOrder().get(step % 4), weighted.draw(step, random).relation(), "step " + step);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupSampler.of(train, rule,
                PK_2_3.withRelationWeights(RelationWeights.parse(List.of("artist=2")))));
        assertTrue(e.getMessage().contains("'artist'") && e.getMessage().contains("[g/album, g/track]"),
                e.getMessage());
    }

    @Test
    void oppositeMoodNegativesLeaveSideBySideQuadrantsOutOfAMoodBatch() {
        Dataset set = quadrants();
        List<MinedTriplet> train = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            train.add(new MinedTriplet(new Triplet("q" + q + "c0", "q" + q + "c1", "q" + (q % 4 + 1) + "c0"), "m",
                    "mood"));
        }
        for (MoodNegatives rule : MoodNegatives.values()) {
            LossSettings settings = PK_2_3.withBatch(4, 2).withMoodNegatives(rule);
            GroupSampler sampler = GroupSampler.of(train, new PairRule(List.of(set), MiningConfig.defaults(), rule),
                    settings);
            GroupSampler.Drawn drawn = sampler.draw(0, new SplittableRandom(4));
            PairMasks m = drawn.masks();
            int n = drawn.keys().size();
            assertEquals(8, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int a = drawn.keys().get(i).charAt("m/q".length()) - '0';
                    int b = drawn.keys().get(j).charAt("m/q".length()) - '0';
                    String pair = drawn.keys().get(i) + " vs " + drawn.keys().get(j) + " (" + rule.id() + ")";
                    assertEquals(i != j && a == b, m.positive()[i * n + j], pair);
                    boolean opposite = Math.abs(a - b) == 2;
                    assertEquals(a != b && (rule == MoodNegatives.OTHER || opposite), m.negative()[i * n + j], pair);
                }
            }
            // every anchor: one positive; six negatives under the miner's rule, two under the opposite one
            assertEquals(rule == MoodNegatives.OTHER ? 8 * 6 : 8 * 2, m.tripletCount(), rule.id());
        }
    }

    @Test
    void fillBatchesGivesARelationWithFewerGroupsThanPMoreClipsOfEach() {
        Dataset set = quadrants();
        List<MinedTriplet> train = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            String other = "q" + (q % 4 + 1) + "c0";
            train.add(new MinedTriplet(new Triplet("q" + q + "c0", "q" + q + "c1", other), "m", "mood"));
            train.add(new MinedTriplet(new Triplet("q" + q + "c1", "q" + q + "c2", other), "m", "mood"));
        }
        PairRule rule = new PairRule(List.of(set), MiningConfig.defaults());
        LossSettings eightByThree = PK_2_3.withBatch(8, 3);
        // four quadrants: 4 x 3 clips as they stand, 4 x 6 (24 = 8 x 3) filled
        assertEquals(12, GroupSampler.of(train, rule, eightByThree).draw(0, new SplittableRandom(1)).keys().size());
        GroupSampler.Drawn filled = GroupSampler.of(train, rule, eightByThree.withFillBatches(true))
                .draw(0, new SplittableRandom(1));
        assertEquals(24, filled.keys().size());
        Map<Character, Long> perQuadrant = new TreeMap<>();
        filled.keys().forEach(k -> perQuadrant.merge(k.charAt("m/q".length()), 1L, Long::sum));
        assertEquals(Map.of('1', 6L, '2', 6L, '3', 6L, '4', 6L), perQuadrant);
        // each anchor: its group's five other clips are positives (its own repeats too), the other 18 negatives
        assertEquals(24 * 5 * 18, filled.masks().tripletCount());
        // a relation with at least P groups keeps K
        assertEquals(8, GroupSampler.of(train, rule, PK_2_3.withBatch(4, 2).withFillBatches(true))
                .draw(0, new SplittableRandom(1)).keys().size());
        assertEquals(6, eightByThree.withFillBatches(true).clipsPerGroup(4));
        assertEquals(3, eightByThree.withFillBatches(true).clipsPerGroup(8));
        assertEquals(3, eightByThree.clipsPerGroup(4));
        assertTrue(eightByThree.withFillBatches(true).toString().contains("fillBatches=true"));
        assertFalse(eightByThree.toString().contains("fillBatches"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSettings.TRIPLET.withFillBatches(true));
        assertTrue(e.getMessage().contains("--fill-batches"), e.getMessage());
    }

    @Test
    void oppositeMoodNegativesNeedQuadrantLabelsAndSayWhichClipLacksOne() {
        Dataset set = quadrants();
        List<Clip> clips = new ArrayList<>(set.clips());
        clips.set(5, new Clip("odd", Path.of("/x/odd"), Split.TRAIN, Map.of("quadrant", "happy", "artist", "ar")));
        Dataset odd = new Dataset("m", Path.of("/x"), clips, Map.of());
        new PairRule(List.of(odd), MiningConfig.defaults(), MoodNegatives.OTHER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PairRule(List.of(odd), MiningConfig.defaults(), MoodNegatives.OPPOSITE));
        assertTrue(e.getMessage().contains("clip 'odd' of set 'm' has 'happy'")
                && e.getMessage().contains("--mood-negatives other"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LossSettings.TRIPLET.withMoodNegatives(MoodNegatives.OPPOSITE));
        assertEquals(MoodNegatives.OPPOSITE, MoodNegatives.parse(" Opposite "));
        assertThrows(IllegalArgumentException.class, () -> MoodNegatives.parse("adjacent"));
    }

    /** Set "m": three clips (q1c0, q1c1, q1c2, ...) in each of the quadrants Q1-Q4, each by its own artist. */
    private static Dataset quadrants() {
        List<Clip> clips = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            for (int c = 0; c < 3; c++) {
                clips.add(new Clip("q" + q + "c" + c, Path.of("/x/q" + q + "c" + c), Split.TRAIN,
                        Map.of("quadrant", "Q" + q, "artist", "ar" + q + c)));
            }
        }
        return new Dataset("m", Path.of("/x"), clips, Map.of());
    }

    @Test
    void refusesDataWithoutTwoGroups() {
        Trainer.Data data = TrainerTest.data();
        List<MinedTriplet> one = data.train().stream().filter(t -> t.triplet().anchor().startsWith("a0")).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GroupSampler.of(one, data.rule(), PK_2_3));
        assertTrue(e.getMessage().contains("--loss triplet"), e.getMessage());
    }

    /**
     * Mined triplets of set "g" on albums al0..al2 of {@link #albums}: each "ANCHOR POSITIVE RELATION" (clips named
     * within the album, e.g. "t0a t1a album") once per album, the negative the next album's first clip.
     */
    private static List<MinedTriplet> onEachOfThreeAlbums(String... pairs) {
        List<MinedTriplet> train = new ArrayList<>();
        for (int album = 0; album < 3; album++) {
            String al = "al" + album;
            String other = "al" + (album + 1) % 3 + "t0a";
            for (String pair : pairs) {
                String[] p = pair.split(" ");
                train.add(new MinedTriplet(new Triplet(al + p[0], al + p[1], other), "g", p[2]));
            }
        }
        return train;
    }

    /** Set "g": albums al0, al1, ..., each with two tracks (al0t0, al0t1) of two excerpts (al0t0a, al0t0b). */
    private static Dataset albums(int count) {
        List<Clip> clips = new ArrayList<>();
        for (int album = 0; album < count; album++) {
            for (int track = 0; track < 2; track++) {
                String t = "al" + album + "t" + track;
                for (String part : List.of("a", "b")) {
                    clips.add(new Clip(t + part, Path.of("/x/" + t + part), Split.TRAIN,
                            Map.of("album", "al" + album, "track_id", t)));
                }
            }
        }
        return new Dataset("g", Path.of("/x"), clips, Map.of());
    }

    private static String artist(String key) {
        return key.substring(0, key.indexOf('c'));
    }
}
