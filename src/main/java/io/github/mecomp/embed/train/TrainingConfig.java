package io.github.mecomp.embed.train;

import io.github.mecomp.embed.model.TrainingHyper;

/**
 * Every setting of a training run, validated, with defaults in {@link #DEFAULT} and nowhere else.
 *
 * @param seed               every random stream of the run (shuffling, crops, gains, initial weights) derives
 *                           from it, so a run is reproducible and a resumed run repeats the uninterrupted one
 * @param maxEpochs          epochs, at most
 * @param tripletsPerEpoch   training triplets drawn (without replacement, anew each epoch) per epoch; 0 for
 *                           all of them. Short epochs give validation, checkpoints and early stopping a finer
 *                           grain than one pass over tens of thousands of mined triplets would
 * @param patience           stop when validation accuracy has not improved for this many epochs
 * @param batchTriplets      triplets per optimiser step
 * @param trainWindows       windows per clip in a training batch (a random crop of consecutive windows, or spread
 *                           over the clip with {@code spreadCrops})
 * @param learningRate       Adam's peak learning rate
 * @param warmupSteps        steps of linear warm-up to the peak, which keeps Adam's first noisy steps small
 * @param minLearningRateFraction the cosine decay ends at this share of the peak, on the last epoch
 * @param margin             triplet-loss margin on squared distances of unit vectors (range 0..4)
 * @param hardNegativesFromEpoch from this epoch on (1-based), each anchor's negative is the hardest
 *                           semi-hard one among the batch's candidates; before it, the mined negative
 * @param gainDb             random gain in ±dB per clip, applied in the log-mel domain
 * @param loss               the triplet loss over mined triplets (the baseline) or a loss over P x K batches;
 *                           a group-loss epoch has as many steps as a triplet epoch would (tripletsPerEpoch /
 *                           batchTriplets), each of P x K clips
 * @param weightAverage      decay of the exponential moving average of the weights that validation uses and the
 *                           saved model holds (e.g. 0.999); 0 for none, the trained weights themselves
 * @param maskBands          SpecAugment's frequency mask (Park et al. 2019): in each training window a run of 0 to
 *                           this many consecutive mel bands is set to the window's quietest value; 0 for none
 * @param maskFrames         its time mask: a run of 0 to this many consecutive frames of each training window,
 *                           every mel band of it; 0 for none
 * @param weightDecay        decoupled weight decay (AdamW, Loshchilov and Hutter 2019): each step also shrinks every
 *                           weight, not the biases, by the step's learning rate times this; 0 for none
 * @param spreadCrops        the batches in which each training clip gives one window from each of {@code trainWindows}
 *                           equal stretches of it, in order, instead of a random run of consecutive windows
 * @param dropout            share of the song vector's values (the projection's inputs) zeroed in each training
 *                           step, the rest scaled up to keep its expectation; validation and the saved model never
 *                           drop anything; 0 for none
 */
