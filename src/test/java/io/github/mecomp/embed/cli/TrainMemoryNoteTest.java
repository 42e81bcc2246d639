package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TrainMemoryNoteTest {

    @Test
    void aHeapAllowedToGrowPastTwoGigabytesGetsANoteNamingTheFix() {
        StringWriter text = new StringWriter();
        TrainCommand.warnOfLargeHeap(new PrintWriter(text, true), 6L << 30);
        assertTrue(text.toString().contains("-Xmx1536m"), text.toString());
        assertTrue(text.toString().contains("6.4 GB"), text.toString());
    }

    @Test
    void aHeapKeptSmallGetsNoNote() {
        StringWriter text = new StringWriter();
        TrainCommand.warnOfLargeHeap(new PrintWriter(text, true), 1536L << 20);
        assertEquals("", text.toString());
    }
}
