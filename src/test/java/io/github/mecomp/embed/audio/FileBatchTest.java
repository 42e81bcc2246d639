package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A batch goes on past any one file's failure, and stops only when its output is broken. */
class FileBatchTest {

    private static final List<Path> FILES = List.of(Path.of("a.mp3"), Path.of("long-mix.mp3"), Path.of("c.ogg"));

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void outOfMemoryInOneFileIsThatFilesFailureAndTheOthersSucceed(int threads) throws InterruptedException {
        FileBatch.Result<String> r = FileBatch.run(FILES, threads, file -> {
            if (file.toString().startsWith("long")) {
                throw new OutOfMemoryError("Java heap space");
            }
            return "ok " + file;
        }, null);
        assertEquals(List.of(Path.of("a.mp3"), Path.of("c.ogg")), List.copyOf(r.values().keySet()));
        assertEquals(1, r.failures().size(), r.failures().toString());
        BatchFailure f = r.failures().get(0);
        assertEquals(Path.of("long-mix.mp3"), f.file());
        assertTrue(f.reason().startsWith("out of memory: Java heap space"), f.reason());
        assertTrue(f.reason().contains("try a larger -Xmx"), f.reason());
    }

    @Test
    void aSongThatRanOutOfMemoryBesideTheLongOneIsTriedAgainAlone() throws InterruptedException {
        // with two threads, the song decoded beside the long one can be the one the heap runs out on
        java.util.Set<Path> triedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Map<Path, Integer> progressCalls = new java.util.concurrent.ConcurrentHashMap<>();
        FileBatch.Result<String> r = FileBatch.run(FILES, 2, file -> {
            if (file.toString().startsWith("long") || triedOnce.add(file) && file.toString().equals("c.ogg")) {
                throw new OutOfMemoryError("Java heap space");
            }
            return "ok";
        }, (file, ok) -> progressCalls.merge(file, 1, Integer::sum));
        assertEquals(List.of(Path.of("a.mp3"), Path.of("c.ogg")), List.copyOf(r.values().keySet()));
        assertEquals(List.of(Path.of("long-mix.mp3")), r.failures().stream().map(BatchFailure::file).toList());
        assertEquals(java.util.Map.of(Path.of("a.mp3"), 1, Path.of("long-mix.mp3"), 1, Path.of("c.ogg"), 1),
                progressCalls, "each file reported once");
    }

    @Test
    void stackOverflowAndRuntimeExceptionsAreFailuresOfTheirFile() throws InterruptedException {
        FileBatch.Result<String> r = FileBatch.run(FILES, 1, file -> {
            if (file.toString().equals("a.mp3")) {
                throw new StackOverflowError();
            }
            if (file.toString().equals("c.ogg")) {
                throw new IllegalStateException("decoder state broken");
            }
            return "ok";
        }, null);
        assertEquals(1, r.values().size());
        assertEquals(2, r.failures().size());
        assertTrue(r.failures().get(0).reason().startsWith("stack overflow"), r.failures().toString());
        assertEquals("decoder state broken", r.failures().get(1).reason());
    }

    @Test
    void aBrokenOutputStopsTheBatchAndIsRethrown() {
        AtomicInteger started = new AtomicInteger();
        FileBatch.OutputFailure e = assertThrows(FileBatch.OutputFailure.class, () -> FileBatch.run(FILES, 1, file -> {
            started.incrementAndGet();
            throw new FileBatch.OutputFailure(new IOException("cannot write out/a.npy: No space left on device"));
        }, null));
        assertEquals("cannot write out/a.npy: No space left on device", e.getCause().getMessage());
        assertEquals(1, started.get(), "no file after the broken output was started");
    }

    @Test
    void aFailureIsOneLineWhateverTheFileNameHolds() {
        BatchFailure f = new BatchFailure(Path.of("music/evil\nname.mp3"), "not an MP3\n(bad sync)");
        assertEquals("music/evil\\nname.mp3: not an MP3\\n(bad sync)", f.toString());
    }
}
