package io.github.mecomp.embed.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PrintablePathTest {

    @Test
    void controlCharactersAreEscapedAndEverythingElseKept() {
        assertEquals("a\\nb\\tc\\rd\\u001b[31me\\u007f", PrintablePath.escape("a\nb\tc\rd\u001b[31me\u007f"));
        assertEquals("música/Ærø – 東京.flac", PrintablePath.of(Path.of("música/Ærø – 東京.flac")));
    }

    @Test
    void anOrdinaryNameIsReturnedAsItIs() {
        String name = "rock/one.mp3";
        assertSame(name, PrintablePath.escape(name));
    }
}
