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
 * @param system    what was scored, e.g. {@code mfcc}
 * @param tasks     triplet accuracy by task name {@code <set>/<task>}, in the order evaluated
 * @param retrieval precision at {@value Retrieval#K} and mAP by label {@code <set>/<label>} (see {@link Retrieval})
 */
public record EvalReport(String system, Map<String, TaskScore> tasks, Map<String, RetrievalScore> retrieval,
                         List<BatchFailure> failures, Instant created) {

    public EvalReport {
        tasks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tasks));
        retrieval = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(retrieval));
        failures = List.copyOf(failures);
    }

    /** A report of triplet accuracy alone. */
    public EvalReport(String system, Map<String, TaskScore> tasks, List<BatchFailure> failures, Instant created) {
        this(system, tasks, Map.of(), failures, created);
    }

    /** A fixed-width table for the terminal. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("system: ").append(system).append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-24s %9s %6s %17s%n", "task", "accuracy", "n", "95% CI"));
        tasks.forEach((task, s) -> {
            WilsonInterval ci = s.ci95();
            String skipped = s.skipped() > 0 ? "  (" + s.skipped() + " skipped: a clip has no vector)" : "";
            if (s.n() == 0) { // no accuracy to show: a dash, not NaN%
                sb.append(String.format(Locale.ROOT, "%-24s %9s %6d   %17s%s%n", task, "-", 0, "-", skipped));
                return;
            }
            sb.append(String.format(Locale.ROOT, "%-24s %8.1f%% %6d   [%5.1f%%, %5.1f%%]%s%n", task,
                    100 * s.accuracy(), s.n(), 100 * ci.low(), 100 * ci.high(), skipped));
        });
        if (!retrieval.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%-24s %9s %6s %8s%n", "retrieval by", "P@" + Retrieval.K, "mAP",
                    "queries"));
            retrieval.forEach((label, r) -> sb.append(r.queries() == 0
                    ? String.format(Locale.ROOT, "%-24s %9s %6s %8d%n", label, "-", "-", 0)
                    : String.format(Locale.ROOT, "%-24s %8.1f%% %5.1f%% %8d%n",
                            label, 100 * r.precisionAtK(), 100 * r.meanAveragePrecision(), r.queries())));
        }
        return sb.toString();
    }

    /**
     * {"system": .., "tasks": {"set/task": {"accuracy", "n", "ci95": [lo, hi], "correct", "skipped"}},
     * "retrieval": {"set/label": {"k", "precisionAtK", "map", "queries", ...}}, "failures": [..]}
     */
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
        ObjectNode retrievalNode = root.putObject("retrieval");
        retrieval.forEach((label, r) -> retrievalNode.putObject(label)
                .put("k", Retrieval.K)
                .put("precisionAtK", r.precisionAtK())
                .put("map", r.meanAveragePrecision())
                .put("queries", r.queries())
                .put("withoutRelevant", r.withoutRelevant())
                .put("withoutVector", r.withoutVector()));
        ArrayNode f = root.putArray("failures");
        for (BatchFailure failure : failures) {
            f.addObject().put("file", failure.file().toString()).put("reason", failure.reason());
        }
        return root;
    }

    /** Writes the JSON atomically, so that a crash never leaves half a report. */
    public void writeJson(Path file) throws IOException {
        writeJson(file, List.of(this));
    }

    /**
     * Writes the reports of one run atomically: one system as {@link #toJson}, several as
     * {@code {"systems": [<one report each>]}}, scored on the same clips.
     */
    public static void writeJson(Path file, List<EvalReport> reports) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        com.fasterxml.jackson.databind.JsonNode json;
        if (reports.size() == 1) {
            json = reports.get(0).toJson(mapper);
        } else {
            ObjectNode root = mapper.createObjectNode();
            ArrayNode systems = root.putArray("systems");
            reports.forEach(r -> systems.add(r.toJson(mapper)));
            json = root;
        }
        AtomicFiles.write(file, tmp -> mapper.writeValue(tmp.toFile(), json));
    }
}
