package io.github.mecomp.embed.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Settings of the triplet loss and of the Adam optimiser. Defaults live in {@link #DEFAULT} and nowhere else.
 * They are saved with the model, so that a resumed run goes on with the same values.
 *
 * @param margin       triplet-loss margin: loss = mean over triplets of max(0, |a-p|^2 - |a-n|^2 + margin), on
 *                     unit-length embeddings (so the squared distances lie in [0, 4])
 * @param learningRate Adam step size; change it between steps for a schedule ({@link EmbeddingModel#setLearningRate})
 * @param beta1        Adam decay of the first-moment estimate
 * @param beta2        Adam decay of the second-moment estimate
 * @param epsilon      Adam term added to the square root of the bias-corrected second moment
 * @param weightDecay  decoupled weight decay (AdamW): each step also takes {@code learningRate * weightDecay * w}
 *                     off every weight, not the biases; 0 for plain Adam, and then absent from JSON
 * @param dropout      share of the projection's inputs (the song vector) zeroed in each training step, the others
 *                     scaled by 1 / (1 - dropout) (inverted dropout, Srivastava et al. 2014); embeddings never drop
 *                     anything. 0 for none, and then absent from JSON
 */
@JsonPropertyOrder({"margin", "learningRate", "beta1", "beta2", "epsilon", "weightDecay", "dropout"})
public record TrainingHyper(double margin, double learningRate, double beta1, double beta2, double epsilon,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) double weightDecay,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) double dropout) {

    public static final TrainingHyper DEFAULT = new TrainingHyper(0.2, 1e-3, 0.9, 0.999, 1e-8, 0, 0);

    public TrainingHyper {
        require(Double.isFinite(margin), "margin must be finite, got " + margin);
        require(learningRate >= 0 && Double.isFinite(learningRate),
                "learningRate must be finite and >= 0, got " + learningRate);
        require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
        require(epsilon > 0 && Double.isFinite(epsilon), "epsilon must be finite and > 0, got " + epsilon);
        require(weightDecay >= 0 && weightDecay <= 1, "weightDecay must be in [0, 1], got " + weightDecay);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    }

    public TrainingHyper withMargin(double m) {
        return new TrainingHyper(m, learningRate, beta1, beta2, epsilon, weightDecay, dropout);
    }

    public TrainingHyper withLearningRate(double lr) {
        return new TrainingHyper(margin, lr, beta1, beta2, epsilon, weightDecay, dropout);
    }

    public TrainingHyper withWeightDecay(double decay) {
        return new TrainingHyper(margin, learningRate, beta1, beta2, epsilon, decay, dropout);
    }

    public TrainingHyper withDropout(double share) {
        return new TrainingHyper(margin, learningRate, beta1, beta2, epsilon, weightDecay, share);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("training: " + message);
        }
    }
}
