package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFingerprintTest {

    private static final String LABELS = "clip_id,file,artist,split\na,clips/a.wav,x,train\nb,clips/b.wav,y,test\n";

    @TempDir
    Path dir;

    /** A set named {@code name} with two clip files of the given bytes. */
    private Path set(String name, String labels, byte[] a, byte[] b) throws IOException {
        Path root = dir.resolve(name);
        Fixtures.write(root, "labels.csv", labels);
        Files.createDirectories(root.resolve("clips"));
        Files.write(root.resolve("clips/a.wav"), a);
        Files.write(root.resolve("clips/b.wav"), b);
        return root;
    }

    private static String fingerprint(Path root) throws IOException {
        return DatasetFingerprint.sha256(DatasetReader.read(root));
    }

    @Test
    void sameBytesInAnotherFolderGiveTheSameFingerprint() throws IOException {
        String one = fingerprint(set("one", LABELS, new byte[] {1, 2, 3}, new byte[] {4, 5}));
        String two = fingerprint(set("two", LABELS, new byte[] {1, 2, 3}, new byte[] {4, 5}));
        assertEquals(one, two);
        assertEquals(64, one.length());
    }

    @Test
    void oneChangedSampleChangesIt() throws IOException {
        String one = fingerprint(set("one", LABELS, new byte[] {1, 2, 3}, new byte[] {4, 5}));
        String two = fingerprint(set("two", LABELS, new byte[] {1, 2, 3}, new byte[] {4, 6}));
        assertNotEquals(one, two);
    }

    @Test
    void aChangedLabelChangesIt() throws IOException {
        String one = fingerprint(set("one", LABELS, new byte[] {1}, new byte[] {2}));
        String two = fingerprint(set("two", LABELS.replace(",y,", ",z,"), new byte[] {1}, new byte[] {2}));
        assertNotEquals(one, two);
    }

    @Test
    void bytesMovedFromOneFileToTheNextChangeIt() throws IOException {
        // each file's path is hashed before its bytes, so a boundary cannot move unseen
        String one = fingerprint(set("one", LABELS, new byte[] {1, 2}, new byte[] {3}));
        String two = fingerprint(set("two", LABELS, new byte[] {1}, new byte[] {2, 3}));
        assertNotEquals(one, two);
    }

    @Test
    void aMissingClipFileIsRecordedNotFatal() throws IOException {
        Path root = set("one", LABELS, new byte[] {1}, new byte[] {2});
        String present = fingerprint(root);
        Files.delete(root.resolve("clips/b.wav"));
        String absent = fingerprint(root);
        assertNotEquals(present, absent);
        assertEquals(absent, fingerprint(root));
        Files.write(root.resolve("clips/b.wav"), new byte[0]);
        assertNotEquals(absent, fingerprint(root), "an empty file is not an absent one");
    }
}
