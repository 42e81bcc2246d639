package io.github.mecomp.embed.train;

/** Told how training goes, for progress bars and logs. */
public interface TrainingListener {

    default void epochStarted(int epoch, int steps) {
    }

    default void stepDone(int epoch, int step, double loss, double learningRate) {
    }

    default void epochDone(EpochRecord record, boolean best) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
