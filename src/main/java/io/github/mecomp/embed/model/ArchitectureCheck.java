package io.github.mecomp.embed.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a network must satisfy to be trained here, and what MECOMP needs of it to be shipped. The shapes are
 * checked by {@link ModelConfig} itself; this adds the size ceilings and MECOMP's contract.
 */
public final class ArchitectureCheck {

    /** MECOMP's index and its distances are built for vectors of this length. */
    public static final int MECOMP_EMBEDDING_SIZE = 32;
    /** MECOMP's contract for a shipped model file. */
    public static final long MECOMP_MAX_BYTES = 1_000_000;
    /**
     * Weights above this are refused: such a network trains too slowly on the CPU backend for the sweep's time
     * boxes, and would never ship (five times MECOMP's ceiling).
     */
    public static final long MAX_WEIGHT_BYTES = 5_000_000;
    /**
     * Bytes the exported graph adds to the weights: the DFT and mel matrices of the front-end (891,154 bytes of
     * export/mecomp-embed-v1.onnx for 800,256 bytes of weights, so ~91 kB at the default front-end).
     */
    public static final long FRONT_END_BYTES_ESTIMATE = 91_000;

    private ArchitectureCheck() {
    }

    /**
     * Refuses a network over {@link #MAX_WEIGHT_BYTES}; returns notes for one that trains but that MECOMP
     * could not use as it is (another embedding size, a file over 1 MB).
     *
     * @throws IllegalArgumentException naming the size and what to shrink
     */
    public static List<String> check(ModelConfig config) {
        long bytes = config.weightBytes();
        if (bytes > MAX_WEIGHT_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the network has %,d parameters (%.2f MB"
                    + " of float32 weights), over the %.0f MB ceiling; use fewer or narrower convolution channels or a"
                    + " smaller GRU", config.parameterCount(), bytes / 1e6, MAX_WEIGHT_BYTES / 1e6));
        }
        List<String> notes = new ArrayList<>();
        if (config.embeddingSize() != MECOMP_EMBEDDING_SIZE) {
            notes.add("embedding size " + config.embeddingSize() + ": MECOMP's index needs " + MECOMP_EMBEDDING_SIZE
                    + "-d vectors, so this model is for comparison only, not for MECOMP's model_path");
        }
        if (bytes + FRONT_END_BYTES_ESTIMATE > MECOMP_MAX_BYTES) {
            notes.add(String.format(Locale.ROOT, "%.2f MB of weights (about %.2f MB exported): over the 1 MB MECOMP"
                    + " allows a shipped model", bytes / 1e6, (bytes + FRONT_END_BYTES_ESTIMATE) / 1e6));
        }
        return notes;
    }
}
