package io.github.mecomp.embed.survey;

import java.util.List;

/**
 * The votes on one clip set.
 *
 * @param clips the three clip paths, sorted
 * @param odd   for each clip (same order), how many listeners left it out, that is, judged the other two the
 *              most alike
 */
public record TripletVotes(List<String> clips, List<Integer> odd) {

    public TripletVotes {
        clips = List.copyOf(clips);
        odd = List.copyOf(odd);
        if (clips.size() != 3 || odd.size() != 3) {
            throw new IllegalArgumentException("three clips and three counts expected, got " + clips + " " + odd);
        }
    }

    public int total() {
        return odd.get(0) + odd.get(1) + odd.get(2);
    }
}
