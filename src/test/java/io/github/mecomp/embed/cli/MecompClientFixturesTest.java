package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.export.ShippedModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * fixtures/mecomp-client/java-embeddings-&lt;tag&gt;.csv is what the Java tool computes today with
 * export/mecomp-embed-&lt;tag&gt;.onnx: rust-check/mecomp holds
 * MECOMP's own decoder and runtime to these numbers, so a change to decoding, mixdown, resampling or the
 * front-end that moves them must regenerate the CSV (or it would test MECOMP against stale Java numbers).
 */
class MecompClientFixturesTest {

    private static final Path FIXTURES = Path.of("fixtures/mecomp-client");
    /** ONNX Runtime is deterministic on one machine; the CSV's decimal digits round each value to ~1e-8. */
    private static final double TOLERANCE = 1e-6;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.github.mecomp.embed.export.ShippedModels#all")
    void theCommittedJavaEmbeddingsAreWhatTheEmbedCommandGivesNow(ShippedModels model) throws IOException {
        Path csv = model.clientEmbeddings();
        assertTrue(Files.isRegularFile(csv), model + " has no " + csv + "; write it with "
                + model.regenerateClientEmbeddings());
        Path fresh = dir.resolve("now.csv");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "embed",
                FIXTURES.toString(), "--onnx", model.onnx().toString(), "--out", fresh.toString(), "--threads", "1");
        assertEquals(0, code, err.toString());

        Map<String, float[]> committed = EmbeddingCsv.read(csv);
        Map<String, float[]> now = EmbeddingCsv.read(fresh);
        assertEquals(committed.keySet(), now.keySet(), "the fixture files and the CSV's rows");
        for (Map.Entry<String, float[]> e : committed.entrySet()) {
            float[] want = e.getValue();
            float[] got = now.get(e.getKey());
            double worst = 0;
            for (int i = 0; i < want.length; i++) {
                worst = Math.max(worst, Math.abs(want[i] - got[i]));
            }
            assertTrue(worst <= TOLERANCE, e.getKey() + ": the Java embedding moved by " + worst + " from " + csv
                    + "; regenerate it with " + model.regenerateClientEmbeddings());
        }
    }
}
