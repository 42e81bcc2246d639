package io.github.mecomp.embed.train;

import io.github.mecomp.embed.data.Triplet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns triplets into training batches with augmentation: each clip contributes a random crop of
 * consecutive windows (so the model sees every part of a song over the epochs and cannot learn one fixed
 * offset) and a random gain (so loudness, which mastering decides more than style, is not a cue); optionally
 * SpecAugment's masks (Park et al. 2019), a run of mel bands and a run of frames of each window made as quiet as
 * the window's quietest bin, so that no one band or moment carries a clip's identity. Side values beside the mel
 * bands (crest factor, chroma) are left alone by the gain and the masks.
 */
public final class BatchAssembler {

    private final ClipLibrary library;
    private final int windows;
    private final double gainDb;
    private final int maskBands;
    private final int maskFrames;
    private final SpreadCrops spread;

    public BatchAssembler(ClipLibrary library, int windows, double gainDb) {
        this(library, windows, gainDb, 0, 0, SpreadCrops.NONE);
    }

    public BatchAssembler(ClipLibrary library, int windows, double gainDb, int maskBands, int maskFrames) {
        this(library, windows, gainDb, maskBands, maskFrames, SpreadCrops.NONE);
    }

    /**
     * @param maskBands  widest frequency mask, in mel bands (0: none); below the number of mel bands
     * @param maskFrames widest time mask, in frames (0: none); below the frames of a window
     * @param spread     the batches whose clips give one window from each of {@code windows} equal stretches of
     *                   them, instead of a run of consecutive ones: every batch, or a group loss's batches of the
     *                   relations named; with a share below 1, each clip of those batches with that
     *                   probability
     */
    public BatchAssembler(ClipLibrary library, int windows, double gainDb, int maskBands, int maskFrames,
                          SpreadCrops spread) {
        if (maskBands >= library.melBands()) {
            throw new IllegalArgumentException("training: --mask-bands must be below the " + library.melBands()
                    + " mel bands, got " + maskBands);
        }
        this.library = library;
        this.windows = windows;
        this.gainDb = gainDb;
        this.maskBands = maskBands;
        this.maskFrames = maskFrames;
        this.spread = spread;
    }

    /** A batch of {@code triplets}, whose ids are clip keys of the library. */
    public TrainingBatch assemble(List<Triplet> triplets, SplittableRandom random) {
        List<String> keys = new ArrayList<>(3 * triplets.size());
        triplets.forEach(t -> keys.add(t.anchor()));
        triplets.forEach(t -> keys.add(t.positive()));
        triplets.forEach(t -> keys.add(t.negative()));
        ClipLibrary.ClipWindows first = library.get(keys.get(0));
        return new TrainingBatch(crops(keys, spread.all(), random), triplets.size(), windows, first.frames(),
                first.bands(), keys);
    }

    /** A batch of labelled clips for a group loss, each cropped and scaled as in a triplet batch. */
    public GroupBatch assemble(GroupSampler.Drawn drawn, SplittableRandom random) {
        ClipLibrary.ClipWindows first = library.get(drawn.keys().get(0));
        float[] data = crops(drawn.keys(), spread.appliesTo(drawn.relation()), random);
        return new GroupBatch(data, windows, first.frames(), first.bands(), drawn.keys(), drawn.masks(),
                drawn.relation());
    }

    private float[] crops(List<String> keys, boolean spreadOut, SplittableRandom random) {
        ClipLibrary.ClipWindows first = library.get(keys.get(0));
        if (maskFrames >= first.frames()) {
            throw new IllegalArgumentException("training: --mask-frames must be below the " + first.frames()
                    + " frames of a window, got " + maskFrames);
        }
        int clipSize = windows * first.frames() * first.bands();
        float[] data = new float[keys.size() * clipSize];
        for (int i = 0; i < keys.size(); i++) {
            // drawn only for a mixed share, so that other runs keep their random streams
            boolean spreadClip = spreadOut && (!spread.isMixed() || random.nextDouble() < spread.share());
            copyCrop(library.get(keys.get(i)), data, i * clipSize, spreadClip, random);
        }
        return data;
    }

    /**
     * {@link #windows} windows of the clip ({@link #windowIndices}), each with the clip's gain and its own masks.
     */
    private void copyCrop(ClipLibrary.ClipWindows clip, float[] out, int offset, boolean spreadOut,
                          SplittableRandom random) {
        int size = clip.windowSize();
        int[] indices = windowIndices(clip.windows(), spreadOut, random);
        // gain g in dB scales power by 10^(g/10): log power moves by g * ln(10) / 10 (exact far above the floor)
        float shift = gainDb == 0 ? 0f : (float) ((random.nextDouble() * 2 - 1) * gainDb * Math.log(10) / 10);
        int bands = clip.bands();
        int shifted = Math.min(library.melBands(), bands); // a gain leaves the crest factor alone
        for (int w = 0; w < windows; w++) {
            int target = offset + w * size;
            clip.copyWindow(indices[w], out, target);
            // 0 is added too, as when the copy and the gain were one pass: it turns a -0 into +0, bit for bit as before
            for (int i = 0; i < size; i++) {
                out[target + i] += i % bands < shifted ? shift : 0f;
            }
            if (maskBands > 0 || maskFrames > 0) {
                mask(out, target, clip.frames(), bands, shifted, random);
            }
        }
    }

    /**
     * Which windows of a clip of {@code available} a crop takes, in order: a random run of {@link #windows}
     * consecutive ones, or with spread crops one drawn from each of {@link #windows} equal stretches of the clip. A
     * clip with no more windows than that gives all of them, repeated from its start, so that every row of a batch
     * has the same length.
     */
    private int[] windowIndices(int available, boolean spreadOut, SplittableRandom random) {
        int[] indices = new int[windows];
        if (spreadOut && available > windows) {
            for (int w = 0; w < windows; w++) {
                long from = (long) w * available / windows;
                long to = (long) (w + 1) * available / windows; // > from, as available > windows
                indices[w] = (int) (from + random.nextInt((int) (to - from)));
            }
            return indices;
        }
        int start = available > windows ? random.nextInt(available - windows + 1) : 0;
        for (int w = 0; w < windows; w++) {
            indices[w] = (start + w) % available;
        }
        return indices;
    }

    /**
     * One frequency and one time mask on the window at {@code at} ({@code frames} x {@code bands}, the first
     * {@code mel} of them mel bands), each of a width drawn from 0 to its maximum. Only drawn when masks are on,
     * so that runs without them keep their random streams.
     */
    private void mask(float[] out, int at, int frames, int bands, int mel, SplittableRandom random) {
        float quietest = Float.POSITIVE_INFINITY;
        for (int f = 0; f < frames; f++) {
            for (int b = 0; b < mel; b++) {
                quietest = Math.min(quietest, out[at + f * bands + b]);
            }
        }
        int width = maskBands > 0 ? random.nextInt(maskBands + 1) : 0;
        if (width > 0) {
            int from = random.nextInt(mel - width + 1);
            for (int f = 0; f < frames; f++) {
                Arrays.fill(out, at + f * bands + from, at + f * bands + from + width, quietest);
            }
        }
        width = maskFrames > 0 ? random.nextInt(maskFrames + 1) : 0;
        if (width > 0) {
            int from = random.nextInt(frames - width + 1);
            for (int f = from; f < from + width; f++) {
                Arrays.fill(out, at + f * bands, at + f * bands + mel, quietest);
            }
        }
    }
}
