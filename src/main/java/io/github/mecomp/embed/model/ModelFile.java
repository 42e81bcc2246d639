package io.github.mecomp.embed.model;

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
 */
@JsonPropertyOrder({"format", "version", "dataType", "seed", "adamStep", "config", "hyper", "arrays"})
record ModelFile(String format, int version, String dataType, long seed, long adamStep, ModelConfig config,
        TrainingHyper hyper, List<ArrayFile> arrays) {

    @JsonPropertyOrder({"name", "shape", "file"})
    record ArrayFile(String name, List<Long> shape, String file) {
    }
}
