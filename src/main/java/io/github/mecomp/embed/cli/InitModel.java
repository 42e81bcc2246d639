package io.github.mecomp.embed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.export.ModelExport;
import io.github.mecomp.embed.io.FileDigests;
import io.github.mecomp.embed.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The trained model a fine-tuning run starts from, checked against the run's front-end before any audio is
 * read: a model fed windows computed with other settings would be fine-tuned on inputs it never learnt.
 *
 * @param provenance the model's provenance.json, or null when it has none
 */
record InitModel(Path dir, ModelConfig config, long adamSteps, String sha256, JsonNode provenance) {

    /**
     * The --init model of a fine-tuning run, from its loaded folder and the front-end the run uses (the one its
     * provenance records, see {@code FrontEndOptions.configFor}; the options' for a folder without that record).
     */
    static InitModel of(Path dir, ModelExport.Source source, FrontEndConfig frontEnd) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        ModelConfig config = source.model().config();
        String mismatch = config.frontEndMismatch(frontEnd);
        if (mismatch != null) {
            throw new IllegalArgumentException("--init " + root + ": " + mismatch
                    + "; use the front-end settings the model was trained with");
        }
        return new InitModel(root, config, source.model().adamStep(), FileDigests.sha256OfTree(root),
                source.provenance().orElse(null));
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
