package io.github.mecomp.embed.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNamesTest {

    @Test
    void audioExtensionsAreMatchedInAnyCaseAndOnlyAsExtensions() {
        assertTrue(FileNames.hasAudioExtension(Path.of("a/song.MP3")));
        assertTrue(FileNames.hasAudioExtension(Path.of("song.oga")));
        assertTrue(FileNames.hasAudioExtension(Path.of("x.y.flac")));
        assertFalse(FileNames.hasAudioExtension(Path.of(".wav")), "a hidden file named .wav has no extension");
        assertFalse(FileNames.hasAudioExtension(Path.of("notes.txt")));
        assertFalse(FileNames.hasAudioExtension(Path.of("mp3")));
        assertFalse(FileNames.hasAudioExtension(Path.of("wav.d/readme")));
    }

    @Test
    void relativePathUsesSlashesAndIgnoresHowTheFolderWasSpelled(@TempDir Path dir) {
        Path file = dir.resolve("Artist").resolve("Album").resolve("01 Song.ogg");
        assertEquals("Artist/Album/01 Song.ogg", FileNames.relativePath(dir, file));
        assertEquals("Artist/Album/01 Song.ogg", FileNames.relativePath(dir.resolve("x").resolve(".."), file));
    }

    @Test
    void withoutExtensionKeepsFoldersAndHiddenNames() {
        assertEquals("a/b/song", FileNames.withoutExtension("a/b/song.flac"));
        assertEquals("a.d/song", FileNames.withoutExtension("a.d/song"));
        assertEquals(".hidden", FileNames.withoutExtension(".hidden"));
        assertEquals("a/.hidden", FileNames.withoutExtension("a/.hidden"));
        assertEquals("song.tar", FileNames.withoutExtension("song.tar.gz"));
    }
}
