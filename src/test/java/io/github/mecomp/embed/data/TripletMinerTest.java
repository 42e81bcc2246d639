package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TripletMinerTest {

    private static final List<String> GENRES = List.of("Jazz", "Blues", "Pop/Rock", "Folk", "Rap", "R&B");

    /**
     * A random set with every relation: artists with one or two albums, tracks of one or two excerpts,
     * one to three genres per clip. Some artists are test artists, some of those also have train clips
     * (which must never be mined), and a few train clips have no artist (which cannot be placed by group).
     */
    static Dataset synthetic(long seed) {
        Random random = new Random(seed);
        int artists = 8 + random.nextInt(25);
        List<Clip> clips = new ArrayList<>();
        for (int a = 0; a < artists; a++) {
            // The first six artists are train only, so that a validation split is always possible.
            boolean testArtist = a >= 6 && random.nextDouble() < 0.3;
            for (int album = 0; album < 1 + random.nextInt(2); album++) {
                for (int track = 0; track < 1 + random.nextInt(3); track++) {
                    for (int excerpt = 0; excerpt < 1 + random.nextInt(2); excerpt++) {
                        List<String> genres = new ArrayList<>(GENRES);
                        Collections.shuffle(genres, random);
                        Map<String, String> labels = new LinkedHashMap<>();
                        labels.put("artist", random.nextDouble() < 0.03 ? "" : "artist " + a);
                        labels.put("album", "album " + a + "." + album);
                        labels.put("track_id", "track " + a + "." + album + "." + track);
                        labels.put("genres", String.join("; ", genres.subList(0, 1 + random.nextInt(3))));
                        Split split = testArtist && random.nextDouble() < 0.7 ? Split.TEST : Split.TRAIN;
                        String id = "c" + clips.size();
                        clips.add(new Clip(id, Path.of("/audio", id + ".ogg"), split, labels));
                    }
                }
            }
        }
        return new Dataset("synthetic-" + seed, Path.of("/audio"), clips, Map.of());
    }

    /** Everything mining promises, checked triplet by triplet. */
    static void assertMinedProperly(Dataset set, LabelRoles roles, MinedTriplets mined) {
        Map<String, Clip> clips = set.clipsById();
        String group = roles.groupColumn();
        Set<String> testGroups = new HashSet<>();
        set.clips(Split.TEST).forEach(c -> testGroups.addAll(roles.values(c, group)));
        List<Set<String>> clipsByPart = List.of(new HashSet<>(), new HashSet<>());
        List<Set<String>> groupsByPart = List.of(new HashSet<>(), new HashSet<>());
        List<List<MinedTriplet>> parts = List.of(mined.train(), mined.validation());
        for (int part = 0; part < 2; part++) {
            List<MinedTriplet> triplets = parts.get(part);
            assertEquals(triplets.size(), new HashSet<>(triplets).size(), "a triplet was mined twice");
            for (MinedTriplet m : triplets) {
                assertEquals(set.name(), m.dataset());
                RelationColumns columns = roles.relations().get(Relation.parse(m.relation()));
                assertNotNull(columns, m.relation());
                Triplet t = m.triplet();
                for (String id : List.of(t.anchor(), t.positive(), t.negative())) {
                    Clip clip = clips.get(id);
                    assertNotNull(clip, id);
                    assertEquals(Split.TRAIN, clip.split(), "test clip " + id + " mined in " + m);
                    Set<String> g = roles.values(clip, group);
                    assertEquals(1, g.size(), "clip without group mined: " + m);
                    assertTrue(Collections.disjoint(g, testGroups), "group of a test clip mined: " + m);
                    clipsByPart.get(part).add(id);
                    groupsByPart.get(part).addAll(g);
                }
                Clip anchor = clips.get(t.anchor());
                Clip positive = clips.get(t.positive());
                Clip negative = clips.get(t.negative());
                Set<String> shared = roles.values(anchor, columns.same());
                assertEquals(1, shared.size(), "anchor must have exactly one value: " + m);
                assertEquals(shared, roles.values(positive, columns.same()), "positive does not share: " + m);
                assertTrue(Collections.disjoint(shared, roles.values(negative, columns.same())),
                        "negative shares the label: " + m);
                Set<String> anchorDifferent = roles.values(anchor, columns.different());
                Set<String> negativeDifferent = roles.values(negative, columns.different());
                assertFalse(anchorDifferent.isEmpty() || negativeDifferent.isEmpty(), m.toString());
                assertTrue(Collections.disjoint(anchorDifferent, negativeDifferent),
                        "negative shares " + columns.different() + ": " + m);
            }
        }
        assertTrue(Collections.disjoint(clipsByPart.get(0), clipsByPart.get(1)), "a clip in training and validation");
        assertTrue(Collections.disjoint(groupsByPart.get(0), groupsByPart.get(1)), "a group in training and validation");
    }

    @Test
    void minedTripletsKeepEveryPromiseOverManySeeds() {
        for (long seed = 0; seed < 60; seed++) {
            Dataset set = synthetic(seed);
            MiningConfig config = MiningConfig.defaults().withSeed(seed).withTripletsPerRelation(150)
                    .withValidationFraction(0.1 + (seed % 5) * 0.1);
            MinedTriplets mined = new TripletMiner(config).mine(set);

            assertMinedProperly(set, LabelRoles.defaultsFor(set), mined);
            assertFalse(mined.train().isEmpty());
            assertFalse(mined.validation().isEmpty());
        }
    }

    @Test
    void realLikeFixturesKeepEveryPromise() throws IOException {
        List<Dataset> sets = List.of(
                DatasetReader.read(Fixtures.resource("mer4q-like")),
                DatasetReader.read(Fixtures.resource("gamemusic-like")),
                FmaReader.read(Fixtures.resource("fma"), "small"),
                FmaReader.read(Fixtures.resource("fma"), "large"));
        for (long seed = 0; seed < 25; seed++) {
            MiningConfig config = MiningConfig.defaults().withSeed(seed).withTripletsPerRelation(60)
                    .withValidationFraction(0.3);
            for (Dataset set : sets) {
                MinedTriplets mined = new TripletMiner(config).mine(set);
                assertMinedProperly(set, LabelRoles.defaultsFor(set), mined);
                assertFalse(mined.train().isEmpty(), set.name());
            }
        }
    }

    @Test
    void minesTheRelationsEachRealLikeSetSupports() throws IOException {
        TripletMiner miner = new TripletMiner(MiningConfig.defaults().withTripletsPerRelation(40)
                .withValidationFraction(0.3));
        MinedTriplets mined = miner.mine(List.of(
                DatasetReader.read(Fixtures.resource("mer4q-like")),
                DatasetReader.read(Fixtures.resource("gamemusic-like")),
                FmaReader.read(Fixtures.resource("fma"), "small")));
        Set<String> relations = mined.trainCounts().keySet();
        assertEquals(Set.of("mer4q-like/artist", "mer4q-like/genre", "mer4q-like/mood", "gamemusic-like/album",
                "gamemusic-like/track",
                "fma_small/artist", "fma_small/genre", "fma_small/album"), relations);
    }

    @Test
    void neverMinesTrainClipsOfAnArtistWithTestClips() throws IOException {
        // In the fixture Kurt Vile has a test track (200) and train tracks (10, 201).
        MinedTriplets mined = new TripletMiner(MiningConfig.defaults().withTripletsPerRelation(500))
                .mine(FmaReader.read(Fixtures.resource("fma"), "small"));
        for (List<MinedTriplet> part : List.of(mined.train(), mined.validation())) {
            for (MinedTriplet m : part) {
                Triplet t = m.triplet();
                assertFalse(Set.of(t.anchor(), t.positive(), t.negative()).stream()
                        .anyMatch(id -> id.equals("10") || id.equals("201")), m.toString());
            }
        }
    }

    @Test
    void isDeterministicForASeed() {
        Dataset set = synthetic(3);
        MiningConfig config = MiningConfig.defaults().withSeed(11).withTripletsPerRelation(300);
        MinedTriplets first = new TripletMiner(config).mine(set);

        assertEquals(first, new TripletMiner(config).mine(set));
        assertNotEquals(first, new TripletMiner(config.withSeed(12)).mine(set));
    }

    @Test
    void addingARelationLeavesTheOthersTriplets() {
        Dataset set = synthetic(5);
        MiningConfig all = MiningConfig.defaults().withTripletsPerRelation(200);
        MinedTriplets everything = new TripletMiner(all).mine(set);
        MinedTriplets artistOnly = new TripletMiner(all.withRelations(EnumSet.of(Relation.ARTIST))).mine(set);

        assertEquals(everything.train().stream().filter(m -> m.relation().equals("artist")).toList(),
                artistOnly.train());
        assertTrue(artistOnly.train().stream().allMatch(m -> m.relation().equals("artist")));
    }

    @Test
    void otherTrackPositivesChangeOnlyTheAlbumRelationsTrainingPositives() {
        int sameTrackWithout = 0;
        for (long seed = 0; seed < 10; seed++) {
            Dataset set = synthetic(seed);
            MiningConfig plain = MiningConfig.defaults().withSeed(seed).withTripletsPerRelation(400);
            MinedTriplets before = new TripletMiner(plain).mine(set);
            MinedTriplets after = new TripletMiner(plain.withOtherTrackPositives(true)).mine(set);
            assertMinedProperly(set, LabelRoles.defaultsFor(set), after);
            assertEquals(before.validation(), after.validation(), "validation keeps the plain rule");
            assertEquals(before.train().stream().filter(m -> !m.relation().equals("album")).toList(),
                    after.train().stream().filter(m -> !m.relation().equals("album")).toList(),
                    "other relations are untouched");
            Map<String, Clip> clips = set.clipsById();
            long albumAfter = 0;
            for (MinedTriplet m : after.train()) {
                if (m.relation().equals("album")) {
                    albumAfter++;
                    assertNotEquals(track(clips, m.triplet().anchor()), track(clips, m.triplet().positive()),
                            "seed " + seed + ": " + m);
                }
            }
            assertTrue(albumAfter > 0, "seed " + seed + ": album triplets are still mined");
            for (MinedTriplet m : before.train()) {
                if (m.relation().equals("album")
                        && track(clips, m.triplet().anchor()).equals(track(clips, m.triplet().positive()))) {
                    sameTrackWithout++;
                }
            }
        }
        assertTrue(sameTrackWithout > 0, "without the option some album positives are the anchor's own track");
    }

    /**
     * Another set over some of {@code set}'s artists, like full tracks cut anew beside a set of excerpts: new
     * clip ids, every clip a train clip (so a test artist of {@code set} looks usable here), and a few artists of
     * its own.
     */
    private static Dataset overlapping(Dataset set, long seed) {
        Random random = new Random(seed);
        List<Clip> clips = new ArrayList<>();
        for (Clip c : set.clips()) {
            if (c.labels().get("artist").hashCode() % 3 != 0) {
                clips.add(new Clip("again " + c.id(), c.file(), Split.TRAIN, c.labels()));
            }
        }
        for (Clip c : synthetic(seed + 1000).clips(Split.TRAIN)) {
            if (!c.labels().get("artist").isEmpty() && random.nextDouble() < 0.5) {
                Map<String, String> labels = new LinkedHashMap<>(c.labels());
                labels.put("artist", "own " + labels.get("artist"));
                clips.add(new Clip("own " + c.id(), c.file(), Split.TRAIN, labels));
            }
        }
        return new Dataset("overlapping-" + seed, Path.of("/audio"), clips, Map.of());
    }

    private static MinedTriplets of(MinedTriplets mined, String dataset) {
        return new MinedTriplets(mined.train().stream().filter(m -> m.dataset().equals(dataset)).toList(),
                mined.validation().stream().filter(m -> m.dataset().equals(dataset)).toList());
    }

    private static Set<String> artistsIn(Dataset set, List<MinedTriplet> triplets) {
        Map<String, Clip> clips = set.clipsById();
        Set<String> out = new HashSet<>();
        for (MinedTriplet m : triplets) {
            Triplet t = m.triplet();
            for (String id : List.of(t.anchor(), t.positive(), t.negative())) {
                out.add(clips.get(id).labels().get("artist"));
            }
        }
        return out;
    }

    @Test
    void setsThatShareGroupsPutThemOnTheSameSideAndNeverTrainOnAnotherSetsTestGroups() {
        int sharedOnValidation = 0;
        for (long seed = 0; seed < 20; seed++) {
            Dataset first = synthetic(seed);
            Dataset second = overlapping(first, seed);
            MiningConfig config = MiningConfig.defaults().withSeed(seed).withTripletsPerRelation(150)
                    .withValidationFraction(0.2);
            MinedTriplets both = new TripletMiner(config).mine(List.of(first, second));
            MinedTriplets a = of(both, first.name());
            MinedTriplets b = of(both, second.name());
            assertMinedProperly(first, LabelRoles.defaultsFor(first), a);
            assertMinedProperly(second, LabelRoles.defaultsFor(second), b);
            assertFalse(b.validation().isEmpty(), "seed " + seed + ": the second set's own artists validate");

            Set<String> trained = new HashSet<>(artistsIn(first, a.train()));
            trained.addAll(artistsIn(second, b.train()));
            Set<String> validated = new HashSet<>(artistsIn(first, a.validation()));
            validated.addAll(artistsIn(second, b.validation()));
            Set<String> leaked = new HashSet<>(trained);
            leaked.retainAll(validated);
            assertEquals(Set.of(), leaked,
                    "seed " + seed + ": artists in one set's training and another's validation");

            Set<String> testArtists = new HashSet<>();
            first.clips(Split.TEST).forEach(c -> testArtists.add(c.labels().get("artist")));
            Set<String> testTrained = new HashSet<>(artistsIn(second, b.train()));
            testTrained.addAll(artistsIn(second, b.validation()));
            testTrained.retainAll(testArtists);
            assertEquals(Set.of(), testTrained,
                    "seed " + seed + ": the first set's test artists mined in the second");

            Set<String> shared = artistsIn(first, a.validation());
            shared.retainAll(artistsIn(second, b.validation()));
            sharedOnValidation += shared.size();
            assertEquals(new TripletMiner(config).mine(first), a,
                    "seed " + seed + ": a later set changes nothing before it");
        }
        assertTrue(sharedOnValidation > 0, "some shared artists validate in both sets");
    }

    private static String track(Map<String, Clip> clips, String id) {
        return clips.get(id).label("track_id").orElseThrow();
    }

    @Test
    void minesAsManyTripletsAsAskedWhenTheSetHasThem() {
        Dataset set = synthetic(8);
        MinedTriplets mined = new TripletMiner(MiningConfig.defaults().withTripletsPerRelation(100)
                .withValidationFraction(0.2)).mine(set);
        assertEquals(80, mined.trainCounts().get(set.name() + "/artist"));
        assertEquals(20, mined.validationCounts().get(set.name() + "/artist"));
        mined.trainCounts().values().forEach(n -> assertTrue(n <= 80));
    }

    private static Dataset artists(String... artistAndSplit) {
        List<Clip> clips = new ArrayList<>();
        for (String spec : artistAndSplit) {
            String[] parts = spec.split(":");
            for (int i = 0; i < 3; i++) {
                String id = parts[0] + i;
                clips.add(new Clip(id, Path.of("/a", id), Split.parse(parts[1]),
                        Map.of("artist", parts[0], "genres", GENRES.get(i))));
            }
        }
        return new Dataset("tiny", Path.of("/a"), clips, Map.of());
    }

    @Test
    void failsClearlyWhenTooFewGroupsForAValidationSplit() {
        // Four train artists, but one of them also has test clips: three usable groups.
        Dataset set = artists("ann:train", "bob:train", "cid:train", "dee:train", "dee:test");
        set = new Dataset(set.name(), set.root(), set.clips().stream()
                .filter(c -> !(c.id().equals("dee0") && c.split() == Split.TRAIN)).toList(), Map.of());
        Dataset withLeak = set;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TripletMiner(MiningConfig.defaults()).mine(withLeak));
        assertTrue(e.getMessage().startsWith("tiny: too few groups for a validation split by 'artist'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("have 3"), e.getMessage());
    }

    @Test
    void minesTrainingOnlyWithoutAValidationFraction() {
        Dataset set = artists("ann:train", "bob:train", "cid:test");
        MinedTriplets mined = new TripletMiner(MiningConfig.defaults().withValidationFraction(0)).mine(set);
        assertFalse(mined.train().isEmpty());
        assertTrue(mined.validation().isEmpty());
        assertMinedProperly(set, LabelRoles.defaultsFor(set), mined);
    }

    @Test
    void usesConfiguredRolesAndRejectsMissingColumns() {
        Dataset set = synthetic(2);
        LabelRoles byAlbum = new LabelRoles("album", Map.of(Relation.TRACK, new RelationColumns("track_id", "album")),
                Set.of());
        MinedTriplets mined = new TripletMiner(MiningConfig.defaults().withRoles(set.name(), byAlbum)).mine(set);
        assertEquals(Set.of(set.name() + "/track"), mined.trainCounts().keySet());
        assertMinedProperly(set, byAlbum, mined);

        LabelRoles bad = new LabelRoles("artist", Map.of(Relation.ARTIST, RelationColumns.of("composer")), Set.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TripletMiner(MiningConfig.defaults().withRoles(set.name(), bad)).mine(set));
        assertTrue(e.getMessage().contains("no label column 'composer'"), e.getMessage());
    }

    @Test
    void failsClearlyWhenNothingCanBeMined() {
        // Every artist has a single clip and a single shared genre: no positive, or no negative, anywhere.
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clips.add(new Clip("c" + i, Path.of("/a"), Split.TRAIN, Map.of("artist", "a" + i, "genres", "Jazz")));
        }
        Dataset set = new Dataset("flat", Path.of("/a"), clips, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TripletMiner(MiningConfig.defaults()).mine(set));
        assertTrue(e.getMessage().startsWith("flat: no training triplet could be mined"), e.getMessage());
    }
}
