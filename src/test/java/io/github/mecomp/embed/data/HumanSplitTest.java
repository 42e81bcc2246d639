package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HumanSplitTest {

    /** 50 questions about clips c0..c52, each answered twice with different answers, the first with 3 votes. */
    private static List<HumanTriplet> judgements() {
        List<HumanTriplet> out = new ArrayList<>();
        for (int q = 0; q < 50; q++) {
            String a = "c" + q;
            String b = "c" + (q + 1);
            String c = "c" + (q + 2);
            out.add(new HumanTriplet(new Triplet(a, b, c), 3));
            out.add(new HumanTriplet(new Triplet(c, a, b), 1));
        }
        return out;
    }

    private static Set<String> questions(List<MinedTriplet> part) {
        Set<String> out = new HashSet<>();
        part.forEach(m -> out.add(HumanSplit.question(m.triplet())));
        return out;
    }

    @Test
    void everyAnswerToAQuestionFallsOnTheSameSide() {
        HumanSplit split = HumanSplit.of(judgements(), 0.2, 1);
        Set<String> train = questions(split.train());
        Set<String> held = questions(split.heldOut());
        assertEquals(10, held.size());
        assertEquals(10, split.heldOutQuestions());
        assertEquals(40, train.size());
        assertTrue(Collections.disjoint(train, held));
    }

    @Test
    void votesCountAsRepeatedTriplets() {
        HumanSplit split = HumanSplit.of(judgements(), 0.2, 1);
        assertEquals(40 * 4, split.train().size());
        assertEquals(10 * 4, split.heldOut().size());
        assertTrue(split.train().stream().allMatch(m -> m.dataset().equals(HumanSplit.SET)
                && m.relation().equals(HumanSplit.RELATION)));
    }

    @Test
    void theSeedAloneDecidesNotTheRowOrder() {
        List<HumanTriplet> shuffled = new ArrayList<>(judgements());
        Collections.shuffle(shuffled, new java.util.Random(5));
        assertEquals(questions(HumanSplit.of(judgements(), 0.2, 1).heldOut()),
                questions(HumanSplit.of(shuffled, 0.2, 1).heldOut()));
        assertNotEquals(questions(HumanSplit.of(judgements(), 0.2, 1).heldOut()),
                questions(HumanSplit.of(judgements(), 0.2, 2).heldOut()));
    }

    @Test
    void twoQuestionsGiveOneToEachSide() {
        List<HumanTriplet> two = judgements().subList(0, 4);
        HumanSplit split = HumanSplit.of(two, 0.01, 1);
        assertEquals(1, questions(split.train()).size());
        assertEquals(1, questions(split.heldOut()).size());
        assertFalse(split.heldOut().isEmpty());
    }

    @Test
    void rejectsOneQuestionAndFractionsOutOfRange() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> HumanSplit.of(judgements().subList(0, 2), 0.2, 1));
        assertTrue(one.getMessage().contains("1 distinct triplet(s)"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HumanSplit.of(judgements(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> HumanSplit.of(judgements(), 1, 1));
    }
}
