package io.github.mecomp.embed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.io.AtomicFiles;
import io.github.mecomp.embed.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The network and front-end a run was started with, kept in {@value #FILE} of the run folder from its start.
 * A {@code --resume} with another architecture is refused before any audio is read, naming the settings that
 * differ (the run state's own check only knows that something did). The sweep reads it to tell whether a
 * finished run still matches its grid line.
 */
final class RunArchitecture {

    static final String FILE = "architecture.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunArchitecture() {
    }

    /** The file's content for a network and front-end. */
    static ObjectNode describe(ModelConfig model, FrontEndConfig frontEnd) {
        ObjectNode root = JSON.createObjectNode();
        root.set("model", JSON.valueToTree(model));
        root.set("frontEnd", JSON.valueToTree(frontEnd));
        return root;
    }

    /**
     * On {@code resume}, checks the run's recorded architecture against this one; then records this one.
     *
     * @throws IllegalArgumentException when resuming a run started with another architecture
     */
    static void record(Path runDir, ModelConfig model, FrontEndConfig frontEnd, boolean resume) throws IOException {
        ObjectNode now = describe(model, frontEnd);
        Path file = runDir.resolve(FILE);
        if (resume && Files.isRegularFile(file)) {
            JsonNode before = JSON.readTree(file.toFile());
            List<String> changed = differences(before, now);
            if (!changed.isEmpty()) {
                throw new IllegalArgumentException(runDir + ": the run there was started with another architecture ("
                        + String.join("; ", changed) + "); --resume continues a run as it started: give the same "
                        + "architecture and front-end options, or train into a new folder");
            }
            return;
        }
        OutputFolder.create(runDir, "--out");
        AtomicFiles.write(file, tmp -> JSON.writeValue(tmp.toFile(), now));
    }

    /** "model.gruHidden: 128 before, 64 now" for every field that differs. */
    static List<String> differences(JsonNode before, JsonNode now) {
        List<String> out = new ArrayList<>();
        for (String part : List.of("model", "frontEnd")) {
            JsonNode b = before.path(part);
            JsonNode n = now.path(part);
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode old = b.get(e.getKey());
                if (old == null || !old.equals(e.getValue())) {
                    out.add(part + "." + e.getKey() + ": " + (old == null ? "none" : old) + " before, " + e.getValue()
                            + " now");
                }
            }
        }
        return out;
    }
}
