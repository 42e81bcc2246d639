package io.github.mecomp.embed.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The {@code model.json} of a saved model: what the arrays beside it are and how to rebuild the model.
 *
 * @param format    always {@value EmbeddingModel#FILE_FORMAT}
 * @param version   file-layout version
 * @param dataType  FLOAT or DOUBLE, the type of every array
 * @param seed      the seed the initial weights were drawn from
 * @param adamStep  Adam steps taken
 * @param config    the network
 * @param hyper     loss and optimiser settings
 * @param arrays    every named array (normalisation and trained weights) and its .npy file, relative to the
 *                  folder; the Adam moments are in {@code adam/<name>.m.npy} and {@code adam/<name>.v.npy}
 * @param average   with weight averaging: its settings; the files of {@code arrays} then hold the averaged weights
 *                  (the ones to use) and {@code training/<name>.npy} the trained ones (to resume from). Absent
 *                  (null) without averaging, which keeps such files as they were
 */
@JsonPropertyOrder({"format", "version", "dataType", "seed", "adamStep", "config", "hyper", "arrays", "average"})
record ModelFile(String format, int version, String dataType, long seed, long adamStep, ModelConfig config,
        TrainingHyper hyper, List<ArrayFile> arrays,
        @JsonInclude(JsonInclude.Include.NON_NULL) Average average) {

    /** Exponential moving average of the weights: its decay and the updates it has seen. */
    @JsonPropertyOrder({"decay", "updates"})
    record Average(double decay, long updates) {
    }

    @JsonPropertyOrder({"name", "shape", "file"})
    record ArrayFile(String name, List<Long> shape, String file) {
    }
}
