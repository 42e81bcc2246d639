package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.HumanTriplet;
import io.github.mecomp.embed.data.HumanTriplets;
import io.github.mecomp.embed.data.Triplet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedRaterTest {

    @TempDir
    Path dir;

    /** Clips c0..c29 with values 0, 1, 4, 9, ...: no two pairs are equally far apart in a trio. */
    private static Map<String, Double> squares() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            values.put("c" + i, (double) i * i);
        }
        return values;
    }

    private static boolean closestPair(Triplet t, Map<String, Double> v) {
        double ap = Math.abs(v.get(t.anchor()) - v.get(t.positive()));
        return ap < Math.abs(v.get(t.anchor()) - v.get(t.negative()))
                && ap < Math.abs(v.get(t.positive()) - v.get(t.negative()));
    }

    @Test
    void aNoiselessRaterAlwaysNamesTheClosestPair() {
        SimulatedRater.Survey survey = new SimulatedRater(squares(), 0).ask(200, 3, 1);
        assertEquals(200, survey.answers().size(), "three noiseless raters agree: one row of 3 votes a question");
        for (SimulatedRater.Answer a : survey.answers()) {
            assertEquals(3, a.votes());
            assertTrue(a.anchor() < a.positive());
            assertTrue(closestPair(a.triplet(), squares()), a.toString());
        }
        assertEquals(1.0, survey.propertyAccuracy());
    }

    @Test
    void noiseMakesRatersDisagreeAndTheVotesAddUp() {
        SimulatedRater.Survey survey = new SimulatedRater(squares(), 1.0).ask(100, 5, 1);
        assertTrue(survey.answers().size() > 100, "some questions get more than one answer");
        assertEquals(500, survey.answers().stream().mapToInt(SimulatedRater.Answer::votes).sum());
        assertTrue(survey.propertyAccuracy() < 0.95 && survey.propertyAccuracy() > 0.4,
                "noisy answers agree with the property less: " + survey.propertyAccuracy());
    }

    @Test
    void questionsAreDistinctAndTheSeedRepeatsThem() {
        SimulatedRater rater = new SimulatedRater(squares(), 0.2);
        SimulatedRater.Survey survey = rater.ask(300, 1, 9);
        Set<Set<String>> asked = new HashSet<>();
        survey.answers().forEach(a -> asked.add(Set.copyOf(a.songs())));
        assertEquals(300, asked.size());
        assertEquals(survey, rater.ask(300, 1, 9));
    }

    @Test
    void writesTheSurveyFormatThatHumanTripletsReads() throws IOException {
        SimulatedRater.Survey survey = new SimulatedRater(squares(), 0.5).ask(50, 4, 3);
        Path csv = dir.resolve("answers.csv");
        SimulatedRater.write(csv, survey.answers());
        List<HumanTriplet> read = HumanTriplets.read(csv);
        assertEquals(survey.answers().size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(survey.answers().get(i).triplet(), read.get(i).triplet());
            assertEquals(survey.answers().get(i).votes(), read.get(i).votes());
        }
    }

    @Test
    void rejectsMoreQuestionsThanDistinctTrios() {
        Map<String, Double> four = Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 5.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulatedRater(four, 0).ask(5, 1, 1));
        assertTrue(e.getMessage().contains("only 4 distinct sets of three"), e.getMessage());
    }
}
