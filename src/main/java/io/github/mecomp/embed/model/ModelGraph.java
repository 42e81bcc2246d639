package io.github.mecomp.embed.model;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.HarmonyBasis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff graph of the model for one sequence length K' (the GRU is unrolled, so each K' has its own
 * graph). Every graph holds the model's weight arrays themselves, not copies: an in-place update of a weight
 * is seen by all of them.
 *
 * <p>Built from primitive ops only (matmul, sigmoid, tanh, mul, add, conv2d, max-pool, mean): nd4j
 * 1.0.0-M2.1's own GRU ops compute wrong gradients or none, and its batch norm cannot backpropagate.
 */
final class ModelGraph {

    /** Placeholder: log-mel windows [N, K', frames, bands]. */
    static final String INPUT = "windows";
    /** Placeholder: scalar triplet-loss margin. */
    static final String MARGIN = "margin";
    /** Output: unit-length embeddings [N, D]. */
    static final String EMBEDDING = "embedding";
    /** Output: scalar mean triplet loss; needs N = 3B songs, anchors then positives then negatives. */
    static final String LOSS = "loss";
    /** Output: per triplet |a-p|^2 - |a-n|^2 + margin, before the max(0, .) [B]. */
    static final String HINGE = "hinge";
    /** Placeholder of a {@link GroupLoss} graph: 1 where song j may be song i's positive [N, N]. */
    static final String POSITIVE_PAIRS = "positive_pairs";
    /** Placeholder of a {@link GroupLoss} graph: 1 where song j may be song i's negative [N, N]. */
    static final String NEGATIVE_PAIRS = "negative_pairs";
    /** Placeholder of a batch-hard graph: 1 for anchors with a positive and a negative in the batch [N]. */
    static final String VALID_ANCHORS = "valid_anchors";
    /** Placeholder of a graph with a teacher: {@link TeacherPairs#distances()} [N, N]. */
    static final String TEACHER_DISTANCES = "teacher_distances";
    /** Placeholder of a graph with a teacher: 1 for the pairs {@link TeacherPairs#counted()} [N, N]. */
    static final String TEACHER_PAIRS = "teacher_pairs";
    /**
     * Placeholder of a graph with dropout: what each song's projection input is multiplied by, 0 for a dropped value
     * and 1 / (1 - share) for a kept one [N, song vector size].
     */
    static final String DROPOUT_MASK = "dropout_mask";
    /** Output of a graph with a teacher: the distillation term before its weight (scalar). */
    static final String DISTILLATION = "distillation";
    /** Output of a graph with a teacher: the triplet part of the loss, without the distillation term. */
    static final String TRIPLET_TERM = "triplet_term";
    /**
     * Added to squared distances before their square root in the distillation term, so that the gradient stays
     * finite on the diagonal (masked out, but 0 x infinity is NaN) and for near-identical songs.
     */
    private static final double DISTANCE_EPSILON = 1e-6;
    /**
     * Added to the count a mean divides by, so that a batch without any counted triplet has loss 0, not 0/0;
     * far below 1, the smallest real count.
     */
    private static final double COUNT_EPSILON = 1e-9;
    /**
     * Added to the distance of a pair that is not a negative before the nearest negative is taken: squared
     * distances of unit vectors are at most 4, so such a pair is never the nearest.
     */
    private static final double NOT_A_NEGATIVE = 8;
    /** Added to the squared norm before the square root of the L2 normalisation, so a zero vector stays 0. */
    static final double L2_EPSILON = 1e-12;

    final SameDiff sd;
    final int windows;

    private ModelGraph(SameDiff sd, int windows) {
        this.sd = sd;
        this.windows = windows;
    }

    /**
     * Builds the graph for songs of {@code windows} windows.
     *
     * @param arrays every named array of {@link WeightNames#all(ModelConfig)}, in the model's data type
     */
    static ModelGraph build(ModelConfig config, int windows, DataType dataType, ConvLayout layout,
            Map<String, INDArray> arrays) {
        return build(config, windows, dataType, layout, arrays, null);
    }

