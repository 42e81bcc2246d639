package io.github.mecomp.embed.train;

import io.github.mecomp.embed.audio.BatchFailure;
import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.MelBatch;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.MinedTriplet;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.io.PrintablePath;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The log-mel windows of every clip a run needs, held in memory as flat arrays so that an epoch never
 * touches the disk. Clips are keyed {@code <dataset>/<clip id>}, since ids are unique only within a set.
 *
 * <p>A frame's values are its own (the mel bands, the crest factor, the high-band share) followed by its window's
 * (the chroma and harmony values, {@link FrontEndConfig#windowSideValues()}), which the front-end repeats in every
 * frame of the window. The library holds the window's values once: with all side channels on, the copies would
 * otherwise be a fifth of the log-mel held (a run of 4342 clips ran out of a 1.5 GB heap). Readers see the frames as the
 * front-end made them ({@link #windows}, {@link ClipWindows#copyWindow}).
 */
public final class ClipLibrary {

    /**
     * One clip's windows. {@code frameData} holds each frame's own values, window w, frame f, value v at
     * {@code (w * frames + f) * frameValues + v}; {@code windowData} each window's values, window w, value v at
     * {@code w * windowValues + v}. A reader's frame is the {@code frameValues} then the {@code windowValues}.
     */
    public record ClipWindows(float[] frameData, float[] windowData, int windows, int frames, int frameValues,
                              int windowValues) {

        public ClipWindows {
            if (windows < 1 || frames < 1 || frameValues < 1 || windowValues < 0) {
                throw new IllegalArgumentException("clip windows: need at least one window, frame and frame value,"
                        + " got " + windows + " x " + frames + " x (" + frameValues + " + " + windowValues + ")");
            }
            if (frameData.length != windows * frames * frameValues || windowData.length != windows * windowValues) {
                throw new IllegalArgumentException("clip windows: arrays of " + frameData.length + " and "
                        + windowData.length + " values do not hold " + windows + " windows of " + frames + " frames x ("
                        + frameValues + " + " + windowValues + ")");
            }
        }

        /** Values of a frame as the front-end wrote it: its own, then its window's. */
        public int bands() {
            return frameValues + windowValues;
        }

        /** Values of one window as the front-end wrote it, {@code frames * bands()}. */
        public int windowSize() {
            return frames * bands();
        }

        /** Bytes of the arrays. */
        public long bytes() {
            return 4L * (frameData.length + windowData.length);
        }

        /**
         * Writes window {@code w} into {@code out} at {@code at} as [frame][band], {@link #windowSize()} values,
         * its window values repeated in every frame as the front-end wrote them.
         */
        public void copyWindow(int w, float[] out, int at) {
            for (int f = 0; f < frames; f++) {
                copyFrame(w, f, out, at + f * bands());
            }
        }

        /** Writes frame f of window w into {@code out} at {@code at}: its own values, then its window's. */
        void copyFrame(int w, int f, float[] out, int at) {
            System.arraycopy(frameData, (w * frames + f) * frameValues, out, at, frameValues);
            System.arraycopy(windowData, w * windowValues, out, at + frameValues, windowValues);
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
     *
     * @throws IllegalStateException if the first and last frame of a window disagree on a value the front-end
     *                               writes once per window: the front-end or its cache is broken, not the audio
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
        int windowValues = frontEnd.config().windowSideValues();
        // A batch records whatever a file's work throws as that file's failure and goes on; broken side values
        // would then drop clips one by one, so the first is kept here and stops the load once the batch is done.
        AtomicReference<IllegalStateException> broken = new AtomicReference<>();
        MelBatch.Result r = new MelBatch(frontEnd, threads).run(List.copyOf(keysByFile.keySet()), progress,
                (file, windows) -> {
                    if (broken.get() != null) {
                        return;
                    }
                    List<String> keys = keysByFile.get(file);
                    try {
                        ClipWindows clip = compact(windows, windowValues, keys.get(0) + " (" + PrintablePath.of(file)
                                + ")");
                        keys.forEach(k -> out.put(k, clip));
                    } catch (IllegalStateException e) {
                        broken.compareAndSet(null, e);
                    }
                });
        if (broken.get() != null) {
            throw new IllegalStateException(broken.get().getMessage(), broken.get());
        }
        return new ClipLibrary(out, r.failures(), frontEnd.config().melBands());
    }

    /** A library from windows already in memory, every value of a frame a log-mel band (tests, tools). */
    public static ClipLibrary of(Map<String, float[][][]> windowsByKey) {
        return of(windowsByKey, Integer.MAX_VALUE);
    }

    /** As {@link #of(Map)}, with only the first {@code melBands} values of a frame log-mel bands. */
    public static ClipLibrary of(Map<String, float[][][]> windowsByKey, int melBands) {
        return of(windowsByKey, melBands, 0);
    }

    /**
     * As {@link #of(Map, int)}, with the last {@code windowValues} values of a frame its window's, the same in
     * every frame of the window (as the front-end writes the chroma and harmony values).
     *
     * @throws IllegalStateException if a window's frames disagree on one of them
     */
    public static ClipLibrary of(Map<String, float[][][]> windowsByKey, int melBands, int windowValues) {
        Map<String, ClipWindows> out = new HashMap<>();
        windowsByKey.forEach((k, w) -> {
            ClipWindows clip = compact(w, windowValues, k);
            if (windowValues > 0 && melBands > clip.frameValues()) {
                throw new IllegalArgumentException("clip " + k + ": " + melBands + " mel bands do not fit before "
                        + windowValues + " window values in frames of " + clip.bands());
            }
            out.put(k, clip);
        });
        return new ClipLibrary(out, List.of(), melBands);
    }

    /**
     * How many leading values of each frame are log-mel power, which a gain moves; the rest (the side values)
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
        return distinct.stream().mapToLong(ClipWindows::bytes).sum();
    }

    /** The windows of one clip as [window][frame][band], as the front-end wrote them. */
    public float[][][] windows(String key) {
        ClipWindows c = get(key);
        float[][][] out = new float[c.windows()][c.frames()][c.bands()];
        for (int w = 0; w < c.windows(); w++) {
            for (int f = 0; f < c.frames(); f++) {
                c.copyFrame(w, f, out[w][f], 0);
            }
        }
        return out;
    }

    /**
     * One clip's windows with the last {@code windowValues} of each frame held once per window. Those of the
     * first frame are kept; the front-end writes the same in every frame, and the last frame is checked against
     * the first, so that windows not made that way (a cache of another front-end, a bug) are refused rather than
     * quietly changed. The frames between are trusted: values that vary within a window would hardly agree at
     * both of its ends, and a check of every frame would cost a second pass over all the values loaded.
     *
     * @param clip names the clip in a refusal
     * @throws IllegalStateException if the first and last frame of a window disagree on a window value
     */
    static ClipWindows compact(float[][][] windows, int windowValues, String clip) {
        if (windows.length == 0) {
            throw new IllegalArgumentException("clip " + clip + " has no windows");
        }
        int frames = windows[0].length;
        int bands = windows[0][0].length;
        int own = bands - windowValues;
        if (own < 1) {
            throw new IllegalArgumentException("clip " + clip + ": frames of " + bands + " values cannot end in "
                    + windowValues + " window values after at least one value of their own");
        }
        float[] frameData = new float[windows.length * frames * own];
        float[] windowData = new float[windows.length * windowValues];
        for (int w = 0; w < windows.length; w++) {
            float[] first = windows[w][0];
            float[] last = windows[w][frames - 1];
            for (int v = own; v < bands; v++) {
                if (Float.compare(first[v], last[v]) != 0) {
                    throw new IllegalStateException("clip " + clip + ": value " + v + " of the frames of window "
                            + w + ", a side value the front-end writes once per window, is " + first[v]
                            + " in its first frame but " + last[v] + " in its last; the front-end or the mel cache"
                            + " that made these windows is broken (a cache: delete it and run again)");
                }
            }
            System.arraycopy(first, own, windowData, w * windowValues, windowValues);
            for (int f = 0; f < frames; f++) {
                System.arraycopy(windows[w][f], 0, frameData, (w * frames + f) * own, own);
            }
        }
        return new ClipWindows(frameData, windowData, windows.length, frames, own, windowValues);
    }
}
