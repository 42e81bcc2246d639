package io.github.mecomp.embed.train;

import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.GroupLoss;
import io.github.mecomp.embed.model.ModelConfig;
import io.github.mecomp.embed.model.TrainingHyper;
import io.github.mecomp.embed.model.WindowSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SameDiff {@link EmbeddingModel} as the trainer sees it. */
public final class SameDiffTrainee implements Trainee {

    private static final int EMBED_BATCH = 64;

    private final EmbeddingModel model;

    public SameDiffTrainee(EmbeddingModel model) {
        this.model = model;
    }

    public EmbeddingModel model() {
        return model;
    }

    @Override
    public double trainStep(TrainingBatch batch, double learningRate) {
        model.setLearningRate(learningRate);
        INDArray input = Nd4j.create(batch.data(), batch.shape(), 'c');
        try {
            return model.trainStep(input);
        } finally {
            input.close();
        }
    }

    @Override
    public double trainStep(TrainingBatch batch, io.github.mecomp.embed.model.TeacherPairs teacher,
                            double teacherWeight, double learningRate) {
        model.setLearningRate(learningRate);
        INDArray input = Nd4j.create(batch.data(), batch.shape(), 'c');
        try {
            return model.trainStep(input, teacher, teacherWeight);
        } finally {
            input.close();
        }
    }

    @Override
    public double trainStep(GroupBatch batch, GroupLoss loss, double learningRate) {
        model.setLearningRate(learningRate);
        INDArray input = Nd4j.create(batch.data(), batch.shape(), 'c');
        try {
            return model.trainStep(input, batch.masks(), loss);
        } finally {
            input.close();
        }
    }

    @Override
    public double trainStep(GroupBatch batch, GroupLoss loss, io.github.mecomp.embed.model.TeacherPairs teacher,
                            double learningRate) {
        if (teacher == null) {
            return trainStep(batch, loss, learningRate);
        }
        model.setLearningRate(learningRate);
        INDArray input = Nd4j.create(batch.data(), batch.shape(), 'c');
        try {
            return model.trainStep(input, batch.masks(), loss, teacher);
        } finally {
            input.close();
        }
    }

    /** Validation on the weight average, when the model keeps one. */
    @Override
    public <T> T withAveragedWeights(java.util.function.Supplier<T> work) {
        if (model.weightAverage() == 0) {
            return work.get();
        }
        model.swapAveragedWeights();
        try {
            return work.get();
        } finally {
            model.swapAveragedWeights();
        }
    }

    @Override
    public float[][] embedRows(TrainingBatch batch) {
        INDArray input = Nd4j.create(batch.data(), batch.shape(), 'c');
        try {
            return model.embed(input);
        } finally {
            input.close();
        }
    }

    @Override
    public float[] embedSong(float[][][] windows) {
        return model.embedSong(windows);
    }

    /** Songs with the same number of selected windows go through the graph together, up to 64 at a time. */
    @Override
    public List<float[]> embedSongs(List<float[][][]> songs) {
        int k = model.config().sequenceLength();
        float[][] out = new float[songs.size()][];
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < songs.size(); i++) {
            byLength.computeIfAbsent(Math.min(k, songs.get(i).length), n -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : byLength.values()) {
            for (int from = 0; from < group.size(); from += EMBED_BATCH) {
                List<Integer> part = group.subList(from, Math.min(group.size(), from + EMBED_BATCH));
                float[][][][] batch = new float[part.size()][][][];
                for (int j = 0; j < part.size(); j++) {
                    batch[j] = WindowSelection.select(songs.get(part.get(j)), k);
                }
                float[][] e = model.embed(batch);
                for (int j = 0; j < part.size(); j++) {
                    out[part.get(j)] = e[j];
                }
            }
        }
        return Arrays.asList(out);
    }

    @Override
    public void save(Path dir) throws IOException {
        model.save(dir);
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * Fine-tuning: the run starts from the model saved in {@code init} (its weights and input normalisation,
     * with a fresh optimiser state and the run's margin) instead of drawing weights; checkpoints of the run
     * reload as saved, so that a resumed fine-tuning continues from its last epoch, not from {@code init}.
     */
    public static Trainee.Factory fineTuneFactory(Path init, double margin) {
        return fineTuneFactory(init, margin, 0);
    }

    /** As {@link #fineTuneFactory(Path, double)}, averaging the weights with this decay (0: not). */
    public static Trainee.Factory fineTuneFactory(Path init, double margin, double weightAverage) {
        return fineTuneFactory(init, hyper -> hyper.withMargin(margin).withWeightDecay(0).withDropout(0),
                weightAverage);
    }

    /**
     * As {@link #fineTuneFactory(Path, double, double)}, with the run's optimiser settings made from the initial
     * model's by {@code settings} (e.g. {@link TrainingConfig#hyper}).
     */
    public static Trainee.Factory fineTuneFactory(Path init, UnaryOperator<TrainingHyper> settings,
                                                  double weightAverage) {
        return new Trainee.Factory() {
            @Override
            public Trainee create(long seed) {
                EmbeddingModel m;
                try {
                    m = EmbeddingModel.load(init);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                m.resetOptimiser();
                m.setHyper(settings.apply(m.hyper()));
                m.setWeightAverage(weightAverage);
                return new SameDiffTrainee(m);
            }

            @Override
            public Trainee load(Path dir) throws IOException {
                return new SameDiffTrainee(EmbeddingModel.loadToResume(dir));
            }
        };
    }

    /** New models get the run's input normalisation and margin; saved ones carry their own. */
    public static Trainee.Factory factory(ModelConfig config, BandStatistics bands, double margin) {
        return factory(config, bands, margin, 0);
    }

    /**
     * As {@link #factory(ModelConfig, BandStatistics, double)}, averaging the weights with this decay (0: not):
     * validation then scores the average, and checkpoints hold it as the weights to use.
     */
    public static Trainee.Factory factory(ModelConfig config, BandStatistics bands, double margin,
                                          double weightAverage) {
        return factory(config, bands, TrainingHyper.DEFAULT.withMargin(margin), weightAverage);
    }

    /**
     * As {@link #factory(ModelConfig, BandStatistics, double, double)}, with all of the run's optimiser settings
     * (margin, weight decay, dropout: {@link TrainingConfig#hyper}; the schedule sets the learning rate each step).
     */
    public static Trainee.Factory factory(ModelConfig config, BandStatistics bands, TrainingHyper hyper,
                                          double weightAverage) {
        return new Trainee.Factory() {
            @Override
            public Trainee create(long seed) {
                EmbeddingModel m = new EmbeddingModel(config, seed);
                m.setInputNormalisation(bands.mean(), bands.std());
                m.setHyper(hyper);
                m.setWeightAverage(weightAverage);
                return new SameDiffTrainee(m);
            }

            @Override
            public Trainee load(Path dir) throws IOException {
                return new SameDiffTrainee(EmbeddingModel.loadToResume(dir));
            }
        };
    }
}
