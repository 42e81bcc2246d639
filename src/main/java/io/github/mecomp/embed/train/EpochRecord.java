package io.github.mecomp.embed.train;

import java.util.Map;

/**
 * What one epoch did.
 *
 * @param epoch              1-based
 * @param trainLoss          mean triplet loss over the epoch's steps
 * @param validationAccuracy triplet accuracy on the validation triplets, all relations together
 * @param validationByPart   the same per {@code dataset/relation}
 * @param learningRate       at the epoch's last step
 * @param seconds            wall time of the epoch, validation included
 * @param tripletsPerSecond  training triplets per second of wall time (with a group loss, the valid triplets of
 *                           its P x K batches)
 */
public record EpochRecord(int epoch, double trainLoss, double validationAccuracy, Map<String, Double> validationByPart,
                          double learningRate, double seconds, double tripletsPerSecond) {

    public EpochRecord {
        validationByPart = Map.copyOf(validationByPart);
    }
}
