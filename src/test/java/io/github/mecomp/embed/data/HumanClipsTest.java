package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanClipsTest {

    @TempDir
    Path dir;

    private static HumanTriplet judged(String a, String p, String n) {
        return new HumanTriplet(new Triplet(a, p, n), 1);
    }

    private Path audio(String relative) throws IOException {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        return Files.write(f, new byte[] {1});
    }

    @Test
    void idsArePathsRelativeToAPlainFolder() throws IOException {
        Path a = audio("music/ost/a.ogg");
        audio("music/b.mp3");
        audio("music/c.flac");
        HumanClips clips = HumanClips.inFolder(dir.resolve("music"));
        Map<String, Path> files = clips.resolve(List.of(judged("ost/a.ogg", "b.mp3", "c.flac")), dir.resolve("h.csv"));
        assertEquals(a.toAbsolutePath().normalize(), files.get("ost/a.ogg"));
        assertEquals(3, files.size());
    }

    @Test
    void idsCannotLeaveThePlainFolder() throws IOException {
        audio("outside.wav");
        audio("music/x.wav");
        HumanClips clips = HumanClips.inFolder(dir.resolve("music"));
        assertEquals(Optional.empty(), clips.file("../outside.wav"));
        assertEquals(Optional.empty(), clips.file(dir.resolve("outside.wav").toString()));
    }

    @Test
    void idsAreClipIdsOfADataSetFolder() throws IOException {
        Fixtures.write(dir, "set/labels.csv", "clip_id,file,split\nx,clips/x.wav,train\ny,clips/y.wav,test\nz,clips/z.wav,train\n");
        HumanClips clips = HumanClips.inFolder(dir.resolve("set"));
        Map<String, Path> files = clips.resolve(List.of(judged("x", "y", "z")), dir.resolve("h.csv"));
        assertEquals(dir.resolve("set/clips/y.wav").toAbsolutePath().normalize(), files.get("y"));
        assertTrue(clips.file("clips/x.wav").isEmpty(), "a data set is addressed by clip id, not by path");
    }

    @Test
    void idsOfSeveralSetsNeedTheSetNameOnlyWhereAmbiguous() {
        Dataset one = new Dataset("one", dir, List.of(clip("one", "a"), clip("one", "shared")), Map.of());
        Dataset two = new Dataset("two", dir, List.of(clip("two", "b"), clip("two", "shared")), Map.of());
        HumanClips clips = HumanClips.inSets(List.of(one, two));
        assertTrue(clips.file("a").isPresent());
        assertTrue(clips.file("two/b").isPresent());
        assertTrue(clips.file("shared").isEmpty(), "ambiguous without its set");
        assertEquals(dir.resolve("two-shared.wav"), clips.file("two/shared").orElseThrow());
    }

    private Clip clip(String set, String id) {
        return new Clip(id, dir.resolve(set + "-" + id + ".wav"), Split.TRAIN, Map.of());
    }

    @Test
    void unknownIdsAreNamedWithTheFileAndWhereTheyWereLookedFor() throws IOException {
        audio("music/a.wav");
        Path csv = dir.resolve("answers.csv");
        IOException e = assertThrows(IOException.class, () -> HumanClips.inFolder(dir.resolve("music"))
                .resolve(List.of(judged("a.wav", "nope.wav", "gone.wav")), csv));
        assertTrue(e.getMessage().startsWith(csv + ": 2 clip id(s) not found in "), e.getMessage());
        assertTrue(e.getMessage().contains("gone.wav, nope.wav"), e.getMessage());
        assertTrue(e.getMessage().contains("--human-clips"), e.getMessage());
    }

    @Test
    void aMissingFolderIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> HumanClips.inFolder(dir.resolve("none")));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
    }
}
