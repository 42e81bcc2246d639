package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpreadCropsTest {

    @Test
    void aRelationNamesEverySetsBatchesOfItAndADatasetRelationOneSetsOnly() {
        SpreadCrops spread = SpreadCrops.of(List.of("album", "mer4q/mood"));
        assertTrue(spread.appliesTo("gamemusic/album"));
        assertTrue(spread.appliesTo("moretracks/album"));
        assertTrue(spread.appliesTo("mer4q/mood"));
        assertFalse(spread.appliesTo("other/mood"));
        assertFalse(spread.appliesTo("gamemusic/track"));
        assertTrue(SpreadCrops.ALL.appliesTo("gamemusic/track"));
        assertFalse(SpreadCrops.NONE.appliesTo("gamemusic/album"));
        assertTrue(SpreadCrops.NONE.isOff());
        assertTrue(SpreadCrops.of(List.of()).isOff());
        assertFalse(spread.isOff());
    }

    @Test
    void textIsTheFlagOrTheRelationsInOrder() {
        assertEquals("true", SpreadCrops.ALL.toString());
        assertEquals("false", SpreadCrops.NONE.toString());
        assertEquals("[album, mer4q/mood]", SpreadCrops.of(List.of("mer4q/mood", "album")).toString());
    }

    @Test
    void refusesUnknownBlankAndContradictoryRelations() {
        SpreadCrops spread = SpreadCrops.of(List.of("albm"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spread.requireKnown(List.of("gamemusic/album", "gamemusic/track")));
        assertEquals("--spread-crops: 'albm' names no relation that training batches are drawn from; they are"
                + " [gamemusic/album, gamemusic/track]", e.getMessage());
        SpreadCrops.of(List.of("album", "gamemusic/track")).requireKnown(List.of("gamemusic/album", "gamemusic/track"));
        e = assertThrows(IllegalArgumentException.class, () -> SpreadCrops.of(List.of(" album")));
        assertTrue(e.getMessage().contains("' album'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SpreadCrops(true, Set.of("album")));
        assertTrue(e.getMessage().contains("every batch name no relations"), e.getMessage());
    }

    @Test
    void aShareIsAProbabilityOfSpreadBatchesAndShowsInTheText() {
        assertEquals("true (share 0.5)", SpreadCrops.ALL.withShare(0.5).toString());
        assertEquals("[album] (share 0.25)", SpreadCrops.of(List.of("album")).withShare(0.25).toString());
        assertEquals("true", SpreadCrops.ALL.withShare(1).toString());
        assertTrue(SpreadCrops.ALL.withShare(0.5).isMixed());
        assertFalse(SpreadCrops.ALL.isMixed());
        for (double bad : new double[] {0, -0.5, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SpreadCrops.ALL.withShare(bad));
            assertTrue(e.getMessage().contains("--spread-share must be in (0, 1]"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpreadCrops.NONE.withShare(0.5));
        assertTrue(e.getMessage().contains("give --spread-crops too"), e.getMessage());
    }
}
