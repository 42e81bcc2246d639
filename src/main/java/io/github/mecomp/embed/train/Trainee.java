package io.github.mecomp.embed.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the trainer needs of a model. The SameDiff model implements it; tests use small fakes, so that the
 * trainer's bookkeeping (schedules, checkpoints, resume, early stopping) is tested in milliseconds.
 */
public interface Trainee extends AutoCloseable {

    /** One optimiser step at {@code learningRate}; returns the batch's loss before the step. */
    double trainStep(TrainingBatch batch, double learningRate);

    /**
     * As {@link #trainStep(TrainingBatch, double)}, adding {@code teacherWeight} times the distillation term over
     * the batch's 3B rows. Only trainees that support a teacher implement it.
     */
    default double trainStep(TrainingBatch batch, io.github.mecomp.embed.model.TeacherPairs teacher,
                             double teacherWeight, double learningRate) {
        throw new UnsupportedOperationException("this trainee has no distillation term");
    }

    /**
     * One optimiser step of a group loss over a P x K batch; returns the batch's loss before the step. Only
     * trainees that support group losses implement it.
     */
    default double trainStep(GroupBatch batch, io.github.mecomp.embed.model.GroupLoss loss, double learningRate) {
        throw new UnsupportedOperationException("this trainee has no group loss (" + loss + ")");
    }

    /**
     * As {@link #trainStep(GroupBatch, io.github.mecomp.embed.model.GroupLoss, double)}, with the teacher's pairs
     * of the batch for a loss with a distillation term (null for a loss without).
     */
    default double trainStep(GroupBatch batch, io.github.mecomp.embed.model.GroupLoss loss,
                             io.github.mecomp.embed.model.TeacherPairs teacher, double learningRate) {
        if (teacher == null) {
            return trainStep(batch, loss, learningRate);
        }
        throw new UnsupportedOperationException("this trainee has no distillation term (" + loss + ")");
    }

    /**
     * Runs {@code work} (validation) with the averaged weights in place of the trained ones, when the trainee
     * keeps an average; the trained weights are back afterwards.
     */
    default <T> T withAveragedWeights(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** The embeddings of the batch's 3B rows, without changing anything. */
    float[][] embedRows(TrainingBatch batch);

    /** One embedding for a whole clip, by the model's window-selection rule. */
    float[] embedSong(float[][][] windows);

    /**
     * Embeddings of many whole clips, in order; a model may batch clips of equal length, which is much faster
     * than one call per clip.
     */
    default java.util.List<float[]> embedSongs(java.util.List<float[][][]> songs) {
        return songs.stream().map(this::embedSong).toList();
    }

    /** Writes weights and optimiser state so that {@link Factory#load} continues exactly where this left off. */
    void save(Path dir) throws IOException;

    @Override
    void close();

    /** Makes fresh trainees and reloads saved ones. */
    interface Factory {
        Trainee create(long seed);

        Trainee load(Path dir) throws IOException;
    }
}
