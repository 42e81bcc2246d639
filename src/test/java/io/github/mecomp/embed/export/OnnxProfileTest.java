package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile summary counts only the calls after the warm-ups, per call, by operator and by node. */
class OnnxProfileTest {

    @TempDir
    Path dir;

    private static String run(long ts) {
        return "{\"cat\":\"Session\",\"name\":\"model_run\",\"ts\":" + ts + ",\"dur\":900}";
    }

    private static String node(String name, String op, long ts, long dur) {
        return "{\"cat\":\"Node\",\"name\":\"" + name + "_kernel_time\",\"ts\":" + ts + ",\"dur\":" + dur
                + ",\"args\":{\"op_name\":\"" + op + "\"}}";
    }

    @Test
    void averagesTheCallsAfterTheWarmUps() throws Exception {
        Path trace = dir.resolve("trace.json");
        // one warm-up call at ts 0 (its nodes are slow), then two timed calls at 1000 and 2000
        Files.writeString(trace, "[" + String.join(",", List.of(
                "{\"cat\":\"Session\",\"name\":\"session_initialization\",\"ts\":0,\"dur\":5}",
                run(0), node("matmul_node", "MatMul", 10, 9000), node("conv_node", "Conv", 20, 9000),
                run(1000), node("matmul_node", "MatMul", 1010, 400), node("matmul_node_2", "MatMul", 1020, 200),
                node("conv_node", "Conv", 1030, 100),
                run(2000), node("matmul_node", "MatMul", 2010, 600), node("matmul_node_2", "MatMul", 2020, 200),
                node("conv_node", "Conv", 2030, 100))) + "]");
        OnnxProfile p = OnnxProfile.read(trace, 1);
        assertEquals(2, p.calls());
        assertEquals(List.of("MatMul", "Conv"), List.copyOf(p.byOp().keySet()));
        assertEquals(0.7, p.byOp().get("MatMul"), 1e-12); // (400 + 200 + 600 + 200) us / 2 calls
        assertEquals(0.1, p.byOp().get("Conv"), 1e-12);
        assertEquals(0.5, p.byNode().get("matmul_node (MatMul)"), 1e-12);
        assertEquals("matmul_node (MatMul)", p.byNode().keySet().iterator().next());
        assertEquals(0.8, p.totalMillis(), 1e-12);
    }

    @Test
    void aTraceWithoutTimedCallsOrNotATraceIsRefused() throws Exception {
        Path trace = dir.resolve("trace.json");
        Files.writeString(trace, "[" + run(0) + "]");
        IOException e = assertThrows(IOException.class, () -> OnnxProfile.read(trace, 1));
        assertTrue(e.getMessage().contains("none after the 1 warm-ups"), e.getMessage());
        Files.writeString(trace, "{\"traceEvents\":[]}");
        e = assertThrows(IOException.class, () -> OnnxProfile.read(trace, 0));
        assertTrue(e.getMessage().contains("not an ONNX Runtime profile"), e.getMessage());
    }
}
