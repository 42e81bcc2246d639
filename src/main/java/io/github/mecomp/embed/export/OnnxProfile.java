package io.github.mecomp.embed.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a model's time goes, from an ONNX Runtime profiling trace (the JSON {@code endProfiling} names): each node's
 * kernel time per call, summed by operator type, over the calls after the warm-ups. What decided the float32 DFTs.
 *
 * @param calls   the calls averaged over
 * @param byOp    milliseconds per call of each operator type, largest first
 * @param byNode  milliseconds per call of each node (name, then operator type in brackets), largest first
 */
public record OnnxProfile(int calls, Map<String, Double> byOp, Map<String, Double> byNode) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a trace, leaving out the first {@code warmUps} calls ({@code model_run} events) and every node event
     * before the first call kept.
     *
     * @throws IOException if the file is not a JSON array of trace events, or holds no more than {@code warmUps} calls
     */
    public static OnnxProfile read(Path trace, int warmUps) throws IOException {
        JsonNode events = JSON.readTree(trace.toFile());
        if (events == null || !events.isArray()) {
            throw new IOException(trace + ": not an ONNX Runtime profile (a JSON array of events)");
        }
        List<Long> runStarts = new ArrayList<>();
        for (JsonNode e : events) {
            if ("Session".equals(e.path("cat").asText()) && "model_run".equals(e.path("name").asText())) {
                runStarts.add(e.path("ts").asLong());
            }
        }
        runStarts.sort(Comparator.naturalOrder());
        int calls = runStarts.size() - warmUps;
        if (calls < 1) {
            throw new IOException(trace + ": " + runStarts.size() + " calls, none after the " + warmUps + " warm-ups");
        }
        long from = runStarts.get(warmUps);
        Map<String, Double> byOp = new LinkedHashMap<>();
        Map<String, Double> byNode = new LinkedHashMap<>();
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (!"Node".equals(e.path("cat").asText()) || !name.endsWith("_kernel_time") || e.path("ts").asLong() < from) {
                continue;
            }
            double ms = e.path("dur").asDouble() / 1e3 / calls; // microseconds in the trace
            String op = e.path("args").path("op_name").asText("?");
            byOp.merge(op, ms, Double::sum);
            byNode.merge(name.substring(0, name.length() - "_kernel_time".length()) + " (" + op + ")", ms,
                    Double::sum);
        }
        return new OnnxProfile(calls, largestFirst(byOp), largestFirst(byNode));
    }

    /** The kernel time per call, all nodes. */
    public double totalMillis() {
        return byOp.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Double> largestFirst(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
