package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.audio.BatchFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scores of one system on every task, and the files it could not read.
 *
 * @param system what was scored, e.g. {@code mfcc}
 * @param tasks  scores by task name {@code <set>/<task>}, in the order evaluated
 */
public record EvalReport(String system, Map<String, TaskScore> tasks, List<BatchFailure> failures, Instant created) {

    public EvalReport {
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
        failures = List.copyOf(failures);
    }

    /** A fixed-width table for the terminal. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("system: ").append(system).append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-24s %9s %6s %17s%n", "task", "accuracy", "n", "95% CI"));
        tasks.forEach((task, s) -> {
            WilsonInterval ci = s.ci95();
            sb.append(String.format(Locale.ROOT, "%-24s %8.1f%% %6d   [%5.1f%%, %5.1f%%]%s%n", task,
                    100 * s.accuracy(), s.n(), 100 * ci.low(), 100 * ci.high(),
                    s.skipped() > 0 ? "  (" + s.skipped() + " skipped: clips without audio)" : ""));
        });
        return sb.toString();
    }

    /** {"system": .., "tasks": {"set/task": {"accuracy", "n", "ci95": [lo, hi], "skipped"}}, "failures": [..]} */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("system", system);
        root.put("created", created.toString());
        ObjectNode taskNode = root.putObject("tasks");
        tasks.forEach((task, s) -> {
            ObjectNode t = taskNode.putObject(task);
            t.put("accuracy", s.accuracy());
            t.put("n", s.n());
            WilsonInterval ci = s.ci95();
            t.putArray("ci95").add(ci.low()).add(ci.high());
            t.put("correct", s.correct());
            t.put("skipped", s.skipped());
        });
        ArrayNode f = root.putArray("failures");
        for (BatchFailure failure : failures) {
            f.addObject().put("file", failure.file().toString()).put("reason", failure.reason());
        }
        return root;
    }

    /** Writes the JSON atomically, so that a crash never leaves half a report. */
    public void writeJson(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(file, tmp -> mapper.writeValue(tmp.toFile(), toJson(mapper)));
    }
}
