/**
 * The embedding network and its training step.
 *
 * <ul>
 *   <li>{@link io.github.mecomp.embed.model.ModelConfig} describes the network (CNN over each log-mel window,
 *       GRU over the windows, projection, L2 normalisation); {@link io.github.mecomp.embed.model.TrainingHyper}
 *       the triplet margin and Adam settings.</li>
 *   <li>{@link io.github.mecomp.embed.model.EmbeddingModel} embeds songs, takes triplet-loss Adam steps, and
 *       saves/loads checkpoints (weights as .npy, settings as JSON, optimiser state included).</li>
 *   <li>{@link io.github.mecomp.embed.model.WindowSelection} is the rule for which windows of a long song the
 *       model sees, shared by training, evaluation and export.</li>
 *   <li>{@link io.github.mecomp.embed.model.WeightNames} names every array and gives its layout, for the ONNX
 *       exporter.</li>
 * </ul>
 *
 * <p>Built from SameDiff's primitive ops: in nd4j 1.0.0-M2.1 the GRU ops compute wrong gradients or none and
 * batch norm cannot backpropagate. {@code GradientCheckTest} checks every gradient against finite differences.
 */
package io.github.mecomp.embed.model;