public record TrainingConfig(
        long seed,
        int maxEpochs,
        int tripletsPerEpoch,
        int patience,
        int batchTriplets,
        int trainWindows,
        double learningRate,
        int warmupSteps,
        double minLearningRateFraction,
        double margin,
        int hardNegativesFromEpoch,
        double gainDb,
        LossSettings loss,
        double weightAverage,
        int maskBands,
        int maskFrames,
        double weightDecay,
        SpreadCrops spreadCrops,
        double dropout) {

    /**
     * The settings of the best run measured so far (10 epochs of 6000 triplets, semi-hard negatives from
     * epoch 6; about 17 minutes on this 2-core machine). See CHANGELOG.md for its figures.
     */
    public static final TrainingConfig DEFAULT =
            new TrainingConfig(42, 10, 6000, 4, 16, 10, 1e-3, 100, 0.05, 0.2, 6, 6.0,
                    LossSettings.TRIPLET, 0, 0, 0, 0, SpreadCrops.NONE, 0);

    /**
     * Fine-tuning a trained model on human triplets: a tenth of the learning rate, so that a few hundred
     * judgements adjust the space rather than overwrite it; few epochs over all of them (0 triplets per
     * epoch: every judgement, plus any mixed weak triplets, once an epoch); a short warm-up for the fresh Adam
     * state; semi-hard negatives from the start for mixed weak triplets (the trained model knows them
     * already), while a judgement's negative is never replaced.
     */
    public static final TrainingConfig FINE_TUNE =
            new TrainingConfig(42, 5, 0, 3, 16, 10, 1e-4, 20, 0.1, 0.2, 1, 6.0,
                    LossSettings.TRIPLET, 0, 0, 0, 0, SpreadCrops.NONE, 0);

    public TrainingConfig {
        require(maxEpochs >= 1, "maxEpochs must be >= 1, got " + maxEpochs);
        require(tripletsPerEpoch >= 0, "tripletsPerEpoch must be >= 0, got " + tripletsPerEpoch);
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
        require(loss != null, "the loss settings are missing");
        require(weightAverage == 0 || (weightAverage > 0 && weightAverage < 1),
                "weightAverage must be 0 (off) or in (0, 1), got " + weightAverage);
        require(maskBands >= 0, "maskBands must be >= 0, got " + maskBands);
        require(maskFrames >= 0, "maskFrames must be >= 0, got " + maskFrames);
        require(weightDecay >= 0 && weightDecay <= 1, "weightDecay must be in [0, 1], got " + weightDecay);
        require(spreadCrops != null, "the spread-crop settings are missing");
        require(spreadCrops.all() || spreadCrops.relations().isEmpty() || loss.groupLoss() != null,
                "spread crops for named relations need a group loss (batch-all or batch-hard), whose batches each"
                        + " hold one relation; the triplet loss takes --spread-crops for every batch");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    }

    /** {@code base} with this run's margin, weight decay and dropout: the optimiser settings the model carries. */
    public TrainingHyper hyper(TrainingHyper base) {
        return base.withMargin(margin).withWeightDecay(weightDecay).withDropout(dropout);
    }

    /**
     * The record's text, without the masks, the weight decay, spread crops and dropout while they are off: a run's
     * resume check compares this text, and runs started before they existed still resume.
     */
    @Override
    public String toString() {
        return "TrainingConfig[seed=" + seed + ", maxEpochs=" + maxEpochs + ", tripletsPerEpoch=" + tripletsPerEpoch
                + ", patience=" + patience + ", batchTriplets=" + batchTriplets + ", trainWindows=" + trainWindows
                + ", learningRate=" + learningRate + ", warmupSteps=" + warmupSteps + ", minLearningRateFraction="
                + minLearningRateFraction + ", margin=" + margin + ", hardNegativesFromEpoch=" + hardNegativesFromEpoch
                + ", gainDb=" + gainDb + ", loss=" + loss + ", weightAverage=" + weightAverage
                + (maskBands == 0 && maskFrames == 0 ? "" : ", maskBands=" + maskBands + ", maskFrames=" + maskFrames)
                + (weightDecay == 0 ? "" : ", weightDecay=" + weightDecay)
                + (spreadCrops.isOff() ? "" : ", spreadCrops=" + spreadCrops)
                + (dropout == 0 ? "" : ", dropout=" + dropout)
                + "]";
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a configuration; unset ones keep their values. */
    public static final class Builder {
        private long seed;
        private int maxEpochs;
        private int tripletsPerEpoch;
        private int patience;
        private int batchTriplets;
        private int trainWindows;
        private double learningRate;
        private int warmupSteps;
        private double minLearningRateFraction;
        private double margin;
        private int hardNegativesFromEpoch;
        private double gainDb;
        private LossSettings loss;
        private double weightAverage;
        private int maskBands;
        private int maskFrames;
        private double weightDecay;
        private SpreadCrops spreadCrops;
        private double dropout;

        private Builder(TrainingConfig c) {
            seed = c.seed;
            maxEpochs = c.maxEpochs;
            tripletsPerEpoch = c.tripletsPerEpoch;
            patience = c.patience;
            batchTriplets = c.batchTriplets;
            trainWindows = c.trainWindows;
            learningRate = c.learningRate;
            warmupSteps = c.warmupSteps;
            minLearningRateFraction = c.minLearningRateFraction;
            margin = c.margin;
            hardNegativesFromEpoch = c.hardNegativesFromEpoch;
            gainDb = c.gainDb;
            loss = c.loss;
            weightAverage = c.weightAverage;
            maskBands = c.maskBands;
            maskFrames = c.maskFrames;
            weightDecay = c.weightDecay;
            spreadCrops = c.spreadCrops;
            dropout = c.dropout;
        }

        public Builder seed(long v) { seed = v; return this; }
        public Builder maxEpochs(int v) { maxEpochs = v; return this; }
        public Builder tripletsPerEpoch(int v) { tripletsPerEpoch = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder batchTriplets(int v) { batchTriplets = v; return this; }
        public Builder trainWindows(int v) { trainWindows = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder minLearningRateFraction(double v) { minLearningRateFraction = v; return this; }
        public Builder margin(double v) { margin = v; return this; }
        public Builder hardNegativesFromEpoch(int v) { hardNegativesFromEpoch = v; return this; }
        public Builder gainDb(double v) { gainDb = v; return this; }
        public Builder loss(LossSettings v) { loss = v; return this; }
        public Builder weightAverage(double v) { weightAverage = v; return this; }
        public Builder maskBands(int v) { maskBands = v; return this; }
        public Builder maskFrames(int v) { maskFrames = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder spreadCrops(SpreadCrops v) { spreadCrops = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public TrainingConfig build() {
            return new TrainingConfig(seed, maxEpochs, tripletsPerEpoch, patience, batchTriplets, trainWindows,
                    learningRate, warmupSteps, minLearningRateFraction, margin, hardNegativesFromEpoch, gainDb, loss,
                    weightAverage, maskBands, maskFrames, weightDecay, spreadCrops, dropout);
        }
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
