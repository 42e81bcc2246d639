package io.github.mecomp.embed.train;

import io.github.mecomp.embed.audio.BatchFailure;
import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.MelBatch;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.MinedTriplet;
import io.github.mecomp.embed.data.Triplet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log-mel windows of every clip a run needs, held in memory as flat arrays so that an epoch never
 * touches the disk. Clips are keyed {@code <dataset>/<clip id>}, since ids are unique only within a set.
 */
public final class ClipLibrary {

    /** One clip's windows, flattened: window w, frame f, band b at {@code (w * frames + f) * bands + b}. */
    public record ClipWindows(float[] data, int windows, int frames, int bands) {

        public int windowSize() {
            return frames * bands;
        }
    }

    private final Map<String, ClipWindows> clips;
    private final List<BatchFailure> failures;
    private final int melBands;

    private ClipLibrary(Map<String, ClipWindows> clips, List<BatchFailure> failures, int melBands) {
        this.clips = Map.copyOf(clips);
        this.failures = List.copyOf(failures);
        this.melBands = melBands;
    }

    public static String key(String dataset, String clipId) {
        return dataset + "/" + clipId;
    }

    /** Mined triplets name clips by id within their set; this library keys them {@code <set>/<id>}. */
    public static List<Triplet> keyed(List<MinedTriplet> mined) {
        List<Triplet> out = new ArrayList<>(mined.size());
        for (MinedTriplet m : mined) {
            Triplet t = m.triplet();
            out.add(new Triplet(key(m.dataset(), t.anchor()), key(m.dataset(), t.positive()),
                    key(m.dataset(), t.negative())));
        }
        return out;
    }

    /**
     * Loads the clips of each set through the front-end (and its cache); bad files are kept as failures. A file
     * named by several sets (human judgements about a data set's clips) is decoded and held once, under each key.
     */
    public static ClipLibrary load(Map<Dataset, ? extends Collection<Clip>> clipsBySet, FrontEnd frontEnd, int threads,
                                   BatchProgress progress) throws InterruptedException {
        Map<String, ClipWindows> out = new ConcurrentHashMap<>();
        Map<Path, List<String>> keysByFile = new LinkedHashMap<>();
        for (Map.Entry<Dataset, ? extends Collection<Clip>> e : clipsBySet.entrySet()) {
            for (Clip c : e.getValue()) {
                keysByFile.computeIfAbsent(c.file(), f -> new ArrayList<>()).add(key(e.getKey().name(), c.id()));
            }
        }
        MelBatch.Result r = new MelBatch(frontEnd, threads).run(List.copyOf(keysByFile.keySet()), progress,
                (file, windows) -> {
                    ClipWindows flat = flatten(windows);
                    keysByFile.get(file).forEach(k -> out.put(k, flat));
                });
        return new ClipLibrary(out, r.failures(), frontEnd.config().melBands());
    }

    /** A library from windows already in memory, every value of a frame a log-mel band (tests, tools). */
    public static ClipLibrary of(Map<String, float[][][]> windowsByKey) {
        return of(windowsByKey, Integer.MAX_VALUE);
    }

    /** As {@link #of(Map)}, with only the first {@code melBands} values of a frame log-mel bands. */
    public static ClipLibrary of(Map<String, float[][][]> windowsByKey, int melBands) {
        Map<String, ClipWindows> out = new HashMap<>();
        windowsByKey.forEach((k, w) -> out.put(k, flatten(w)));
        return new ClipLibrary(out, List.of(), melBands);
    }

    /**
     * How many leading values of each frame are log-mel power, which a gain moves; the rest (the crest factor)
     * it does not.
     */
    public int melBands() {
        return melBands;
    }

    public boolean contains(String key) {
        return clips.containsKey(key);
    }

    public ClipWindows get(String key) {
        ClipWindows c = clips.get(key);
        if (c == null) {
            throw new IllegalArgumentException("no windows for clip " + key + " (its audio failed to load?)");
        }
        return c;
    }

    public int size() {
        return clips.size();
    }

    /** Files that could not be loaded; triplets naming them are dropped by the caller. */
    public List<BatchFailure> failures() {
        return failures;
    }

    /** Bytes of log-mel held, for the memory report. */
    public long bytes() {
        Set<ClipWindows> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(clips.values());
        return distinct.stream().mapToLong(c -> 4L * c.data().length).sum();
    }

    /** The windows of one clip as [window][frame][band]. */
    public float[][][] windows(String key) {
        ClipWindows c = get(key);
        float[][][] out = new float[c.windows()][c.frames()][c.bands()];
        for (int w = 0; w < c.windows(); w++) {
            for (int f = 0; f < c.frames(); f++) {
                System.arraycopy(c.data(), (w * c.frames() + f) * c.bands(), out[w][f], 0, c.bands());
            }
        }
        return out;
    }

    static ClipWindows flatten(float[][][] windows) {
        int frames = windows[0].length;
        int bands = windows[0][0].length;
        float[] data = new float[windows.length * frames * bands];
        int i = 0;
        for (float[][] w : windows) {
            for (float[] f : w) {
                System.arraycopy(f, 0, data, i, bands);
                i += bands;
            }
        }
        return new ClipWindows(data, windows.length, frames, bands);
    }
}
