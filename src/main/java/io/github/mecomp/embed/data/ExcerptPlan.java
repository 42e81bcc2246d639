package io.github.mecomp.embed.data;

import io.github.mecomp.embed.io.FileNames;
/**
 * Which parts of a song become training excerpts when a plain folder of music is turned into a data set: the
 * song is cut into blocks of {@link #seconds()}; when there are three blocks or more, the first and the last
 * (intro, outro, fade) are left out; of the rest, at most {@link #perSong()} are taken, spread evenly from the
 * first to the last. Two excerpts of one song are the {@code track} relation's positive pair, as two excerpts of
 * one track are in the shared game-music set (tools/make_track_excerpts.py cuts those by the same idea).
 *
 * @param seconds length of an excerpt; a song shorter than one is kept whole, as a single clip
 * @param perSong most excerpts taken from one song
 */
public record ExcerptPlan(double seconds, int perSong) {

    /** 20 s, as the shared game-music excerpts; 8 per song, as the full-track excerpts of the v2 recipe. */
    public static final ExcerptPlan DEFAULT = new ExcerptPlan(20, 8);

    public ExcerptPlan {
        if (!(seconds >= 1 && seconds <= 600)) {
            throw new IllegalArgumentException("excerpt length must be between 1 and 600 seconds, got " + seconds);
        }
        if (perSong < 1) {
            throw new IllegalArgumentException("excerpts per song must be at least 1, got " + perSong);
        }
    }

    /** Samples of one excerpt at {@code sampleRate}. */
    public int samples(int sampleRate) {
        return (int) Math.round(seconds * sampleRate);
    }

    /**
     * The blocks to keep of a song of {@code blocks} whole blocks, in increasing order.
     *
     * @param blocks at least 1
     */
    public int[] pick(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("a song has at least one block, got " + blocks);
        }
        int first = blocks >= 3 ? 1 : 0;
        int usable = blocks >= 3 ? blocks - 2 : blocks;
        int count = Math.min(perSong, usable);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            // evenly from the first usable block to the last; distinct because count <= usable
            out[i] = first + (count == 1 ? (usable - 1) / 2 : (int) Math.round(i * (usable - 1) / (double) (count - 1)));
        }
        return out;
    }

    /**
     * A clip id from a song's path relative to its music folder: the path without its extension, folders joined
     * by "--", every character outside [A-Za-z0-9_-] replaced by "_" (the shared sets' rule), so that the id
     * is a safe file name.
     */
    public static String songId(String relativePath) {
        String path = FileNames.withoutExtension(relativePath.replace('\\', '/'));
        StringBuilder out = new StringBuilder(path.length());
        for (String part : path.split("/", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append("--");
            }
            out.append(part.replaceAll("[^A-Za-z0-9_-]", "_"));
        }
        return out.isEmpty() ? "song" : out.toString();
    }
}
