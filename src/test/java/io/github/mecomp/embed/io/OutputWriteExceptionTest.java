package io.github.mecomp.embed.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write names the output the user asked for, whatever failed underneath. */
class OutputWriteExceptionTest {

    @TempDir
    Path dir;

    /** A stream on a full disk: its error names no file, as the JDK's does. */
    private static OutputStream fullDisk() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
    }

    @Test
    void aFullDiskNamesTheTargetAndLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("out/song.npy");
        OutputWriteException e = assertThrows(OutputWriteException.class, () -> AtomicFiles.write(target, tmp -> {
            try (OutputStream out = fullDisk()) {
                out.write(42);
            }
        }));
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        assertEquals(target, e.target());
        try (var left = Files.list(target.getParent())) {
            assertEquals(0, left.count(), "the temporary file is removed");
        }
    }

    @Test
    void devFullNamesTheTarget() throws IOException {
        Path devFull = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(devFull), "no /dev/full here");
        Path target = dir.resolve("embeddings.csv");
        OutputWriteException e = assertThrows(OutputWriteException.class, () -> AtomicFiles.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(devFull)) {
                out.write(new byte[4096]);
            }
        }));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    }

    @Test
    void aFolderInTheWayIsSaidSo() throws IOException {
        Path target = dir.resolve("song.npy");
        Files.createDirectories(target.resolve("something"));
        OutputWriteException e = assertThrows(OutputWriteException.class,
                () -> AtomicFiles.write(target, tmp -> Files.writeString(tmp, "x")));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*(directory|folder).*"), e.getMessage());
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNamed() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("out"), "a file");
        Path target = notAFolder.resolve("song.npy");
        OutputWriteException e = assertThrows(OutputWriteException.class,
                () -> AtomicFiles.write(target, tmp -> Files.writeString(tmp, "x")));
        assertEquals("cannot write " + target + ": " + notAFolder + " is a file, not a folder", e.getMessage());
    }
}
