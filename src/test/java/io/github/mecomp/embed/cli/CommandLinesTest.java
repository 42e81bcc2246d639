package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

    @Test
    void plainWordsStayAsTheyAreAndTheRestIsSingleQuoted() {
        assertEquals("--data", CommandLines.quoted("--data"));
        assertEquals("/work/runs/v5-3sp/seed-1", CommandLines.quoted("/work/runs/v5-3sp/seed-1"));
        assertEquals("--relation-weights=album=2,track=1", CommandLines.quoted("--relation-weights=album=2,track=1"));
        assertEquals("'my music'", CommandLines.quoted("my music"));
        assertEquals("''", CommandLines.quoted(""));
        assertEquals("'$HOME'", CommandLines.quoted("$HOME"));
        // a quote inside: close, an escaped quote, reopen, as a POSIX shell reads it
        assertEquals("'it'\\''s'", CommandLines.quoted("it's"));
    }

    @Test
    void theCommandsNameIsAddedOnlyWhenTheArgumentsLackIt() {
        assertEquals("java -jar target/mecomp-embed.jar report --out r",
                CommandLines.of(CommandLines.JAR, "report", List.of("report", "--out", "r")));
        assertEquals("java -Xmx1536m -jar target/mecomp-embed.jar train --out 'a b'",
                CommandLines.of(CommandLines.TRAINING_JAR, "train", List.of("--out", "a b")));
    }
}
