package io.github.mecomp.embed.data;

/** Clip ids: the anchor should lie closer to the positive than to the negative. */
public record Triplet(String anchor, String positive, String negative) {

    public Triplet {
        if (anchor.equals(positive) || anchor.equals(negative) || positive.equals(negative)) {
            throw new IllegalArgumentException(
                    "a triplet needs three different clips, got " + anchor + "," + positive + "," + negative);
        }
    }
}
