package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowSelectionTest {

    @Test
    void keepsEveryWindowWhenThereAreAtMostK() {
        assertArrayEquals(new int[] {0}, WindowSelection.indices(1, 30));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, WindowSelection.indices(5, 30));
        assertArrayEquals(java.util.stream.IntStream.range(0, 30).toArray(), WindowSelection.indices(30, 30));
    }

    @Test
    void spreadsKWindowsEvenlyFromFirstToLast() {
        // round(i * 9 / 3): 0, 3, 6, 9
        assertArrayEquals(new int[] {0, 3, 6, 9}, WindowSelection.indices(10, 4));
        // round(i * 4 / 3) = round(0, 1.33, 2.67, 4): 0, 1, 3, 4
        assertArrayEquals(new int[] {0, 1, 3, 4}, WindowSelection.indices(5, 4));
        // round(i * 3 / 2) = 0, 1.5 -> 2 (halves up), 3
        assertArrayEquals(new int[] {0, 2, 3}, WindowSelection.indices(4, 3));
    }

    @Test
    void includesFirstAndLastWindowAndNeverRepeats() {
        for (int w = 31; w <= 400; w += 7) {
            int[] idx = WindowSelection.indices(w, 30);
            assertEquals(30, idx.length);
            assertEquals(0, idx[0]);
            assertEquals(w - 1, idx[29]);
            for (int i = 1; i < idx.length; i++) {
                assertTrue(idx[i] > idx[i - 1], "strictly increasing for W=" + w);
                double expected = i * (w - 1) / 29.0;
                assertTrue(Math.abs(idx[i] - expected) <= 0.5 + 1e-9, "W=" + w + " i=" + i);
            }
        }
    }

    @Test
    void kOfOneTakesTheMiddleWindow() {
        assertArrayEquals(new int[] {4}, WindowSelection.indices(9, 1));
        assertArrayEquals(new int[] {0}, WindowSelection.indices(1, 1));
    }

    @Test
    void selectReturnsTheChosenWindowsThemselves() {
        float[][][] song = new float[10][1][1];
        for (int i = 0; i < 10; i++) {
            song[i][0][0] = i;
        }
        float[][][] chosen = WindowSelection.select(song, 4);
        assertEquals(4, chosen.length);
        assertSame(song[9], chosen[3]);
        assertSame(song, WindowSelection.select(song, 10));
    }

    @Test
    void rejectsEmptySongsAndZeroK() {
        assertThrows(IllegalArgumentException.class, () -> WindowSelection.indices(0, 30));
        assertThrows(IllegalArgumentException.class, () -> WindowSelection.indices(5, 0));
    }
}
