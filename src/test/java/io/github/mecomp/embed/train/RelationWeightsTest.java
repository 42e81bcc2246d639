package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelationWeightsTest {

    @Test
    void aSetsOwnRelationWinsOverThePlainNameAndUnnamedOnesWeighOne() {
        RelationWeights w = RelationWeights.parse(List.of("album=2", " gamemusic/album = 3 "));
        assertEquals(3, w.weightOf("gamemusic/album"));
        assertEquals(2, w.weightOf("moretracks/album"));
        assertEquals(1, w.weightOf("gamemusic/track"));
        assertEquals(Map.of("album", 2, "gamemusic/album", 3), w.weights());
        assertFalse(w.isEqual());
        assertTrue(RelationWeights.EQUAL.isEqual());
        assertTrue(RelationWeights.parse(List.of("album=1")).isEqual());
    }

    @Test
    void malformedWeightsAreRefusedByName() {
        for (String[] bad : new String[][] {
                {"album", "RELATION=WEIGHT"}, {"=2", "RELATION=WEIGHT"}, {"album=", "RELATION=WEIGHT"},
                {"album=1.5", "'album' must be a whole number"}, {"album=0", "leave it out of --relations"},
                {"album=11", "from 1 to 10"}, {"album=-1", "from 1 to 10"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RelationWeights.parse(List.of(bad[0])), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> RelationWeights.parse(List.of("album=2", "album=3")));
        assertTrue(twice.getMessage().contains("'album' is weighted twice"), twice.getMessage());
    }

    @Test
    void aKeyThatNamesNoRelationIsATypoNotASilentNoOp() {
        RelationWeights w = RelationWeights.parse(List.of("albm=2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.requireKnown(List.of("g/album", "g/track")));
        assertTrue(e.getMessage().contains("'albm'") && e.getMessage().contains("g/album"), e.getMessage());
        RelationWeights.parse(List.of("album=2", "g/track=3")).requireKnown(List.of("g/album", "g/track"));
        // a relation name is matched whole, not as the end of another one
        assertThrows(IllegalArgumentException.class,
                () -> RelationWeights.parse(List.of("bum=2")).requireKnown(List.of("g/album")));
    }

    @Test
    void lossSettingsKeepTheirTextWhileWeightsAreEqualSoOlderRunsResume() {
        LossSettings s = LossSettings.TRIPLET.withKind(LossSettings.Kind.BATCH_ALL).withTeacherWeight(1);
        assertEquals("LossSettings[kind=BATCH_ALL, groups=8, clipsPerGroup=4, softMargin=false, teacherWeight=1.0]",
                s.toString());
        assertTrue(s.withRelationWeights(RelationWeights.parse(List.of("album=2"))).toString()
                .endsWith(", relationWeights={album=2}]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossSettings.TRIPLET.withRelationWeights(RelationWeights.parse(List.of("album=2"))));
        assertTrue(e.getMessage().contains("batch-all, batch-hard and supcon"), e.getMessage());
    }
}
