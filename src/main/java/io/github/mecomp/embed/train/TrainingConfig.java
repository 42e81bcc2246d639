package io.github.mecomp.embed.train;

/**
 * Every setting of a training run, validated, with defaults in {@link #DEFAULT} and nowhere else.
 *
 * @param seed               every random stream of the run (shuffling, crops, gains, initial weights) derives
 *                           from it, so a run is reproducible and a resumed run repeats the uninterrupted one
 * @param maxEpochs          passes over the training triplets, at most
 * @param patience           stop when validation accuracy has not improved for this many epochs
 * @param batchTriplets      triplets per optimiser step
 * @param trainWindows       windows per clip in a training batch (a random crop of consecutive windows)
 * @param learningRate       Adam's peak learning rate
 * @param warmupSteps        steps of linear warm-up to the peak, which keeps Adam's first noisy steps small
 * @param minLearningRateFraction the cosine decay ends at this share of the peak, on the last epoch
 * @param margin             triplet-loss margin on squared distances of unit vectors (range 0..4)
 * @param hardNegativesFromEpoch from this epoch on (1-based), each anchor's negative is the hardest
 *                           semi-hard one among the batch's candidates; before it, the mined negative
 * @param gainDb             random gain in ±dB per clip, applied in the log-mel domain
 */
public record TrainingConfig(
        long seed,
        int maxEpochs,
        int patience,
        int batchTriplets,
        int trainWindows,
        double learningRate,
        int warmupSteps,
        double minLearningRateFraction,
        double margin,
        int hardNegativesFromEpoch,
        double gainDb) {

    public static final TrainingConfig DEFAULT =
            new TrainingConfig(42, 12, 3, 16, 10, 1e-3, 100, 0.05, 0.2, 3, 6.0);

    public TrainingConfig {
        require(maxEpochs >= 1, "maxEpochs must be >= 1, got " + maxEpochs);
        require(patience >= 1, "patience must be >= 1, got " + patience);
        require(batchTriplets >= 2, "batchTriplets must be >= 2, got " + batchTriplets);
        require(trainWindows >= 1, "trainWindows must be >= 1, got " + trainWindows);
        require(learningRate > 0 && learningRate < 1, "learningRate must be in (0, 1), got " + learningRate);
        require(warmupSteps >= 0, "warmupSteps must be >= 0, got " + warmupSteps);
        require(minLearningRateFraction >= 0 && minLearningRateFraction <= 1,
                "minLearningRateFraction must be in [0, 1], got " + minLearningRateFraction);
        require(margin > 0 && margin < 4, "margin must be in (0, 4), got " + margin);
        require(hardNegativesFromEpoch >= 1, "hardNegativesFromEpoch must be >= 1, got " + hardNegativesFromEpoch);
        require(gainDb >= 0 && gainDb <= 40, "gainDb must be in [0, 40], got " + gainDb);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(s, maxEpochs, patience, batchTriplets, trainWindows, learningRate, warmupSteps,
                minLearningRateFraction, margin, hardNegativesFromEpoch, gainDb);
    }

    public TrainingConfig withMaxEpochs(int e) {
        return new TrainingConfig(seed, e, patience, batchTriplets, trainWindows, learningRate, warmupSteps,
                minLearningRateFraction, margin, hardNegativesFromEpoch, gainDb);
    }

    /**
     * The learning rate at a step: linear warm-up, then a cosine from the peak down to
     * {@code minLearningRateFraction} of it at {@code totalSteps}. Cosine decay needs no tuning of drop points
     * and anneals the last epochs, where early stopping usually picks the checkpoint.
     */
    public double learningRateAt(long step, long totalSteps) {
        if (step < warmupSteps) {
            return learningRate * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1, (step - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps));
        double floor = learningRate * minLearningRateFraction;
        return floor + (learningRate - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("training: " + message);
        }
    }
}
