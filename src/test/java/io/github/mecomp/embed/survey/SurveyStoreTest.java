package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.AudioFileFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyStoreTest {

    @TempDir
    Path dir;

    private static final List<SurveyClip> CLIPS = List.of(
            new SurveyClip(ClipPool.idOf("a.wav"), "a.wav", Path.of("a.wav"), AudioFileFormat.WAV, 20, 100, 1),
            new SurveyClip(ClipPool.idOf("b.mp3"), "b.mp3", Path.of("b.mp3"), AudioFileFormat.MP3, 25, 100, 1),
            new SurveyClip(ClipPool.idOf("c.ogg"), "c.ogg", Path.of("c.ogg"), AudioFileFormat.OGG_VORBIS, 30, 100, 1));

    private static List<String> ids() {
        return CLIPS.stream().map(SurveyClip::id).toList();
    }

    @Test
    void createsAVersionedSchemaInWriteAheadLogMode() throws IOException {
        try (SurveyStore store = SurveyStore.open(dir.resolve("s.db"))) {
            assertEquals(SurveyStore.SCHEMA_VERSION, store.schemaVersion());
            assertEquals("wal", store.journalMode());
        }
    }

    @Test
    void answersSurviveReopeningAndRegisteredClipsAreRemembered() throws IOException {
        Path file = dir.resolve("s.db");
        long id;
        try (SurveyStore store = SurveyStore.open(file)) {
            store.registerClips(CLIPS);
            store.createRater("r", 1);
            Question q = store.addQuestion("r", ids(), Question.Kind.RANDOM, 0, "t".repeat(32), 1000, 75_000);
            id = q.id();
            assertEquals(q, store.outstanding("r"));
            assertEquals(SurveyStore.Outcome.STORED, store.answer(id, "r", "t".repeat(32), 2, 90_000));
            assertNull(store.outstanding("r"));
        }
        try (SurveyStore store = SurveyStore.open(file)) {
            List<StoredAnswer> answers = store.allAnswers();
            assertEquals(1, answers.size());
            assertEquals(id, answers.get(0).question().id());
            assertEquals(89_000, answers.get(0).elapsedMs());
            assertEquals(CLIPS.get(1).id(), answers.get(0).oddClip());
            assertEquals(3, store.knownClips(dir).size());
            assertEquals(25.0, store.knownClips(dir).get("b.mp3").seconds());
        }
    }

    @Test
    void anAnswerNeedsTheQuestionsListenerAndTokenAndIsStoredOnce() throws IOException {
        try (SurveyStore store = SurveyStore.open(dir.resolve("s.db"))) {
            store.registerClips(CLIPS);
            store.createRater("r", 1);
            store.createRater("s", 1);
            String token = Tokens.next();
            long id = store.addQuestion("r", ids(), Question.Kind.RANDOM, 0, token, 1000, 75_000).id();
            assertEquals(SurveyStore.Outcome.FORGED, store.answer(id, "s", token, 1, 2000));
            assertEquals(SurveyStore.Outcome.FORGED, store.answer(id, "r", Tokens.next(), 1, 2000));
            assertEquals(SurveyStore.Outcome.UNKNOWN_QUESTION, store.answer(id + 1, "r", token, 1, 2000));
            assertEquals(SurveyStore.Outcome.STORED, store.answer(id, "r", token, 1, 2000));
            assertEquals(SurveyStore.Outcome.ALREADY_ANSWERED, store.answer(id, "r", token, 3, 3000));
            assertEquals(1, store.allAnswers().size());
            assertEquals(1, store.allAnswers().get(0).odd());
        }
    }

    @Test
    void refusesAFileFromANewerVersion() throws Exception {
        Path file = dir.resolve("s.db");
        SurveyStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (SurveyStore.SCHEMA_VERSION + 1));
        }
        IOException e = assertThrows(IOException.class, () -> SurveyStore.open(file));
        assertTrue(e.getMessage().contains("newer than this tool's"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void refusesAnSqliteFileThatIsNotASurvey() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE songs (x)");
        }
        IOException e = assertThrows(IOException.class, () -> SurveyStore.open(file));
        assertTrue(e.getMessage().contains("other tables"), e.getMessage());
    }

    @Test
    void refusesAFileThatIsNotSqlite() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("notes.db"), "this is not a database, just some text ".repeat(50));
        IOException e = assertThrows(IOException.class, () -> SurveyStore.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
