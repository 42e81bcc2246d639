package io.github.mecomp.embed.model;

/**
 * Memory layout of the CNN's feature maps while SameDiff runs it. The weights are the same for both (kernels
 * [kH, kW, in, out]); only speed differs. NHWC was measured faster on this CPU backend (see
 * {@link TrainStepBenchmark}), so it is the default.
 */
enum ConvLayout {
    NCHW,
    NHWC;

    static final ConvLayout DEFAULT = NHWC;
}
