package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipLibraryTest {

    @TempDir
    Path dir;

    @Test
    void aFileNamedBySeveralSetsIsDecodedAndHeldOnce() throws IOException, InterruptedException {
        Path a = TestAudio.writeWav(dir.resolve("a.wav"), TestAudio.sine(440, 0.5, 2, 22_050), 22_050);
        Path b = TestAudio.writeWav(dir.resolve("b.wav"), TestAudio.sine(880, 0.5, 2, 22_050), 22_050);
        Dataset set = new Dataset("set", dir, List.of(clip("x", a), clip("y", b)), Map.of());
        Dataset human = new Dataset("human", dir, List.of(clip("a.wav", a)), Map.of());
        Map<Dataset, List<Clip>> wanted = new LinkedHashMap<>();
        wanted.put(set, set.clips());
        wanted.put(human, human.clips());
        AtomicInteger decoded = new AtomicInteger();
        BatchProgress count = (file, ok) -> decoded.incrementAndGet();
        ClipLibrary library = ClipLibrary.load(wanted, new FrontEnd(FrontEndConfig.DEFAULT), 1, count);
        assertEquals(2, decoded.get());
        assertTrue(library.contains("set/x") && library.contains("set/y") && library.contains("human/a.wav"));
        assertSame(library.get("set/x"), library.get("human/a.wav"));
        assertEquals(2 * library.get("set/x").bytes(), library.bytes(), "each file's windows counted once");
    }

    private static Clip clip(String id, Path file) {
        return new Clip(id, file, Split.TRAIN, Map.of());
    }
}
