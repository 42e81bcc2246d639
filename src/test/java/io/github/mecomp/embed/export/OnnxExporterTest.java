package io.github.mecomp.embed.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import onnx.Onnx;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxExporterTest {

    private static final FrontEndConfig FRONT_END = FrontEndConfig.DEFAULT;
    /** The default front-end, a small network: conv 4-8, GRU 8, embedding 6, K = 5. */
    private static final ModelConfig SMALL = ModelConfig.forFrontEnd(FRONT_END)
            .withConvChannels(List.of(4, 8)).withGruHidden(8).withEmbeddingSize(6).withSequenceLength(5);
    private static final int RATE = FRONT_END.sampleRate();

    private static EmbeddingModel model;
    private static OnnxRunner runner;

    @BeforeAll
    static void export() throws Exception {
        model = new EmbeddingModel(SMALL, 7);
        model.randomiseBiases(0.3, 8);
        float[] mean = new float[SMALL.inputBands()];
        float[] std = new float[SMALL.inputBands()];
        for (int m = 0; m < mean.length; m++) {
            mean[m] = -9f + 0.05f * m;
            std[m] = 2.5f + 0.01f * m;
        }
        model.setInputNormalisation(mean, std);
        byte[] bytes = OnnxExporter.export(model, FRONT_END, ExportOptions.DEFAULT.withLogMelOutput(true), Map.of())
                .toByteArray();
        runner = new OnnxRunner(bytes);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
        model.close();
    }

    private static ParityCheck check(String what, float[] samples) throws Exception {
        ParityCheck c = ParityCheck.of(model, FRONT_END, runner, samples);
        System.out.printf("%s: W=%d K'=%d embedding %.3g log-mel %.3g%n", what, c.windows(), c.selected(),
                c.embeddingError(), c.logMelError());
        return c;
    }

    @Test
    void musicLikeExcerptMatchesJava() throws Exception {
        ParityCheck c = check("music", SyntheticAudio.music(7.3, RATE, 1));
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, c.toString());
    }

    @Test
    void pureToneMatchesJava() throws Exception {
        ParityCheck c = check("tone", SyntheticAudio.tone(440, 0.9, 2.5, RATE));
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, c.toString());
    }

    @Test
    void silenceMatchesJava() throws Exception {
        ParityCheck c = check("silence", new float[2 * RATE]);
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, c.toString());
    }

    @Test
    void clipShorterThanOneWindowMatchesJava() throws Exception {
        ParityCheck c = check("short", SyntheticAudio.chirpWithNoise(200, 4000, 0.4, RATE, 3));
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, c.toString());
    }

    @Test
    void tenMinuteSongMatchesJava() throws Exception {
        ParityCheck c = check("ten minutes", SyntheticAudio.music(600, RATE, 5));
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, c.toString());
    }

    /** W below, at and above K = 5, and a partial last window: every slot must be the Java rule's window. */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 1.7, 4.2, 5.0, 6.5, 11.3, 13.9})
    void windowSelectionMatchesJavaForEveryLength(double seconds) throws Exception {
        ParityCheck c = check(seconds + " s", SyntheticAudio.chirpWithNoise(150, 6000, seconds, RATE, 9));
        assertTrue(c.embeddingError() <= 1e-5, c.toString());
        assertTrue(c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, c.toString());
    }

    @Test
    void singleWindowModelTakesTheMiddleWindow() throws Exception {
        try (EmbeddingModel k1 = new EmbeddingModel(SMALL.withSequenceLength(1), 3)) {
            k1.randomiseBiases(0.3, 4);
            try (OnnxRunner r = runner(k1, FRONT_END)) {
                for (double seconds : new double[] {0.5, 1.0, 2.0, 3.0, 6.4}) {
                    ParityCheck c = ParityCheck.of(k1, FRONT_END, r,
                            SyntheticAudio.chirpWithNoise(150, 6000, seconds, RATE, 10));
                    assertTrue(c.embeddingError() <= 1e-5 && c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, seconds + " s: " + c);
                }
            }
        }
    }

    @Test
    void overlappingFramesMatchJava() throws Exception {
        FrontEndConfig hop256 = new FrontEndConfig(22_050, 1.0, 512, 256, 48, 50.0, 9_000.0, 1e-6);
        ModelConfig config = ModelConfig.forFrontEnd(hop256).withConvChannels(List.of(4, 8)).withGruHidden(8)
                .withEmbeddingSize(6).withSequenceLength(3);
        try (EmbeddingModel m = new EmbeddingModel(config, 11)) {
            m.randomiseBiases(0.3, 12);
            try (OnnxRunner fresh = runner(m, hop256)) {
                for (double seconds : new double[] {0.7, 2.5, 5.2}) {
                    ParityCheck c = ParityCheck.of(m, hop256, fresh, SyntheticAudio.music(seconds, RATE, 2));
                    assertTrue(c.embeddingError() <= 1e-5 && c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, seconds + " s: " + c);
                }
            }
        }
    }

    @Test
    void defaultModelFitsInOneMegabyteAndMatchesJava() throws Exception {
        try (EmbeddingModel m = new EmbeddingModel(ModelConfig.DEFAULT, 21)) {
            m.randomiseBiases(0.1, 22);
            Onnx.ModelProto proto = OnnxExporter.export(m, FRONT_END, ExportOptions.DEFAULT.withLogMelOutput(true),
                    Map.of());
            byte[] contract = OnnxExporter.export(m, FRONT_END, ExportOptions.DEFAULT, Map.of()).toByteArray();
            System.out.printf("default model: %,d bytes%n", contract.length);
            assertTrue(contract.length <= 1_000_000, contract.length + " bytes");
            try (OnnxRunner r = new OnnxRunner(proto.toByteArray())) {
                ParityCheck c = ParityCheck.of(m, FRONT_END, r, SyntheticAudio.music(41.5, RATE, 6));
                System.out.println("default model, 41.5 s: " + c);
                assertTrue(c.embeddingError() <= 1e-5, c.toString());
                assertTrue(c.logMelError() <= GoldenFixtures.LOG_MEL_TOLERANCE, c.toString());
            }
        }
    }

    /**
     * Float64 work took half of a song's time in ONNX Runtime on CPUs without AVX-512: only the high-band channel,
     * whose difference of powers float32 cannot carry, may cast to it.
     */
    @Test
    void onlyTheHighBandChannelComputesInFloat64() {
        long doubles = Onnx.TensorProto.DataType.DOUBLE_VALUE;
        for (FrontEndConfig fe : List.of(FRONT_END, FRONT_END.withCrestChannel(true).withHarmonyChannel(true)
                .withChromaFrames(3), FRONT_END.withHighBandChannel(true))) {
            try (EmbeddingModel m = new EmbeddingModel(ModelConfig.forFrontEnd(fe).withConvChannels(List.of(4, 8))
                    .withGruHidden(8).withEmbeddingSize(6).withSequenceLength(5), 1)) {
                Onnx.GraphProto graph = OnnxExporter.export(m, fe, ExportOptions.DEFAULT, Map.of()).getGraph();
                boolean wide = graph.getInitializerList().stream().anyMatch(t -> t.getDataType() == doubles)
                        || graph.getNodeList().stream().anyMatch(n -> n.getAttributeList().stream()
                                .anyMatch(a -> a.getName().equals("to") && a.getI() == doubles));
                assertEquals(fe.highBandChannel(), wide, fe.toString());
            }
        }
    }

    @Test
    void graphHasMecompsSignatureAndProvenance() {
        try (ModelExport.Source source = new ModelExport.Source(new EmbeddingModel(SMALL, 1), FRONT_END, false,
                Optional.empty())) {
            Onnx.ModelProto proto = ModelExport.build(source, ExportOptions.DEFAULT, "mecomp-embed test",
                    Instant.parse("2026-11-26T00:00:00Z"));
            assertEquals(17, proto.getOpsetImport(0).getVersion());
            assertEquals("", proto.getOpsetImport(0).getDomain());
            Onnx.GraphProto graph = proto.getGraph();
            assertEquals(1, graph.getInputCount());
            assertEquals("audio", graph.getInput(0).getName());
            assertEquals(2, graph.getInput(0).getType().getTensorType().getShape().getDimCount());
            assertEquals(1, graph.getOutputCount());
            assertEquals("embedding", graph.getOutput(0).getName());
            assertEquals(6, graph.getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
            Map<String, String> meta = new java.util.HashMap<>();
            proto.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
            assertEquals("mecomp-embed test", meta.get("tool_version"));
            assertEquals("2026-11-26T00:00:00Z", meta.get("exported"));
            assertEquals("22050", meta.get("sample_rate"));
            assertEquals("5", meta.get("sequence_length"));
            assertEquals("6", meta.get("embedding_size"));
            assertTrue(meta.get("window_selection").contains("round(i(W-1)/(K-1))"), meta.toString());
            java.util.Set<String> ops = new java.util.TreeSet<>();
            graph.getNodeList().forEach(n -> ops.add(n.getOpType()));
            assertTrue(!ops.contains("Min"), "burn-onnx cannot import Min on shape values: " + ops);
            // burn-onnx turns names into Rust identifiers (letters and digits only): they must stay distinct
            java.util.List<String> values = new java.util.ArrayList<>();
            graph.getInitializerList().forEach(t -> values.add(t.getName()));
            graph.getNodeList().forEach(n -> values.addAll(n.getOutputList()));
            java.util.Set<String> identifiers = new java.util.HashSet<>();
            for (String v : values) {
                assertTrue(identifiers.add(v.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT)),
                        "two values share the identifier of " + v);
            }
        }
    }

    @Test
    void refusesAnotherSampleRateWithTheReason() {
        FrontEndConfig fe16 = FRONT_END.withSampleRate(16_000);
        try (EmbeddingModel m = new EmbeddingModel(ModelConfig.forFrontEnd(fe16).withConvChannels(List.of(4))
                .withGruHidden(4).withEmbeddingSize(3), 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OnnxExporter.export(m, fe16, ExportOptions.DEFAULT, Map.of()));
            assertTrue(e.getMessage().contains("MECOMP decodes every song to 22050 Hz"), e.getMessage());
            assertTrue(OnnxExporter.export(m, fe16, ExportOptions.DEFAULT.withAnySampleRate(true), Map.of())
                    .getGraph().getNodeCount() > 0);
        }
    }

    @Test
    void refusesAFrontEndTheModelDoesNotFit() {
        FrontEndConfig other = new FrontEndConfig(22_050, 1.0, 512, 512, 32, 0.0, 8_000.0, 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExporter.export(model, other, ExportOptions.DEFAULT, Map.of()));
        assertTrue(e.getMessage().contains("43 frames x 64 mel bands, the front-end makes 43 x 32 mel bands"),
                e.getMessage());
    }

    @Test
    void batchOfTwoSongsGivesEachSongsOwnEmbedding() throws Exception {
        float[] a = SyntheticAudio.music(6.3, RATE, 31);
        float[] b = SyntheticAudio.chirpWithNoise(300, 5000, 6.3, RATE, 32);
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        byte[] bytes = OnnxExporter.export(model, FRONT_END, ExportOptions.DEFAULT, Map.of()).toByteArray();
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession session = env.createSession(bytes, new ai.onnxruntime.OrtSession.SessionOptions());
             ai.onnxruntime.OnnxTensor in = ai.onnxruntime.OnnxTensor.createTensor(env,
                     java.nio.FloatBuffer.wrap(both), new long[] {2, a.length});
             ai.onnxruntime.OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, in))) {
            float[][] rows = (float[][]) result.get(0).getValue();
            assertEquals(2, rows.length);
            assertTrue(ParityCheck.maxAbs(rows[0], runner.run(a).embedding()) <= 1e-6);
            assertTrue(ParityCheck.maxAbs(rows[1], runner.run(b).embedding()) <= 1e-6);
            assertTrue(ParityCheck.maxAbs(rows[0], rows[1]) > 1e-3, "the two songs differ");
        }
    }

    private static OnnxRunner runner(EmbeddingModel m, FrontEndConfig fe) throws Exception {
        return new OnnxRunner(OnnxExporter.export(m, fe, ExportOptions.DEFAULT.withLogMelOutput(true), Map.of())
                .toByteArray());
    }
}
