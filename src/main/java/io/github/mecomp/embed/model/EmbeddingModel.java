package io.github.mecomp.embed.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The music-similarity network (see {@link ModelConfig} for its layers): one unit-length vector per song from
 * the song's log-mel windows, trained with a triplet loss and Adam.
 *
 * <p>Input of every call: float [N songs][K' windows][frames][bands], all songs of a call with the same K'
 * (1 &le; K' &le; {@link ModelConfig#sequenceLength()}). The GRU is unrolled, so the model builds one SameDiff
 * graph per K' the first time that K' is used; all graphs share this model's weight arrays.
 *
 * <p>Training batches hold 3B songs: B anchors, then B positives, then B negatives (same K').
 * loss = mean over the B triplets of max(0, |a - p|^2 - |a - n|^2 + margin) on the unit-length embeddings.
 *
 * <p>Deterministic: the weights come from the seed alone, and a step depends only on the weights, the
 * optimiser state and the batch. Not thread-safe: use one model from one thread at a time.
 */
public final class EmbeddingModel implements AutoCloseable {

    /** Name of the graph input: windows [N, K', frames, bands]. */
    public static final String INPUT = ModelGraph.INPUT;
    /** Name of the graph output: unit-length embeddings [N, D]. */
    public static final String OUTPUT = ModelGraph.EMBEDDING;
    /** Added to the squared length before the square root of the final L2 normalisation. */
    public static final double L2_EPSILON = ModelGraph.L2_EPSILON;

    static final String FILE_FORMAT = "mecomp-embed-model";
    static final int FILE_VERSION = 1;
    static final String MODEL_JSON = "model.json";
    /** With weight averaging, the folder of the trained (not averaged) weights of a saved model. */
    static final String TRAINING_DIR = "training";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ModelConfig config;
    private final DataType dataType;
    private final ConvLayout layout;
    private final long seed;
    private final List<String> trainable;
    /** Every named array (normalisation constants and trained weights), shared with the graphs. */
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();
    private final Map<String, INDArray> adamM = new LinkedHashMap<>();
    private final Map<String, INDArray> adamV = new LinkedHashMap<>();
    private final Map<GraphKey, ModelGraph> graphs = new HashMap<>();
    /** The moving average of each trained array, when weight averaging is on; null when off. */
    private Map<String, INDArray> averaged;
    private double averageDecay;
    private long averageUpdates;
    private TrainingHyper hyper = TrainingHyper.DEFAULT;
    private long adamStep;
    private boolean closed;
    private long gcIntervalWindows = DEFAULT_GC_INTERVAL_WINDOWS;
    private long windowsSinceGc;

    /**
     * SameDiff leaves most intermediate arrays of a call for the garbage collector, and their native memory is
     * freed only when it runs; the Java heap stays small, so it rarely does. Measured on the default model
     * (16 triplets x 10 windows a step): without help the process grows to ~2.8 GB RSS; with a collection after
     * every step it stays at ~0.8 GB for ~50 ms a step. A collection every 2,000 window passes (about every
     * 4 training steps, or every 66 songs embedded) keeps memory bounded for a few per cent of the time.
     */
    static final long DEFAULT_GC_INTERVAL_WINDOWS = 2_000;
    /** Spreads the seeds of the dropout masks, seed x this + step, so that two runs' masks do not overlap. */
    private static final long DROPOUT_STREAM = 0x9E3779B97F4A7C15L;

    /** A float32 model with weights drawn from {@code seed}. */
    public EmbeddingModel(ModelConfig config, long seed) {
        this(config, seed, DataType.FLOAT);
    }

    /**
     * A model computing in {@code dataType} (FLOAT for use; DOUBLE for gradient checks) with weights drawn from
     * {@code seed}: He-uniform convolution kernels, Glorot-uniform GRU and projection matrices (per gate), zero
     * biases; input mean 0 and std 1 until {@link #setInputNormalisation} is called.
     */
    public EmbeddingModel(ModelConfig config, long seed, DataType dataType) {
        this(config, seed, dataType, ConvLayout.DEFAULT);
    }

    EmbeddingModel(ModelConfig config, long seed, DataType dataType, ConvLayout layout) {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("model: data type must be FLOAT or DOUBLE, got " + dataType);
        }
        this.config = config;
        this.dataType = dataType;
        this.layout = layout;
        this.seed = seed;
        this.trainable = WeightNames.trainable(config);
        int bands = config.inputBands();
        arrays.put(WeightNames.INPUT_MEAN, Nd4j.zeros(dataType, bands));
        arrays.put(WeightNames.INPUT_STD, Nd4j.ones(dataType, bands));
        Random random = new Random(seed);
        int h = config.gruHidden();
        int c = config.windowFeatureSize();
        for (String name : trainable) {
            long[] shape = WeightNames.shape(config, name);
            double[] values = new double[Math.toIntExact(length(shape))];
            if (name.endsWith("_w") && name.startsWith("conv")) {
                double fanIn = (double) shape[0] * shape[1] * shape[2];
                fillUniform(values, Math.sqrt(6.0 / fanIn), random);
            } else if (name.equals(WeightNames.GRU_W)) {
                fillUniform(values, Math.sqrt(6.0 / (c + h)), random);
            } else if (name.equals(WeightNames.GRU_U)) {
                fillUniform(values, Math.sqrt(6.0 / (h + h)), random);
            } else if (name.equals(WeightNames.PROJ_W)) {
                fillUniform(values, Math.sqrt(6.0 / (config.songVectorSize() + config.embeddingSize())), random);
            } // biases stay 0
            arrays.put(name, create(values, shape));
            adamM.put(name, Nd4j.zeros(dataType, shape));
            adamV.put(name, Nd4j.zeros(dataType, shape));
        }
    }

    public ModelConfig config() {
        return config;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The seed the initial weights were drawn from. */
    public long seed() {
        return seed;
    }

    public TrainingHyper hyper() {
        return hyper;
    }

    public void setHyper(TrainingHyper hyper) {
        this.hyper = java.util.Objects.requireNonNull(hyper, "hyper");
    }

    /** Sets the Adam step size used from the next {@link #trainStep} on (for a schedule). */
    public void setLearningRate(double learningRate) {
        this.hyper = hyper.withLearningRate(learningRate);
    }

    /**
     * Runs the Java garbage collector (which frees native arrays SameDiff left behind) after every
     * {@code windows} window passes (a window in a training step counts 3 times: forward, backward, update);
     * 0 never does. Default {@value #DEFAULT_GC_INTERVAL_WINDOWS}.
     */
    public void setGcIntervalWindows(long windows) {
        if (windows < 0) {
            throw new IllegalArgumentException("model: GC interval must be >= 0 windows, got " + windows);
        }
        this.gcIntervalWindows = windows;
    }

    private void countWindows(INDArray input, int passes) {
        windowsSinceGc += input.size(0) * input.size(1) * passes;
        if (gcIntervalWindows > 0 && windowsSinceGc >= gcIntervalWindows) {
            windowsSinceGc = 0;
            NativeMemory.collect();
        }
    }

    /**
     * Forgets the optimiser's state (Adam's moments and step count) and keeps the weights: fine-tuning on
     * other data starts its own optimisation, with bias correction and warm-up as for a fresh run, instead of
     * stepping along moments that belong to the earlier loss.
     */
    public void resetOptimiser() {
        open();
        adamM.values().forEach(m -> m.assign(0));
        adamV.values().forEach(v -> v.assign(0));
        adamStep = 0;
    }

    /**
     * Keeps an exponential moving average of the trained weights from now on, updated after every Adam step:
     * {@code avg = d * avg + (1 - d) * w} with {@code d = min(decay, (1 + t) / (10 + t))} at the t-th update
     * (TensorFlow's warm-up of the decay, so that the first steps' weights do not linger; it reaches 0.999 only at
     * t = 8,990, so a run of a few thousand steps averages with the warm-up alone, its weights' mean age about a
     * tenth of the steps taken). The average starts at the current weights; 0 turns averaging off. The average is
     * what {@link #save} stores as the weights to use; {@link #swapAveragedWeights()} puts it in place for
     * evaluation.
     */
    public void setWeightAverage(double decay) {
        open();
        if (!(decay == 0 || (decay > 0 && decay < 1))) {
            throw new IllegalArgumentException("model: the weight-average decay must be 0 (off) or in (0, 1), got "
                    + decay);
        }
        if (decay == 0) {
            if (averaged != null) {
                averaged.values().forEach(EmbeddingModel::release);
            }
            averaged = null;
            averageUpdates = 0;
        } else if (averaged == null) {
            averaged = new LinkedHashMap<>();
            trainable.forEach(name -> averaged.put(name, arrays.get(name).dup()));
            averageUpdates = 0;
        }
        averageDecay = decay;
    }

    /** The decay of the weight average; 0 when there is none. */
    public double weightAverage() {
        return averaged == null ? 0 : averageDecay;
    }

    /** Copies of the averaged trained arrays, by name (tests). */
    Map<String, INDArray> averagedWeights() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (averaged != null) {
            averaged.forEach((name, a) -> out.put(name, a.dup()));
        }
        return out;
    }

    /**
     * Exchanges the trained weights with their average (a second call exchanges them back, bit for bit), so that
     * validation can run on the average between training steps.
     *
     * @throws IllegalStateException without weight averaging
     */
    public void swapAveragedWeights() {
        open();
        if (averaged == null) {
            throw new IllegalStateException("model: no weight average to swap in; call setWeightAverage first");
        }
        for (String name : trainable) {
            INDArray w = arrays.get(name);
            INDArray a = averaged.get(name);
            INDArray tmp = w.dup();
            w.assign(a);
            a.assign(tmp);
            release(tmp);
        }
    }

    private void updateAverage() {
        if (averaged == null) {
            return;
        }
        averageUpdates++;
        double d = Math.min(averageDecay, (1.0 + averageUpdates) / (10.0 + averageUpdates));
        for (String name : trainable) {
            INDArray step = arrays.get(name).mul(1 - d);
            averaged.get(name).muli(d).addi(step);
            release(step);
        }
    }

    /** Adam steps taken so far (also after {@link #load}). */
    public long adamStep() {
        return adamStep;
    }

    /** Names of the trained arrays, in a fixed order. */
    public List<String> trainableNames() {
        return trainable;
    }

    /**
     * Sets the fixed per-band normalisation: the network sees {@code (x - mean[band]) / std[band]}.
     * Computed by the trainer from training data; saved with the model.
     */
    public void setInputNormalisation(float[] mean, float[] std) {
        open();
        int bands = config.inputBands();
        if (mean.length != bands || std.length != bands) {
            throw new IllegalArgumentException("model: normalisation needs " + bands + " means and stds, got "
                    + mean.length + " and " + std.length);
        }
        for (int i = 0; i < bands; i++) {
            if (!Float.isFinite(mean[i]) || !(std[i] > 0) || !Float.isFinite(std[i])) {
                throw new IllegalArgumentException("model: band " + i + " has mean " + mean[i] + " and std " + std[i]
                        + "; the mean must be finite and the std finite and > 0");
            }
        }
        assignFloats(arrays.get(WeightNames.INPUT_MEAN), mean);
        assignFloats(arrays.get(WeightNames.INPUT_STD), std);
    }

    public float[] inputMean() {
        return arrays.get(WeightNames.INPUT_MEAN).toFloatVector();
    }

    public float[] inputStd() {
        return arrays.get(WeightNames.INPUT_STD).toFloatVector();
    }

    /**
     * Copies of every named array, normalisation constants first, then the trained arrays in
     * {@link #trainableNames()} order; names and layouts as in {@link WeightNames}. For the ONNX exporter.
     */
    public Map<String, INDArray> weights() {
        open();
        Map<String, INDArray> out = new LinkedHashMap<>();
        arrays.forEach((name, array) -> out.put(name, array.dup()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Sets the trained array {@code name} to {@code values} in its {@link WeightNames} layout, row-major: for
     * reading an exported model back ({@code OnnxModelImport}).
     *
     * @throws IllegalArgumentException if there is no such trained array or the count of values is not its size
     */
    public void assignWeight(String name, float[] values) {
        open();
        if (!trainable.contains(name)) {
            throw new IllegalArgumentException("model: no trained array named " + name + "; the names are "
                    + trainable);
        }
        INDArray target = arrays.get(name);
        if (values.length != target.length()) {
            throw new IllegalArgumentException("model: " + name + " holds " + target.length() + " values "
                    + Arrays.toString(target.shape()) + ", got " + values.length);
        }
        assignFloats(target, values);
    }

    /**
     * Draws every bias (convolutions, GRU, projection) uniformly from [-scale, scale] with {@code seed}. A freshly
     * initialised model has zero biases, which would hide a bias put in the wrong place from the export parity
     * checks and the golden fixtures; those use this, training never does.
     */
    public void randomiseBiases(double scale, long seed) {
        open();
        Random random = new Random(seed);
        for (String name : trainable) {
            if (isBias(name)) {
                INDArray a = arrays.get(name);
                double[] values = new double[Math.toIntExact(a.length())];
                fillUniform(values, scale, random);
                INDArray source = create(values, a.shape());
                a.assign(source);
                release(source);
            }
        }
    }

    /** The live array of {@code name} (tests perturb it in place). */
    INDArray array(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("model: no array named " + name);
        }
        return a;
    }

    /** Unit-length embeddings [N][D] of N songs that all have the same number K' (1..K) of windows. */
    public float[][] embed(float[][][][] songs) {
        INDArray input = toInput(songs, false);
        try {
            return embed(input);
        } finally {
            release(input);
        }
    }

    /** As {@link #embed(float[][][][])}, from an array [N, K', frames, bands] of the model's data type. */
    public float[][] embed(INDArray songs) {
        ModelGraph graph = graphFor(songs, false);
        INDArray out = graph.sd.output(Map.of(INPUT, songs), OUTPUT).get(OUTPUT);
        try {
            return out.toFloatMatrix();
        } finally {
            release(out);
            countWindows(songs, 1);
        }
    }

    /**
     * The embedding of one whole song [window][frame][band]: a song of more than K windows is sampled with
     * {@link WindowSelection}; a shorter one is used whole.
     */
    public float[] embedSong(float[][][] windows) {
        if (windows.length == 0) {
            throw new IllegalArgumentException("model: a song needs at least one window");
        }
        return embed(new float[][][][] {WindowSelection.select(windows, config.sequenceLength())})[0];
    }

    /**
     * One Adam step on a batch of 3B songs (anchors, positives, negatives; same K'). Returns the loss of the
     * batch before the step.
     */
    public double trainStep(float[][][][] batch) {
        INDArray input = toInput(batch, true);
        try {
            return trainStep(input);
        } finally {
            release(input);
        }
    }

    /** As {@link #trainStep(float[][][][])}, from an array [3B, K', frames, bands] of the model's data type. */
    public double trainStep(INDArray batch) {
        return trainStep(batch, null);
    }

    /**
     * One Adam step on a batch of N labelled songs [N, K', frames, bands] with a {@link GroupLoss} over every
     * triplet the masks allow. Returns the loss of the batch before the step.
     */
    public double trainStep(INDArray batch, PairMasks masks, GroupLoss loss) {
        return trainStep(batch, new LossInput(loss, masks, null));
    }

    /** As {@link #trainStep(INDArray, PairMasks, GroupLoss)}, for a loss with a teacher term. */
    public double trainStep(INDArray batch, PairMasks masks, GroupLoss loss, TeacherPairs teacher) {
        return trainStep(batch, new LossInput(loss, masks, teacher));
    }

    private double trainStep(INDArray batch, LossInput group) {
        OutAndGrad result = lossAndGradients(batch, group);
        try {
            INDArray lossArray = result.getOutputs().get(ModelGraph.LOSS);
            double loss = lossArray.getDouble(0);
            adamUpdate(result.getGradients());
            updateAverage();
            return loss;
        } finally {
            result.getOutputs().values().forEach(EmbeddingModel::release);
            result.getGradients().values().forEach(EmbeddingModel::release);
            countWindows(batch, 3);
        }
    }

    /**
     * As {@link #trainStep(INDArray)}, the triplet loss plus {@code teacherWeight} times the distillation term
     * over all 3B rows of the batch.
     */
    public double trainStep(INDArray batch, TeacherPairs teacher, double teacherWeight) {
        return trainStep(batch, new LossInput(null, null, teacher, teacherWeight));
    }

    /** The triplet loss plus the weighted distillation term over all 3B rows, without changing anything. */
    public double loss(float[][][][] batch, TeacherPairs teacher, double teacherWeight) {
        return groupOutput(batch, new LossInput(null, null, teacher, teacherWeight), ModelGraph.LOSS);
    }

    /** The distillation term over all 3B rows of a triplet batch, before its weight. */
    public double distillation(float[][][][] batch, TeacherPairs teacher, double teacherWeight) {
        return groupOutput(batch, new LossInput(null, null, teacher, teacherWeight), ModelGraph.DISTILLATION);
    }

    /** Gradients of {@link #loss(float[][][][], TeacherPairs, double)}, as {@link #gradients(float[][][][])}. */
    public Map<String, INDArray> gradients(float[][][][] batch, TeacherPairs teacher, double teacherWeight) {
        return gradients(batch, new LossInput(null, null, teacher, teacherWeight));
    }

    /** The triplet loss of a batch (as for {@link #trainStep}), without changing anything. */
    public double loss(float[][][][] batch) {
        INDArray input = toInput(batch, true);
        try {
            return loss(input);
        } finally {
            release(input);
        }
    }

    public double loss(INDArray batch) {
        return scalarOutputs(batch, ModelGraph.LOSS, null).getDouble(0);
    }

    /** The {@link GroupLoss} of a batch of labelled songs, without changing anything. */
    public double loss(float[][][][] batch, PairMasks masks, GroupLoss loss) {
        return groupOutput(batch, new LossInput(loss, masks, null), ModelGraph.LOSS);
    }

    /** As {@link #loss(float[][][][], PairMasks, GroupLoss)}, for a loss with a teacher term. */
    public double loss(float[][][][] batch, PairMasks masks, GroupLoss loss, TeacherPairs teacher) {
        return groupOutput(batch, new LossInput(loss, masks, teacher), ModelGraph.LOSS);
    }

    /** The distillation term of a loss with a teacher, before its weight, without changing anything. */
    public double distillation(float[][][][] batch, PairMasks masks, GroupLoss loss, TeacherPairs teacher) {
        return groupOutput(batch, new LossInput(loss, masks, teacher), ModelGraph.DISTILLATION);
    }

    private double groupOutput(float[][][][] batch, LossInput group, String output) {
        INDArray input = toInput(batch, group.triplets());
        try {
            INDArray out = scalarOutputs(input, output, group);
            double value = out.getDouble(0);
            release(out);
            return value;
        } finally {
            release(input);
        }
    }

    /** Per triplet, {@code |a-p|^2 - |a-n|^2 + margin} before the max(0, .). */
    double[] hinges(float[][][][] batch) {
        INDArray input = toInput(batch, true);
        try {
            INDArray out = scalarOutputs(input, ModelGraph.HINGE, null);
            double[] values = out.toDoubleVector();
            release(out);
            return values;
        } finally {
            release(input);
        }
    }

    /**
     * Gradients of the triplet loss of a batch with respect to every trained array (copies, keyed by the names
     * of {@link #trainableNames()}), without changing anything.
     */
    public Map<String, INDArray> gradients(float[][][][] batch) {
        return gradients(batch, null);
    }

    /** As {@link #gradients(float[][][][])}, of the {@link GroupLoss} of a batch of labelled songs. */
    public Map<String, INDArray> gradients(float[][][][] batch, PairMasks masks, GroupLoss loss) {
        return gradients(batch, new LossInput(loss, masks, null));
    }

    /** As {@link #gradients(float[][][][], PairMasks, GroupLoss)}, for a loss with a teacher term. */
    public Map<String, INDArray> gradients(float[][][][] batch, PairMasks masks, GroupLoss loss,
                                           TeacherPairs teacher) {
        return gradients(batch, new LossInput(loss, masks, teacher));
    }

    private Map<String, INDArray> gradients(float[][][][] batch, LossInput group) {
        INDArray input = toInput(batch, group == null || group.triplets());
        try {
            OutAndGrad result = lossAndGradients(input, group);
            Map<String, INDArray> out = new LinkedHashMap<>();
            for (String name : trainable) {
                out.put(name, result.getGradients().get(name).dup());
            }
            result.getOutputs().values().forEach(EmbeddingModel::release);
            result.getGradients().values().forEach(EmbeddingModel::release);
            countWindows(input, 2);
            return out;
        } finally {
            release(input);
        }
    }

    private OutAndGrad lossAndGradients(INDArray batch, LossInput group) {
        ModelGraph graph = graphFor(batch, group);
        Map<String, INDArray> placeholders = placeholders(batch, group);
        OutAndGrad result = QuietStdout.call(() ->
                graph.sd.calculateGradientsAndOutputs(placeholders, List.of(ModelGraph.LOSS), trainable));
        releasePlaceholders(placeholders, batch);
        Map<String, INDArray> gradients = new HashMap<>(result.getGradients());
        for (String name : trainable) {
            // a weight the loss does not reach gets no gradient (gru_U when K' = 1): its gradient is zero
            gradients.computeIfAbsent(name, n -> Nd4j.zeros(dataType, arrays.get(n).shape()));
        }
        return new OutAndGrad(result.getOutputs(), gradients);
    }

    private INDArray scalarOutputs(INDArray batch, String output, LossInput group) {
        ModelGraph graph = graphFor(batch, group);
        Map<String, INDArray> placeholders = placeholders(batch, group);
        INDArray out = graph.sd.output(placeholders, output).get(output);
        releasePlaceholders(placeholders, batch);
        countWindows(batch, 1);
        return out;
    }

    private Map<String, INDArray> placeholders(INDArray batch, LossInput group) {
        Map<String, INDArray> out = new HashMap<>();
        out.put(INPUT, batch);
        out.put(ModelGraph.MARGIN, Nd4j.scalar(dataType, hyper.margin()));
        if (group != null && !group.triplets()) {
            PairMasks m = group.masks();
            if (m.n() != batch.size(0)) {
                throw new IllegalArgumentException("model: pair masks are for " + m.n() + " songs, the batch has "
                        + batch.size(0));
            }
            out.put(ModelGraph.POSITIVE_PAIRS, mask(m.positive(), m.n(), m.n()));
            out.put(ModelGraph.NEGATIVE_PAIRS, mask(m.negative(), m.n(), m.n()));
            if (group.loss().mining() == GroupLoss.Mining.HARD) {
                out.put(ModelGraph.VALID_ANCHORS, mask(m.validAnchors(), m.n()));
            }
        }
        if (hyper.dropout() > 0) {
            out.put(ModelGraph.DROPOUT_MASK, create(dropoutMask((int) batch.size(0)),
                    new long[] {batch.size(0), config.songVectorSize()}));
        }
        TeacherPairs t = group == null ? null : group.teacher();
        if (t != null) {
            if (t.n() != batch.size(0)) {
                throw new IllegalArgumentException("model: teacher pairs are for " + t.n() + " songs, the batch has "
                        + batch.size(0));
            }
            double[] d = new double[t.distances().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = t.distances()[i];
            }
            out.put(ModelGraph.TEACHER_DISTANCES, create(d, new long[] {t.n(), t.n()}));
            out.put(ModelGraph.TEACHER_PAIRS, mask(t.counted(), t.n(), t.n()));
        }
        return out;
    }

    /**
     * The dropout mask of the next step for {@code songs} rows, row-major [songs, song vector size]: each value 0 with
     * probability {@link TrainingHyper#dropout()}, else 1 / (1 - dropout). Drawn from the seed and the step count, so
     * that the loss and its gradients before a step see the same mask, every step a new one, and a resumed run the
     * masks of the uninterrupted one.
     */
    double[] dropoutMask(int songs) {
        double share = hyper.dropout();
        double kept = 1 / (1 - share);
        SplittableRandom random = new SplittableRandom(seed * DROPOUT_STREAM + adamStep);
        double[] mask = new double[songs * config.songVectorSize()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < share ? 0 : kept;
        }
        return mask;
    }

    private INDArray mask(boolean[] values, long... shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i] ? 1 : 0;
        }
        return create(d, shape);
    }

    /** Frees the placeholders made for a call; the batch is the caller's. */
    private static void releasePlaceholders(Map<String, INDArray> placeholders, INDArray batch) {
        placeholders.values().stream().filter(a -> a != batch).forEach(EmbeddingModel::release);
    }

    /**
     * Adam (Kingma and Ba), with bias correction: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
     * w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps); with a weight decay d, a weight (not a bias) is
     * first scaled by 1 - lr d, decoupled from the gradient as in AdamW, so that the decay is not divided by Adam's
     * second moment (which would shrink rarely-updated weights most).
     */
    private void adamUpdate(Map<String, INDArray> gradients) {
        adamStep++;
        double b1 = hyper.beta1();
        double b2 = hyper.beta2();
        double correction1 = 1 - Math.pow(b1, adamStep);
        double correction2 = 1 - Math.pow(b2, adamStep);
        for (String name : trainable) {
            INDArray g = gradients.get(name);
            INDArray m = adamM.get(name);
            INDArray v = adamV.get(name);
            INDArray w = arrays.get(name);
            INDArray tmp = g.mul(1 - b1);
            m.muli(b1).addi(tmp);
            tmp.assign(g).muli(g).muli(1 - b2);
            v.muli(b2).addi(tmp);
            tmp.assign(v).divi(correction2);
            Transforms.sqrt(tmp, false).addi(hyper.epsilon());
            INDArray step = m.div(tmp).muli(hyper.learningRate() / correction1);
            if (hyper.weightDecay() > 0 && !isBias(name)) {
                w.muli(1 - hyper.learningRate() * hyper.weightDecay());
            }
            w.subi(step);
            release(step);
            release(tmp);
        }
    }

    /** Whether a trained array is a bias (convolution, GRU, projection): {@link WeightNames} ends their names in _b. */
    private static boolean isBias(String name) {
        return name.endsWith("_b");
    }

    /** Writes weights, normalisation, config, training settings and Adam state to {@code dir}, atomically. */
    public void save(Path dir) throws IOException {
        open();
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !(Files.isDirectory(target) && Files.exists(target.resolve(MODEL_JSON)))) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "exists and is not a saved model; not replacing it");
        }
        try {
            saveTo(target);
        } catch (IOException e) {
            // A stream's error ("No space left on device") names no file: say which model could not be saved.
            throw io.github.mecomp.embed.io.OutputWriteException.of(target, e);
        }
    }

    private void saveTo(Path target) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        String base = target.getFileName().toString();
        Path tmp = Files.createTempDirectory(parent, "." + base + ".tmp-");
        boolean swapped = false;
        try {
            if (averaged != null) {
                // weights/ holds the weights to use (the average), training/ the trained ones to resume from
                swapAveragedWeights();
                swapped = true;
                Files.createDirectories(tmp.resolve(TRAINING_DIR));
                for (String name : trainable) {
                    NpyIO.write(tmp.resolve(TRAINING_DIR + "/" + name + ".npy"), averaged.get(name));
                }
            }
            Files.createDirectories(tmp.resolve("weights"));
            Files.createDirectories(tmp.resolve("adam"));
            List<ModelFile.ArrayFile> files = new ArrayList<>();
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                String file = "weights/" + e.getKey() + ".npy";
                NpyIO.write(tmp.resolve(file), e.getValue());
                files.add(new ModelFile.ArrayFile(e.getKey(), shapeList(e.getValue().shape()), file));
            }
            for (String name : trainable) {
                NpyIO.write(tmp.resolve("adam/" + name + ".m.npy"), adamM.get(name));
                NpyIO.write(tmp.resolve("adam/" + name + ".v.npy"), adamV.get(name));
            }
            ModelFile meta = new ModelFile(FILE_FORMAT, FILE_VERSION, dataType.name(), seed, adamStep, config, hyper,
                    files, averaged == null ? null : new ModelFile.Average(averageDecay, averageUpdates));
            JSON.writeValue(tmp.resolve(MODEL_JSON).toFile(), meta);
            syncTree(tmp);
            if (Files.exists(target)) {
                Path old = parent.resolve("." + base + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            try {
                deleteTree(tmp);
            } catch (UncheckedIOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        } finally {
            if (swapped) {
                swapAveragedWeights();
            }
        }
    }

    /**
     * Reads a model written by {@link #save}: the weights to use (with weight averaging, the average), the
     * normalisation, settings and Adam state; without the average's bookkeeping.
     */
    public static EmbeddingModel load(Path dir) throws IOException {
        return load(dir, false);
    }

    /**
     * As {@link #load(Path)}, and, for a model saved with weight averaging, the trained weights and the average
     * as they were: a training run resumed from here goes on exactly as it would have.
     */
    public static EmbeddingModel loadToResume(Path dir) throws IOException {
        return load(dir, true);
    }

    private static EmbeddingModel load(Path dir, boolean toResume) throws IOException {
        Path json = dir.resolve(MODEL_JSON);
        if (!Files.exists(json)) {
            throw new NoSuchFileException(json.toString(), null, "not a saved model");
        }
        ModelFile meta = JSON.readValue(json.toFile(), ModelFile.class);
        if (!FILE_FORMAT.equals(meta.format()) || meta.version() != FILE_VERSION) {
            throw new IOException("model: " + json + " is " + meta.format() + " version " + meta.version()
                    + ", expected " + FILE_FORMAT + " version " + FILE_VERSION);
        }
        DataType type = DataType.valueOf(meta.dataType());
        EmbeddingModel model = new EmbeddingModel(meta.config(), meta.seed(), type);
        try {
            Map<String, String> files = new HashMap<>();
            meta.arrays().forEach(a -> files.put(a.name(), a.file()));
            for (String name : WeightNames.all(meta.config())) {
                String file = files.get(name);
                if (file == null) {
                    throw new IOException("model: " + json + " lists no file for " + name);
                }
                Path path = dir.resolve(file).normalize();
                if (!path.startsWith(dir.normalize())) {
                    throw new IOException("model: " + json + " points " + name + " outside its folder: " + file);
                }
                model.readInto(path, model.arrays.get(name), name);
            }
            for (String name : model.trainable) {
                model.readInto(dir.resolve("adam/" + name + ".m.npy"), model.adamM.get(name), name + " (Adam m)");
                model.readInto(dir.resolve("adam/" + name + ".v.npy"), model.adamV.get(name), name + " (Adam v)");
            }
            model.hyper = meta.hyper();
            model.adamStep = meta.adamStep();
            if (toResume && meta.average() != null) {
                model.setWeightAverage(meta.average().decay()); // starts as the loaded weights: the average
                model.averageUpdates = meta.average().updates();
                for (String name : model.trainable) {
                    model.readInto(dir.resolve(TRAINING_DIR + "/" + name + ".npy"), model.arrays.get(name),
                            name + " (trained, before averaging)");
                }
            }
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private void readInto(Path file, INDArray target, String what) throws IOException {
        INDArray read = NpyIO.read(file);
        try {
            if (!Arrays.equals(read.shape(), target.shape()) || read.dataType() != target.dataType()) {
                throw new IOException("model: " + file + " holds " + what + " as " + read.dataType() + " "
                        + Arrays.toString(read.shape()) + ", expected " + target.dataType() + " "
                        + Arrays.toString(target.shape()));
            }
            target.assign(read);
        } finally {
            release(read);
        }
    }

    /** Frees the native arrays; the model cannot be used afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        graphs.clear();
        Stream.of(arrays, adamM, adamV).forEach(map -> map.values().forEach(EmbeddingModel::release));
        if (averaged != null) {
            averaged.values().forEach(EmbeddingModel::release);
        }
    }

    /** The triplet-loss graph when {@code triplets}, else the embedding graph. */
    private ModelGraph graphFor(INDArray input, boolean triplets) {
        return graphFor(input, triplets, null, 0, false);
    }

    /** The graph of a loss: the triplet loss over anchor, positive and negative rows, or a group loss. */
    private ModelGraph graphFor(INDArray input, LossInput group) {
        return graphFor(input, group == null || group.triplets(), group == null ? null : group.loss(),
                group == null ? 0 : group.tripletTeacherWeight(), hyper.dropout() > 0);
    }

    /**
     * The graph for K' = the input's second dimension (and the group loss, if any), built the first time it is
     * needed.
     */
    private ModelGraph graphFor(INDArray input, boolean triplets, GroupLoss groupLoss, double tripletTeacherWeight,
            boolean dropout) {
        open();
        long[] shape = input.shape();
        if (shape.length != 4 || shape[2] != config.inputFrames() || shape[3] != config.inputBands()) {
            throw new IllegalArgumentException("model: input must be [N, K', " + config.inputFrames() + ", "
                    + config.inputBands() + "], got " + Arrays.toString(shape));
        }
        if (input.dataType() != dataType) {
            throw new IllegalArgumentException("model: input is " + input.dataType() + ", the model computes in "
                    + dataType);
        }
        checkCounts(shape[0], shape[1], triplets);
        int k = (int) shape[1];
        return graphs.computeIfAbsent(new GraphKey(k, groupLoss, tripletTeacherWeight, dropout),
                key -> ModelGraph.build(config, key.windows(), dataType, layout, arrays, key.groupLoss(),
                        key.tripletTeacherWeight(), key.dropout()));
    }

    private void checkCounts(long songs, long windows, boolean triplets) {
        if (songs < 1) {
            throw new IllegalArgumentException("model: no songs given");
        }
        if (triplets && songs % 3 != 0) {
            throw new IllegalArgumentException("model: a triplet batch needs 3B songs (anchors, positives, "
                    + "negatives), got " + songs);
        }
        if (windows < 1 || windows > config.sequenceLength()) {
            throw new IllegalArgumentException("model: songs must have 1.." + config.sequenceLength()
                    + " windows (use WindowSelection for longer songs), got " + windows);
        }
    }

    /** [N][K'][frames][bands] as an array of the model's data type, checking every dimension. */
    INDArray toInput(float[][][][] songs, boolean triplets) {
        int n = songs.length;
        int k = n == 0 ? 0 : songs[0].length;
        checkCounts(n, k, triplets);
        int frames = config.inputFrames();
        int bands = config.inputBands();
        int per = frames * bands;
        long total = (long) n * k * per;
        float[] floats = dataType == DataType.FLOAT ? new float[Math.toIntExact(total)] : null;
        double[] doubles = dataType == DataType.DOUBLE ? new double[Math.toIntExact(total)] : null;
        int pos = 0;
        for (int s = 0; s < n; s++) {
            if (songs[s].length != k) {
                throw new IllegalArgumentException("model: all songs of a call must have the same number of "
                        + "windows; song 0 has " + k + ", song " + s + " has " + songs[s].length);
            }
            for (int w = 0; w < k; w++) {
                float[][] window = songs[s][w];
                if (window.length != frames) {
                    throw new IllegalArgumentException("model: song " + s + " window " + w + " has " + window.length
                            + " frames, the model takes " + frames);
                }
                for (float[] frame : window) {
                    if (frame.length != bands) {
                        throw new IllegalArgumentException("model: song " + s + " window " + w + " has a frame of "
                                + frame.length + " bands, the model takes " + bands);
                    }
                    if (floats != null) {
                        System.arraycopy(frame, 0, floats, pos, bands);
                    } else {
                        for (int b = 0; b < bands; b++) {
                            doubles[pos + b] = frame[b];
                        }
                    }
                    pos += bands;
                }
            }
        }
        long[] shape = {n, k, frames, bands};
        return floats != null ? Nd4j.create(floats, shape, 'c') : Nd4j.create(doubles, shape, 'c');
    }

    /**
     * One graph per sequence length and loss; groupLoss null for the triplet loss (or none at all); dropout for a
     * loss graph whose song vectors take a {@link ModelGraph#DROPOUT_MASK}.
     */
    private record GraphKey(int windows, GroupLoss groupLoss, double tripletTeacherWeight, boolean dropout) {
    }

    /**
     * What a loss call adds to the batch: a group loss with its masks (loss null: the triplet loss over anchor,
     * positive and negative rows), and the teacher's pairs when the loss has a distillation term.
     */
    private record LossInput(GroupLoss loss, PairMasks masks, TeacherPairs teacher, double tripletTeacherWeight) {
        LossInput(GroupLoss loss, PairMasks masks, TeacherPairs teacher) {
            this(java.util.Objects.requireNonNull(loss, "loss"), java.util.Objects.requireNonNull(masks, "masks"),
                    teacher, 0);
        }

        LossInput {
            boolean weighted = loss == null ? tripletTeacherWeight > 0 : loss.hasTeacher();
            if (loss == null && !(tripletTeacherWeight > 0 && Double.isFinite(tripletTeacherWeight))) {
                throw new IllegalArgumentException("model: a teacher weight must be finite and > 0, got "
                        + tripletTeacherWeight);
            }
            if (weighted != (teacher != null)) {
                throw new IllegalArgumentException(weighted
                        ? "model: the loss " + loss + " needs the teacher's pairs of the batch"
                        : "model: teacher pairs given, but the loss " + loss + " has no teacher weight");
            }
            if (teacher != null && masks != null && teacher.n() != masks.n()) {
                throw new IllegalArgumentException("model: teacher pairs are for " + teacher.n()
                        + " songs, the pair masks for " + masks.n());
            }
        }

        boolean triplets() {
            return loss == null;
        }
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("model: already closed");
        }
    }

    private INDArray create(double[] values, long[] shape) {
        if (dataType == DataType.DOUBLE) {
            return Nd4j.create(values, shape, 'c');
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Nd4j.create(f, shape, 'c');
    }

    private void assignFloats(INDArray target, float[] values) {
        INDArray source = Nd4j.create(values, target.shape(), 'c');
        INDArray cast = source.castTo(dataType);
        target.assign(cast);
        release(cast);
        release(source);
    }

    private static void fillUniform(double[] values, double limit, Random random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = limit * (2 * random.nextDouble() - 1);
        }
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static List<Long> shapeList(long[] shape) {
        List<Long> out = new ArrayList<>();
        for (long d : shape) {
            out.add(d);
        }
        return out;
    }

    static void release(INDArray array) {
        if (array != null && !array.wasClosed() && array.closeable()) {
            array.close();
        }
    }

    private static void syncTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("model: could not delete " + root, e);
        }
    }
}
