package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.AudioFileFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipPoolTest {

    @TempDir
    Path dir;

    @Test
    void registersAudioFilesWithStableIdsAndDurationsAndListsTheRest() throws IOException {
        TestAudio.writeWav(dir.resolve("b/two.wav"), TestAudio.sine(440, 0.5, 2.0, 8000), 8000);
        TestAudio.writeWav(dir.resolve("a/one.wav"), TestAudio.sine(330, 0.5, 1.5, 8000), 8000);
        Files.writeString(dir.resolve("a/fake.mp3"), "not audio at all");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not an audio extension");
        ClipPool pool = ClipPool.scan(dir, Map.of());
        assertEquals(List.of("a/one.wav", "b/two.wav"), pool.clips().stream().map(SurveyClip::path).toList());
        assertEquals(1.5, pool.clips().get(0).seconds(), 1e-9);
        assertEquals(2.0, pool.clips().get(1).seconds(), 1e-9);
        assertEquals(AudioFileFormat.WAV, pool.clips().get(0).format());
        assertEquals(1, pool.failures().size());
        assertTrue(pool.failures().get(0).file().endsWith("a/fake.mp3"), pool.failures().toString());
        SurveyClip one = pool.clips().get(0);
        assertTrue(SurveyClip.ID.matcher(one.id()).matches());
        assertEquals(one, pool.byId(one.id()));
        assertEquals(one.id(), ClipPool.scan(dir, Map.of()).clips().get(0).id(), "the same id on every start");
    }

    @Test
    void aKnownUnchangedFileIsNotDecodedAgainButAChangedOneIs() throws IOException {
        Path wav = TestAudio.writeWav(dir.resolve("x.wav"), TestAudio.sine(440, 0.5, 1.0, 8000), 8000);
        SurveyClip first = ClipPool.scan(dir, Map.of()).clips().get(0);
        // A remembered duration that decoding would not give: proof that the file was not decoded again.
        SurveyClip remembered = new SurveyClip(first.id(), first.path(), first.file(), first.format(), 99, first.bytes(),
                first.modified());
        Map<String, SurveyClip> known = new HashMap<>(Map.of("x.wav", remembered));
        assertEquals(99, ClipPool.scan(dir, known).clips().get(0).seconds());
        TestAudio.writeWav(wav, TestAudio.sine(440, 0.5, 2.0, 8000), 8000);
        assertEquals(2.0, ClipPool.scan(dir, known).clips().get(0).seconds(), 1e-9, "a changed file is measured again");
    }

    @Test
    void aMissingFolderIsAClearError() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ClipPool.scan(dir.resolve("nope"), Map.of()));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
