package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.HumanTriplet;
import io.github.mecomp.embed.data.HumanTriplets;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.data.CsvWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyCleaningTest {

    private static final Map<String, String> PATHS = Map.of(
            "a", "rock/a.mp3", "b", "rock/b, live.mp3", "c", "jazz/c.ogg", "d", "jazz/d.flac", "e", "jazz/e.wav");
    /** Three 2-second excerpts: 6 s of listening; under 3 s is too fast at the default fraction. */
    private static final long LISTEN_MS = 6_000;

    @TempDir
    Path dir;

    private final List<StoredAnswer> answers = new ArrayList<>();
    private long nextId = 1;

    private long answer(String rater, List<String> shown, int odd, long elapsedMs) {
        return answer(rater, shown, odd, elapsedMs, Question.Kind.RANDOM, 0);
    }

    private long answer(String rater, List<String> shown, int odd, long elapsedMs, Question.Kind kind, long repeatOf) {
        long id = nextId++;
        Question q = new Question(id, rater, shown, kind, repeatOf, "t", 1_000_000 + id * 100_000, LISTEN_MS);
        answers.add(new StoredAnswer(q, odd, q.servedMs() + elapsedMs));
        return id;
    }

    /** r1, r2 and r5 vote on {a, b, c}; r3 answers too fast; r4's repeats disagree and r4 is dropped. */
    private CleanedSurvey survey() {
        long q1 = answer("r1", List.of("a", "b", "c"), 3, 10_000);           // c left out
        answer("r2", List.of("c", "a", "b"), 1, 4_000);                      // c left out
        answer("r3", List.of("a", "b", "c"), 1, 1_000);                      // too fast
        answer("r5", List.of("b", "a", "c"), 2, 7_000);                      // a left out
        answer("r1", List.of("b", "c", "a"), 2, 9_000, Question.Kind.REPEAT, q1); // c again: consistent
        long q4 = answer("r4", List.of("b", "c", "d"), 2, 8_000);
        long q6 = answer("r4", List.of("a", "d", "e"), 1, 8_000);
        answer("r4", List.of("d", "c", "b"), 1, 8_000, Question.Kind.REPEAT, q4);  // d, first c
        answer("r4", List.of("e", "d", "a"), 1, 8_000, Question.Kind.REPEAT, q6);  // e, first a
        return SurveyCleaning.clean(answers, PATHS, CleaningConfig.defaults());
    }

    @Test
    void dropsFastAnswersAndInconsistentListenersAndCountsOneVotePerListener() {
        CleanedSurvey s = survey();
        assertEquals(9, s.answers());
        assertEquals(1, s.tooFast());
        assertEquals(List.of(new CleanedSurvey.RaterConsistency("r4", 2, 2)), s.droppedRaters());
        assertEquals(4, s.droppedRaterAnswers());
        assertEquals(1, s.duplicates(), "r1's repeat does not vote twice");
        assertEquals(3, s.votes());
        assertEquals(List.of(new TripletVotes(List.of("jazz/c.ogg", "rock/a.mp3", "rock/b, live.mp3"), List.of(2, 1, 0))),
                s.triplets());
        assertTrue(s.raters().contains(new CleanedSurvey.RaterConsistency("r1", 1, 0)));
    }

    @Test
    void agreementIsFleissKappaOverSharedTriplets() {
        CleanedSurvey.Agreement a = survey().agreement();
        assertEquals(1, a.triplets());
        assertEquals(3, a.pairs());
        assertEquals(1 / 3.0, a.observed(), 1e-12);
        // P = (2*1)/(3*2) = 1/3; chance = (1/3)^2 + (2/3)^2 = 5/9; kappa = (1/3 - 5/9) / (1 - 5/9) = -1/2
        assertEquals(-0.5, a.kappa(), 1e-12);

        // Two sets, each answered alike by three listeners, with different clips left out: perfect agreement.
        CleanedSurvey.Agreement perfect = SurveyCleaning.agreement(List.of(
                new TripletVotes(List.of("x", "y", "z"), List.of(3, 0, 0)),
                new TripletVotes(List.of("u", "v", "w"), List.of(0, 3, 0)),
                new TripletVotes(List.of("p", "q", "r"), List.of(0, 0, 1))));
        assertEquals(2, perfect.triplets(), "a set with one vote is not counted");
        assertEquals(1.0, perfect.observed(), 1e-12);
        assertEquals(1.0, perfect.kappa(), 1e-12);
    }

    @Test
    void aLowerListenFractionKeepsTheFastAnswer() {
        survey();
        CleanedSurvey lenient = SurveyCleaning.clean(answers, PATHS, new CleaningConfig(0.1, 2, 0.5));
        assertEquals(0, lenient.tooFast());
        assertEquals(4, lenient.votes());
    }

    @Test
    void exportsReadBackThroughHumanTripletsInBothFormats() throws IOException {
        CleanedSurvey s = survey();
        SurveyExport.write(dir, s, answers, PATHS);
        List<HumanTriplet> expected = List.of(
                new HumanTriplet(new Triplet("rock/a.mp3", "rock/b, live.mp3", "jazz/c.ogg"), 2),
                new HumanTriplet(new Triplet("jazz/c.ogg", "rock/b, live.mp3", "rock/a.mp3"), 1));
        assertEquals(expected, HumanTriplets.read(dir.resolve(SurveyExport.TRIPLETS_FILE)));
        assertEquals(expected, HumanTriplets.read(dir.resolve(SurveyExport.SONGS_FILE)));
        assertEquals("song1,song2,song3,anchor,positive,votes,total\n"
                + "jazz/c.ogg,rock/a.mp3,\"rock/b, live.mp3\",2,3,2,3\n"
                + "jazz/c.ogg,rock/a.mp3,\"rock/b, live.mp3\",1,3,1,3\n", SurveyExport.songsCsv(s));
    }

    /**
     * Clip names a spreadsheet would run as formulas are written by the shared {@link CsvWriter}, the one
     * place that makes cells safe, in all three files (and so in the operator page's downloads).
     */
    @Test
    void everyExportedRowIsWrittenByTheSharedCsvWriter() throws IOException {
        Map<String, String> formulas = Map.of("a", "=HYPERLINK(\"http://x\").mp3", "b", "+1.ogg", "c", "@SUM(A1).flac");
        Question q = new Question(1, "r1", List.of("a", "b", "c"), Question.Kind.RANDOM, 0, "t", 1_000, LISTEN_MS);
        List<StoredAnswer> one = List.of(new StoredAnswer(q, 3, 1_000 + LISTEN_MS));
        CleanedSurvey s = SurveyCleaning.clean(one, formulas, CleaningConfig.defaults());
        SurveyExport.write(dir, s, one, formulas);
        String a = formulas.get("a");
        String b = formulas.get("b");
        String c = formulas.get("c");
        assertEquals(CsvWriter.line(List.of("anchor", "positive", "negative", "votes", "total"))
                + CsvWriter.line(List.of(b, a, c, "1", "1")), Files.readString(dir.resolve(SurveyExport.TRIPLETS_FILE)));
        List<String> sorted = List.of(b, a, c);  // path order: '+' < '=' < '@'
        assertEquals(CsvWriter.line(List.of("song1", "song2", "song3", "anchor", "positive", "votes", "total"))
                + CsvWriter.line(List.of(sorted.get(0), sorted.get(1), sorted.get(2), "1", "2", "1", "1")),
                Files.readString(dir.resolve(SurveyExport.SONGS_FILE)));
        List<String> answerRows = Files.readAllLines(dir.resolve(SurveyExport.ANSWERS_FILE));
        assertEquals(CsvWriter.line(List.of("1", "r1", q.kind().column(), "", a, b, c, "3", "1000",
                Long.toString(1_000 + LISTEN_MS), Long.toString(LISTEN_MS), Long.toString(LISTEN_MS))).strip(),
                answerRows.get(1));
    }
}
