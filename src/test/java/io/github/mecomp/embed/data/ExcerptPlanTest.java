package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExcerptPlanTest {

    private final ExcerptPlan plan = new ExcerptPlan(20, 8);

    @Test
    void shortSongsKeepEveryBlock() {
        assertArrayEquals(new int[] {0}, plan.pick(1));
        assertArrayEquals(new int[] {0, 1}, plan.pick(2));
    }

    @Test
    void fromThreeBlocksOnTheIntroAndOutroAreLeftOut() {
        assertArrayEquals(new int[] {1}, plan.pick(3));
        assertArrayEquals(new int[] {1, 2}, plan.pick(4));
        // a 3-minute song: 9 blocks of 20 s, 7 inside, all taken
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7}, plan.pick(9));
    }

    @Test
    void longSongsGiveAtMostPerSongBlocksSpreadFromFirstToLast() {
        // 5 minutes: 15 blocks, 13 inside (1..13), 8 of them from 1 to 13
        assertArrayEquals(new int[] {1, 3, 4, 6, 8, 10, 11, 13}, plan.pick(15));
        int[] hour = plan.pick(180);
        assertEquals(8, hour.length);
        assertEquals(1, hour[0]);
        assertEquals(178, hour[7]);
        assertArrayEquals(new int[] {5}, new ExcerptPlan(20, 1).pick(11), "one excerpt: the middle one");
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExcerptPlan(0.5, 8));
        assertThrows(IllegalArgumentException.class, () -> new ExcerptPlan(Double.NaN, 8));
        assertThrows(IllegalArgumentException.class, () -> new ExcerptPlan(20, 0));
        assertThrows(IllegalArgumentException.class, () -> plan.pick(0));
    }

    @Test
    void songIdsAreSafeFileNamesThatKeepTheFolders() {
        assertEquals("Artist_A--Album_1--01_Song_one", ExcerptPlan.songId("Artist A/Album 1/01 Song one.mp3"));
        assertEquals("top", ExcerptPlan.songId("top.flac"));
        assertEquals("no_extension", ExcerptPlan.songId("no extension"));
        assertEquals("_hidden", ExcerptPlan.songId(".hidden"));
        assertEquals("caf_-na_ve", ExcerptPlan.songId("café-naïve.ogg"));
    }
}