    /**
     * As {@link #build(ModelConfig, int, DataType, ConvLayout, Map)}, with {@code groupLoss} instead of the
     * triplet loss over anchor, positive and negative rows (null: that triplet loss).
     */
    static ModelGraph build(ModelConfig config, int windows, DataType dataType, ConvLayout layout,
            Map<String, INDArray> arrays, GroupLoss groupLoss) {
        return build(config, windows, dataType, layout, arrays, groupLoss, 0);
    }

    /**
     * As {@link #build(ModelConfig, int, DataType, ConvLayout, Map, GroupLoss)}; with the triplet loss (groupLoss
     * null) and {@code tripletTeacherWeight} > 0, the loss adds that times the distillation term over all 3B rows.
     */
    static ModelGraph build(ModelConfig config, int windows, DataType dataType, ConvLayout layout,
            Map<String, INDArray> arrays, GroupLoss groupLoss, double tripletTeacherWeight) {
        return build(config, windows, dataType, layout, arrays, groupLoss, tripletTeacherWeight, false);
    }

    /**
     * As {@link #build(ModelConfig, int, DataType, ConvLayout, Map, GroupLoss, double)}; with {@code dropout}, the
     * song vectors are multiplied by the {@link #DROPOUT_MASK} placeholder before the projection (a training graph
     * only: the embedding of a song must not depend on a draw).
     */
    static ModelGraph build(ModelConfig config, int windows, DataType dataType, ConvLayout layout,
            Map<String, INDArray> arrays, GroupLoss groupLoss, double tripletTeacherWeight, boolean dropout) {
        SameDiff sd = SameDiff.create();
        sd.setLogExecution(false);
        int frames = config.inputFrames();
        int bands = config.inputBands();
        int hidden = config.gruHidden();

        SDVariable input = sd.placeHolder(INPUT, dataType, -1, windows, frames, bands);
        SDVariable mean = constant(sd, WeightNames.INPUT_MEAN, arrays);
        SDVariable std = constant(sd, WeightNames.INPUT_STD, arrays);
        int melBands = config.melBands();
        SDVariable mel = input;
        SDVariable side = null; // [N*K', window side values]: each window's mean normalised crest factor, chroma...
        SDVariable songHarmony = null; // [N, 6]
        if (config.sideValues() > 0) {
            mel = input.get(SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.interval(0, melBands));
            SDVariable sideFrames = input.get(SDIndex.all(), SDIndex.all(), SDIndex.all(),
                    SDIndex.interval(melBands, bands)); // [N, K', frames, side values]
            side = sideFrames.sub(mean.get(SDIndex.interval(melBands, bands)))
                    .div(std.get(SDIndex.interval(melBands, bands))).mean(2).reshape(-1, config.sideValues());
            if (config.songHarmony()) {
                int chroma = config.chromaOffset();
                int chromaEnd = config.harmonyOffset();
                // the shares as they are: every frame of a window carries the same ones
                SDVariable shares = sideFrames.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, 1),
                        SDIndex.interval(chroma, chromaEnd)).mean(1, 2); // [N, 12]
                int harmony = melBands + chromaEnd;
                songHarmony = harmony(sd, shares, dataType).sub(mean.get(SDIndex.interval(harmony, bands)))
                        .div(std.get(SDIndex.interval(harmony, bands)));
                SDVariable harmonyValues = side.get(SDIndex.all(), SDIndex.interval(chromaEnd, config.sideValues()));
                side = chroma == 0 ? harmonyValues
                        : sd.concat(1, side.get(SDIndex.all(), SDIndex.interval(0, chroma)), harmonyValues);
            }
            mean = mean.get(SDIndex.interval(0, melBands));
            std = std.get(SDIndex.interval(0, melBands));
        }
        SDVariable levelled = config.levelFloor() > 0 ? levelled(sd, mel, config.levelFloor()) : mel;
        SDVariable x = levelled.sub(mean).div(std);

        // every window of every song through the same CNN: batch index = song * K' + window
        x = layout == ConvLayout.NHWC ? x.reshape(-1, frames, melBands, 1) : x.reshape(-1, 1, frames, melBands);
        List<Integer> channels = config.convChannels();
        for (int l = 1; l <= channels.size(); l++) {
            int stride = l == 1 ? config.firstConvStride() : 1;
            Conv2DConfig conv = Conv2DConfig.builder()
                    .kH(ModelConfig.KERNEL).kW(ModelConfig.KERNEL)
                    .sH(stride).sW(stride)
                    .pH(ModelConfig.PADDING).pW(ModelConfig.PADDING)
                    .dH(1).dW(1)
                    .paddingMode(PaddingMode.VALID) // with the explicit padding above
                    .dataFormat(layout.name())
                    .weightsFormat(WeightsFormat.YXIO)
                    .build();
            x = sd.cnn().conv2d(x, variable(sd, WeightNames.convWeight(l), arrays),
                    variable(sd, WeightNames.convBias(l), arrays), conv);
            x = sd.nn().relu(x, 0);
            if (l < channels.size()) {
                x = sd.cnn().maxPooling2d(x, Pooling2DConfig.builder()
                        .kH(ModelConfig.POOL).kW(ModelConfig.POOL)
                        .sH(ModelConfig.POOL).sW(ModelConfig.POOL)
                        .pH(0).pW(0).dH(1).dW(1)
                        .paddingMode(PaddingMode.VALID)
                        .isNHWC(layout == ConvLayout.NHWC)
                        .build());
            }
        }
        SDVariable features = layout == ConvLayout.NHWC ? x.mean(1, 2) : x.mean(2, 3); // [N*K', C]
        if (side != null) {
            features = sd.concat(1, features, side);
        }
        int featureSize = config.windowFeatureSize();
        SDVariable sequence = features.reshape(-1, windows, featureSize);

        SDVariable last = gruLastHidden(sd, sequence, windows, featureSize, hidden,
                variable(sd, WeightNames.GRU_W, arrays), variable(sd, WeightNames.GRU_U, arrays),
                variable(sd, WeightNames.GRU_B, arrays));

        SDVariable song = songVector(sd, last, sequence, songHarmony, config);
        if (dropout) {
            song = song.mul(sd.placeHolder(DROPOUT_MASK, dataType, -1, config.songVectorSize()));
        }
        SDVariable projected = song.mmul(variable(sd, WeightNames.PROJ_W, arrays))
                .add(variable(sd, WeightNames.PROJ_B, arrays));
        SDVariable norm = sd.math().sqrt(projected.mul(projected).sum(true, 1).add(L2_EPSILON));
        SDVariable embedding = projected.div(EMBEDDING, norm);

        SDVariable margin = sd.placeHolder(MARGIN, dataType);
        if (groupLoss == null) {
            boolean taught = tripletTeacherWeight > 0;
            tripletLoss(sd, embedding, config.embeddingSize(), margin, taught ? TRIPLET_TERM : LOSS);
            if (taught) {
                sd.getVariable(TRIPLET_TERM).add(LOSS, distillation(sd, squaredDistances(sd, embedding), dataType)
                        .mul(tripletTeacherWeight));
            }
        } else {
            groupLoss(sd, embedding, margin, groupLoss, dataType);
        }
        sd.setLossVariables(LOSS);
        return new ModelGraph(sd, windows);
    }

    /**
     * Level normalisation (see {@link ModelConfig#levelFloor()}): each song's mel power over its windows
     * [N, K', frames, bands] divided by its mean, then floored and logged again. The relu keeps rounding from
     * making a power at the floor negative; the tiny term keeps a silent song at the floor instead of 0/0.
     */
    static SDVariable levelled(SameDiff sd, SDVariable logMel, double floor) {
        SDVariable power = sd.nn().relu(sd.math().exp(logMel).sub(floor), 0);
        SDVariable level = power.mean(true, 1, 2, 3).add(ModelConfig.SILENT_LEVEL);
        return sd.math().log(power.div(level).add(floor));
    }

    /**
     * What the projection reads, [N, songVectorSize]: the GRU's last state, then with {@link ModelConfig#windowMean}
     * the mean of the window vectors [N, K', C], with {@link ModelConfig#windowSd} their standard deviation and with
     * {@link ModelConfig#songHarmony} the song's normalised harmony values.
     */
    private static SDVariable songVector(SameDiff sd, SDVariable last, SDVariable sequence, SDVariable songHarmony,
            ModelConfig config) {
        if (!config.songVectorExtended()) {
            return last;
        }
        List<SDVariable> parts = new ArrayList<>(List.of(last));
        if (config.windowStatistics()) {
            SDVariable mean = sequence.mean(true, 1); // [N, 1, C]
            if (config.windowMean()) {
                parts.add(mean.reshape(-1, config.windowFeatureSize()));
            }
            if (config.windowSd()) {
                SDVariable centred = sequence.sub(mean);
                parts.add(sd.math().sqrt(centred.mul(centred).mean(1).add(ModelConfig.WINDOW_SD_EPSILON)));
            }
        }
        if (songHarmony != null) {
            parts.add(songHarmony);
        }
        return sd.concat(1, parts.toArray(new SDVariable[0]));
    }

    /**
     * {@code LogMelSpectrogram.harmony} of chroma shares [N, 12]: the magnitudes of their DFT coefficients 1..6
     * [N, 6], through one product with the cosines and sines.
     */
    static SDVariable harmony(SameDiff sd, SDVariable shares, DataType dataType) {
        int values = FrontEndConfig.HARMONY_VALUES;
        SDVariable parts = shares.mmul(sd.constant(Nd4j.create(HarmonyBasis.cosinesThenSines(),
                new long[] {HarmonyBasis.ROWS, HarmonyBasis.COLUMNS}, 'c').castTo(dataType)));
        SDVariable squares = parts.mul(parts);
        return sd.math().sqrt(squares.get(SDIndex.all(), SDIndex.interval(0, values))
                .add(squares.get(SDIndex.all(), SDIndex.interval(values, 2 * values))));
    }

    /** Rows are B anchors, then B positives, then B negatives: the mean hinge of the B triplets. */
    private static void tripletLoss(SameDiff sd, SDVariable embedding, int d, SDVariable margin, String name) {
        SDVariable[] parts = sd.unstack(embedding.reshape(3, -1, d), 0, 3);
        SDVariable anchor = parts[0];
        SDVariable positive = parts[1];
        SDVariable negative = parts[2];
        SDVariable ap = anchor.sub(positive);
        SDVariable an = anchor.sub(negative);
        SDVariable hinge = ap.mul(ap).sum(1).sub(an.mul(an).sum(1)).add(HINGE, margin);
        sd.nn().relu(hinge, 0).mean(name);
    }

    /**
     * The {@link GroupLoss} of N labelled songs, from the [N, N] matrix of squared distances. Batch-all builds
     * the [N, N, N] cube of {@code d(a,p) - d(a,n) + margin} (32 songs: 32,768 entries, nothing next to the CNN);
     * batch-hard reduces each anchor's row to its farthest positive and nearest negative. The counts a mean
     * divides by have no gradient (sign's derivative is zero), as in the paper's definition.
     */
    private static void groupLoss(SameDiff sd, SDVariable embedding, SDVariable margin, GroupLoss loss,
            DataType dataType) {
        SDVariable positive = sd.placeHolder(POSITIVE_PAIRS, dataType, -1, -1);
        SDVariable negative = sd.placeHolder(NEGATIVE_PAIRS, dataType, -1, -1);
        SDVariable distance = squaredDistances(sd, embedding);
        String name = loss.hasTeacher() ? TRIPLET_TERM : LOSS;
        if (loss.mining() == GroupLoss.Mining.ALL) {
            // t[a, p, n] = d[a, p] - d[a, n] + margin, counted where p is a positive and n a negative of a
            SDVariable t = sd.expandDims(distance, 2).sub(sd.expandDims(distance, 1)).add(margin);
            SDVariable valid = sd.expandDims(positive, 2).mul(sd.expandDims(negative, 1));
            if (loss.softMargin()) {
                sd.nn().softplus(t).mul(valid).sum().div(name, valid.sum().add(COUNT_EPSILON));
            } else {
                SDVariable hinge = sd.nn().relu(t, 0).mul(valid);
                hinge.sum().div(name, sd.math().sign(hinge).sum().add(COUNT_EPSILON));
            }
        } else if (loss.mining() == GroupLoss.Mining.CONTRASTIVE) {
            contrastive(sd, distance, positive, negative, loss.temperature(), name);
        } else {
            SDVariable anchors = sd.placeHolder(VALID_ANCHORS, dataType, -1);
            // distances are >= 0, so a non-positive pair at -1 is never the farthest positive
            SDVariable farthest = distance.mul(positive).sub(positive.rsub(1.0)).max(1);
            SDVariable nearest = distance.add(negative.rsub(1.0).mul(NOT_A_NEGATIVE)).min(1);
            SDVariable t = farthest.sub(nearest).add(margin);
            SDVariable perAnchor = loss.softMargin() ? sd.nn().softplus(t) : sd.nn().relu(t, 0);
            perAnchor.mul(anchors).sum().div(name, anchors.sum().add(COUNT_EPSILON));
        }
        if (loss.hasTeacher()) {
            sd.getVariable(TRIPLET_TERM).add(LOSS, distillation(sd, distance, dataType).mul(loss.teacherWeight()));
        }
    }

    /**
     * The supervised contrastive loss ({@link GroupLoss.Mining#CONTRASTIVE}) from the squared distances of unit
     * vectors: their cosine is 1 - d / 2, and the 1 / tau of its constant cancels in the softmax, so the logits are
     * -d / (2 tau). Each anchor's loss is log(its softmax denominator) minus the mean logit of its positives,
     * averaged over the anchors with a positive and a negative. The exponents are at least -2 / tau, so a counted
     * row's sum stays above 0 in float32 down to tau of about 0.03; a row left out (no positive or no negative) gets
     * 1 added to its sum, so that none takes the log of 0 before the mask drops it.
     */
    private static void contrastive(SameDiff sd, SDVariable distance, SDVariable positive, SDVariable negative,
            double temperature, String name) {
        SDVariable logits = distance.mul(-0.5 / temperature);
        SDVariable positives = positive.sum(1); // [N]
        SDVariable hasPositive = sd.math().sign(positives);
        SDVariable valid = hasPositive.mul(sd.math().sign(negative.sum(1)));
        SDVariable denominator = sd.math().exp(logits).mul(positive.add(negative)).sum(1).add(valid.rsub(1.0));
        SDVariable perAnchor = sd.math().log(denominator).mul(positives).sub(logits.mul(positive).sum(1))
                .div(positives.add(hasPositive.rsub(1.0)));
        perAnchor.mul(valid).sum().div(name, valid.sum().add(COUNT_EPSILON));
    }

    /** The [N, N] squared distances of the rows of {@code embedding}. */
    private static SDVariable squaredDistances(SameDiff sd, SDVariable embedding) {
        SDVariable squared = embedding.mul(embedding).sum(true, 1); // [N, 1]
        SDVariable gram = embedding.mmul(sd.transpose(embedding)); // [N, N]
        return squared.add(sd.transpose(squared)).sub(gram.mul(2.0));
    }

    /**
     * Relational distillation, distance-wise (Park et al. 2019): the student's Euclidean distances over their
     * mean on the counted pairs, against the teacher's normalised the same way, by the smooth L1 (Huber, delta 1)
     * averaged over the counted pairs. The mean gets its gradient too, as in the paper. Without counted pairs
     * the term is 0.
     */
    private static SDVariable distillation(SameDiff sd, SDVariable squaredDistance, DataType dataType) {
        SDVariable teacher = sd.placeHolder(TEACHER_DISTANCES, dataType, -1, -1);
        SDVariable pairs = sd.placeHolder(TEACHER_PAIRS, dataType, -1, -1);
        // relu: the diagonal of |a|^2 + |b|^2 - 2ab can round below zero
        SDVariable distance = sd.math().sqrt(sd.nn().relu(squaredDistance, 0).add(DISTANCE_EPSILON));
        SDVariable count = pairs.sum().add(COUNT_EPSILON);
        SDVariable mean = distance.mul(pairs).sum().div(count).add(DISTANCE_EPSILON);
        // times the reciprocal, not div: nd4j 1.0.0-M2.1's gradient of [N, N] / scalar is wrong for the
        // scalar when the scalar depends on the numerator (measured; DistillationTest checks it)
        SDVariable scaled = distance.mul(sd.math().reciprocal(mean));
        SDVariable error = sd.math().abs(scaled.sub(teacher));
        // smooth L1 from relu and abs alone: with over = max(0, |x| - 1) and inner = |x| - over = min(|x|, 1),
        // 0.5 inner^2 + over is 0.5 x^2 below 1 and |x| - 0.5 above
        SDVariable over = sd.nn().relu(error.sub(1.0), 0);
        SDVariable inner = error.sub(over);
        return inner.mul(inner).mul(0.5).add(over).mul(pairs).sum().div(DISTILLATION, count);
    }

    /**
     * A GRU over {@code sequence} [N, T, inputSize] from h0 = 0, returning the last hidden state [N, hidden].
     *
     * <p>Weights, gates in the order z (update), r (reset), h (candidate) along the last axis:
     * {@code w} [inputSize, 3*hidden], {@code u} [hidden, 3*hidden], {@code b} [3*hidden]. Per step:
     * <pre>
     *   z  = sigmoid(x W_z + h U_z + b_z)
     *   r  = sigmoid(x W_r + h U_r + b_r)
     *   h~ = tanh(x W_h + (r * h) U_h + b_h)        (ONNX GRU with linear_before_reset = 0)
     *   h' = (1 - z) * h~ + z * h
     * </pre>
     */
    static SDVariable gruLastHidden(SameDiff sd, SDVariable sequence, int steps, int inputSize, int hidden,
            SDVariable w, SDVariable u, SDVariable b) {
        long h = hidden;
        // the input part of every gate for all steps at once: [N, T, 3H]
        SDVariable xw = sequence.reshape(-1, inputSize).mmul(w).add(b).reshape(-1, steps, 3 * h);
        SDVariable uZr = u.get(SDIndex.all(), SDIndex.interval(0L, 2 * h));
        SDVariable uH = u.get(SDIndex.all(), SDIndex.interval(2 * h, 3 * h));
        // unstack, not get(point(t)): nd4j 1.0.0-M2.1's strided_slice_bp rejects a point index that is past the
        // size of the next axis (it checks the index against the wrong axis)
        SDVariable[] inputs = sd.unstack(xw, 1, steps);
        SDVariable state = null;
        for (int t = 0; t < steps; t++) {
            SDVariable xt = inputs[t];
            SDVariable xz = xt.get(SDIndex.all(), SDIndex.interval(0L, h));
            SDVariable xh = xt.get(SDIndex.all(), SDIndex.interval(2 * h, 3 * h));
            if (state == null) { // h0 = 0: no recurrent terms, r has no effect
                SDVariable z = sd.nn().sigmoid(xz);
                state = z.rsub(1.0).mul(sd.math().tanh(xh));
                continue;
            }
            SDVariable xr = xt.get(SDIndex.all(), SDIndex.interval(h, 2 * h));
            SDVariable hu = state.mmul(uZr);
            SDVariable z = sd.nn().sigmoid(xz.add(hu.get(SDIndex.all(), SDIndex.interval(0L, h))));
            SDVariable r = sd.nn().sigmoid(xr.add(hu.get(SDIndex.all(), SDIndex.interval(h, 2 * h))));
            SDVariable candidate = sd.math().tanh(xh.add(r.mul(state).mmul(uH)));
            state = candidate.add(z.mul(state.sub(candidate))); // (1 - z) * h~ + z * h
        }
        return state;
    }

    private static SDVariable variable(SameDiff sd, String name, Map<String, INDArray> arrays) {
        INDArray array = require(name, arrays);
        SDVariable v = sd.var(name, array);
        shared(sd, name, array);
        return v;
    }

    private static SDVariable constant(SameDiff sd, String name, Map<String, INDArray> arrays) {
        INDArray array = require(name, arrays);
        SDVariable v = sd.constant(name, array);
        shared(sd, name, array);
        return v;
    }

    private static INDArray require(String name, Map<String, INDArray> arrays) {
        INDArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalStateException("model: no array for " + name);
        }
        return array;
    }

    /** The graph must hold the model's array itself, or in-place updates would not reach it. */
    private static void shared(SameDiff sd, String name, INDArray array) {
        if (sd.getArrForVarName(name) != array) {
            throw new IllegalStateException("model: SameDiff copied the array of " + name);
        }
    }
}
