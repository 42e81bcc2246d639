package io.github.mecomp.embed.survey;

/**
 * One answer as stored, with the question it answers.
 *
 * @param question   the question
 * @param odd        the position (1, 2 or 3) of the clip left out: the other two were judged most alike
 * @param answeredMs when the answer arrived, server time in epoch milliseconds
 */
public record StoredAnswer(Question question, int odd, long answeredMs) {

    /** Server-side time from showing the question to the answer. */
    public long elapsedMs() {
        return answeredMs - question.servedMs();
    }

    /** The clip id left out. */
    public String oddClip() {
        return question.clips().get(odd - 1);
    }
}
