package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.AudioFileFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripletPickerTest {

    @TempDir
    Path dir;

    private SurveyStore store;
    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        store = SurveyStore.open(dir.resolve("s.db"));
        List<SurveyClip> clips = new ArrayList<>();
        for (String name : List.of("p", "q", "r", "s", "t", "u")) {
            clips.add(new SurveyClip(ClipPool.idOf(name), name, Path.of(name), AudioFileFormat.WAV, 20, 1, 1));
            ids.add(ClipPool.idOf(name));
        }
        store.registerClips(clips);
        store.createRater("alice", 0);
        store.createRater("bob", 0);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static SurveyConfig only(double repeat, double shared, double uncertain) {
        return SurveyConfig.defaults().withShares(repeat, shared, uncertain);
    }

    /** Shows the picker's choice to {@code rater} and answers it. */
    private Question askAndAnswer(TripletPicker picker, String rater, long now) throws IOException {
        TripletPicker.Choice c = picker.pick(rater, store);
        Question q = store.addQuestion(rater, c.clips(), c.kind(), c.repeatOf(), "tok", now, 60_000);
        assertEquals(SurveyStore.Outcome.STORED, store.answer(q.id(), rater, "tok", 1, now + 60_000));
        return q;
    }

    @Test
    void uncertainQuestionsAskTheTripletWhoseClosestPairIsLeastClear() throws IOException {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        // p, q, r: an equilateral triangle, so no pair is closer than another; every other set has a clear pair.
        vectors.put(ids.get(0), new float[] {0, 0});
        vectors.put(ids.get(1), new float[] {1, 0});
        vectors.put(ids.get(2), new float[] {0.5f, (float) (Math.sqrt(3) / 2)});
        vectors.put(ids.get(3), new float[] {10, 0});
        vectors.put(ids.get(4), new float[] {10, 0.1f});
        vectors.put(ids.get(5), new float[] {30, 0});
        TripletPicker picker = new TripletPicker(ids, vectors, only(0, 0, 1));
        TripletPicker.Choice c = picker.pick("alice", store);
        assertEquals(Question.Kind.UNCERTAIN, c.kind());
        assertEquals(Set.of(ids.get(0), ids.get(1), ids.get(2)), Set.copyOf(c.clips()));
        assertEquals(0, TripletPicker.margin(vectors.get(ids.get(0)), vectors.get(ids.get(1)), vectors.get(ids.get(2))), 1e-6);
    }

    @Test
    void withoutEmbeddingsUncertainFallsBackToRandom() throws IOException {
        TripletPicker picker = new TripletPicker(ids, Map.of(), only(0, 0, 1));
        assertEquals(Question.Kind.RANDOM, picker.pick("alice", store).kind());
    }

    @Test
    void aRepeatComesAfterTheGapInANewOrder() throws IOException {
        TripletPicker picker = new TripletPicker(ids, Map.of(), only(1, 0, 0));
        List<Question> asked = new ArrayList<>();
        for (int i = 0; i <= TripletPicker.REPEAT_GAP; i++) {
            Question q = askAndAnswer(picker, "alice", i * 100_000L);
            assertEquals(Question.Kind.RANDOM, q.kind(), "nothing old enough to repeat yet");
            asked.add(q);
        }
        Question repeat = askAndAnswer(picker, "alice", 1_000_000);
        assertEquals(Question.Kind.REPEAT, repeat.kind());
        assertEquals(asked.get(0).id(), repeat.repeatOf());
        assertEquals(asked.get(0).tripletKey(), repeat.tripletKey());
        assertNotEquals(asked.get(0).clips(), repeat.clips(), "shown in a new order");
        // A question is repeated once, and a repeat is never repeated.
        Question after = askAndAnswer(picker, "alice", 1_100_000);
        assertEquals(asked.get(1).id(), after.repeatOf());
    }

    @Test
    void sharedQuestionsReuseWhatOthersAnswered() throws IOException {
        TripletPicker picker = new TripletPicker(ids, Map.of(), only(0, 1, 0));
        Question first = askAndAnswer(picker, "alice", 0);
        assertEquals(Question.Kind.RANDOM, first.kind(), "nothing to share yet");
        Question shared = askAndAnswer(picker, "bob", 100_000);
        assertEquals(Question.Kind.SHARED, shared.kind());
        assertEquals(first.tripletKey(), shared.tripletKey());
        assertEquals(Question.Kind.RANDOM, picker.pick("alice", store).kind(), "alice is not asked her own triplet");
    }

    @Test
    void aListenerIsNotAskedTheSameSetTwiceByChance() throws IOException {
        TripletPicker picker = new TripletPicker(ids, Map.of(), only(0, 0, 0));
        Set<String> keys = new HashSet<>();
        // 6 clips make 20 sets; 15 questions leave few unseen ones, which the picker still finds.
        for (int i = 0; i < 15; i++) {
            assertTrue(keys.add(askAndAnswer(picker, "alice", i * 100_000L).tripletKey()), "question " + i);
        }
    }
}
