package io.github.mecomp.embed.survey;

import java.util.List;

/**
 * A triplet put to one listener.
 *
 * @param id        its row id
 * @param rater     the listener it was put to
 * @param clips     the three clip ids in the order shown (A, B, C)
 * @param kind      why it was chosen
 * @param repeatOf  for a repeat, the question it repeats; else 0
 * @param token     the one-time token an answer must carry (CSRF protection and replay refusal)
 * @param servedMs  when it was first shown, server time in epoch milliseconds
 * @param listenMs  how long playing the three excerpts takes, in milliseconds
 */
public record Question(long id, String rater, List<String> clips, Kind kind, long repeatOf, String token,
                       long servedMs, long listenMs) {

    /** Why a question was chosen. */
    public enum Kind {
        RANDOM, UNCERTAIN, SHARED, REPEAT;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind fromColumn(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Question {
        clips = List.copyOf(clips);
        if (clips.size() != 3) {
            throw new IllegalArgumentException("a question has three clips, got " + clips);
        }
    }

    /** The clip set whatever the order shown: the three ids sorted, joined by '+'. */
    public String tripletKey() {
        return key(clips);
    }

    static String key(List<String> clips) {
        return String.join("+", clips.stream().sorted().toList());
    }
}
