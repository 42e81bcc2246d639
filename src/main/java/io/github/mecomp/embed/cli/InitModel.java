package io.github.mecomp.embed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.io.FileDigests;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trained model a fine-tuning run starts from, checked against the run's front-end before any audio is
 * read: a model fed windows computed with other settings would be fine-tuned on inputs it never learnt.
 *
 * @param provenance the model's provenance.json, or null when it has none
 */
record InitModel(Path dir, ModelConfig config, long adamSteps, String sha256, JsonNode provenance) {

    static final String PROVENANCE = "provenance.json";

    static InitModel read(Path dir, FrontEndConfig frontEnd) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        ModelConfig config;
        long steps;
        try (EmbeddingModel model = EmbeddingModel.load(root)) {
            config = model.config();
            steps = model.adamStep();
        }
        String mismatch = config.frontEndMismatch(frontEnd);
        if (mismatch != null) {
            throw new IllegalArgumentException("--init " + root + ": " + mismatch
                    + "; use the front-end settings the model was trained with");
        }
        JsonNode provenance = null;
        Path file = root.resolve(PROVENANCE);
        if (Files.isRegularFile(file)) {
            ObjectMapper mapper = new ObjectMapper();
            provenance = mapper.readTree(file.toFile());
            JsonNode node = provenance.get("frontEnd");
            // compared as settings, not as JSON: a model from before a setting existed records no value for it
            FrontEndConfig trained = node == null ? null : mapper.treeToValue(node, FrontEndConfig.class);
            if (trained != null && !trained.equals(frontEnd)) {
                throw new IllegalArgumentException("--init " + root + ": the model was trained with the front-end "
                        + trained + " (see its " + PROVENANCE + "), this run's is " + frontEnd
                        + "; leave the front-end options out and the model's own are used");
            }
        }
        return new InitModel(root, config, steps, FileDigests.sha256OfTree(root), provenance);
    }

    /** What the fine-tuned model's provenance records of where it started. */
    void describe(ObjectNode node) {
        node.put("path", dir.toString());
        node.put("sha256", sha256);
        node.put("adamSteps", adamSteps);
        if (provenance != null) {
            node.set("provenance", provenance);
        }
    }
}
