package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mecomp.embed.audio.FrontEndConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void defaultConfigHas199968ParametersAndWeighsUnderOneMegabyte() {
        ModelConfig c = ModelConfig.DEFAULT;
        // conv 160 + 4,640 + 18,496 + 73,856; GRU 3 * 128 * (128 + 128 + 1) = 98,688; projection 4,128
        assertEquals(199_968, c.parameterCount());
        assertTrue(c.parameterCount() <= 250_000);
        assertEquals(4L * (199_968 + 128), c.weightBytes());
        assertTrue(c.weightBytes() <= 1_000_000, "weight bytes " + c.weightBytes());
    }

    @Test
    void defaultConfigTakesTheDefaultFrontEndsWindows() {
        assertEquals(43, ModelConfig.DEFAULT.inputFrames());
        assertEquals(64, ModelConfig.DEFAULT.inputBands());
        assertEquals(ModelConfig.DEFAULT, ModelConfig.forFrontEnd(FrontEndConfig.DEFAULT));
        ModelConfig at16k = ModelConfig.forFrontEnd(FrontEndConfig.DEFAULT.withSampleRate(16_000));
        assertEquals(FrontEndConfig.DEFAULT.withSampleRate(16_000).framesPerWindow(), at16k.inputFrames());
        assertEquals(30, at16k.sequenceLength());
    }

    @Test
    void parameterCountMatchesTheArraysTheModelHolds() {
        for (ModelConfig c : List.of(ModelConfig.DEFAULT, ModelTestData.TINY, ModelTestData.SMALL)) {
            long n = 0;
            for (String name : WeightNames.trainable(c)) {
                long size = 1;
                for (long d : WeightNames.shape(c, name)) {
                    size *= d;
                }
                n += size;
            }
            assertEquals(c.parameterCount(), n, c.toString());
        }
    }

    @Test
    void convolutionShapesFollowStridePaddingAndPooling() {
        List<int[]> shapes = ModelConfig.DEFAULT.convOutputShapes();
        assertArrayEquals(new int[] {22, 32}, shapes.get(0)); // stride 2, pad 1
        assertArrayEquals(new int[] {11, 16}, shapes.get(1)); // after a 2x2 pool
        assertArrayEquals(new int[] {5, 8}, shapes.get(2));
        assertArrayEquals(new int[] {2, 4}, shapes.get(3));
    }

    @Test
    void rejectsInputTooSmallForTheLayersNamingTheFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelConfig(4, 4, List.of(8, 8, 8, 8), 2, 8, 4, 5));
        assertTrue(e.getMessage().contains("inputFrames") && e.getMessage().contains("convChannels"),
                e.getMessage());
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        ModelConfig d = ModelConfig.DEFAULT;
        assertMessage("gruHidden", () -> d.withGruHidden(0));
        assertMessage("embeddingSize", () -> d.withEmbeddingSize(0));
        assertMessage("sequenceLength", () -> d.withSequenceLength(0));
        assertMessage("convChannels", () -> d.withConvChannels(List.of()));
        assertMessage("convChannels", () -> d.withConvChannels(List.of(16, 0)));
        assertMessage("firstConvStride", () -> d.withFirstConvStride(0));
        assertMessage("inputBands", () -> d.withInput(43, 0));
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(ModelConfig.DEFAULT);
        assertTrue(text.contains("\"convChannels\":[16,32,64,128]"), text);
        assertTrue(!text.contains("parameterCount"), text);
        assertEquals(ModelConfig.DEFAULT, json.readValue(text, ModelConfig.class));
        assertEquals(TrainingHyper.DEFAULT, json.readValue(json.writeValueAsString(TrainingHyper.DEFAULT),
                TrainingHyper.class));
    }

    @Test
    void levelFloorIsLeftOutOfV1JsonAndRoundTripsWhenSet() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertTrue(!json.writeValueAsString(ModelConfig.DEFAULT).contains("levelFloor"), "v1 files stay as they were");
        ModelConfig levelled = ModelConfig.DEFAULT.withLevelFloor(1e-6);
        String text = json.writeValueAsString(levelled);
        assertTrue(text.contains("\"levelFloor\":1.0E-6"), text);
        assertEquals(levelled, json.readValue(text, ModelConfig.class));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.DEFAULT.withLevelFloor(-1));
    }

    @Test
    void crestChannelTakesTheLastInputValueAndFollowsTheFrontEnd() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertTrue(!json.writeValueAsString(ModelConfig.DEFAULT).contains("crestChannel"), "files stay as they were");
        FrontEndConfig fe = FrontEndConfig.DEFAULT.withCrestChannel(true);
        ModelConfig crest = ModelConfig.forFrontEnd(fe);
        assertTrue(crest.crestChannel());
        assertEquals(65, crest.inputBands());
        assertEquals(64, crest.melBands());
        assertEquals(129, crest.windowFeatureSize());
        assertEquals(ModelConfig.DEFAULT.parameterCount() + 3L * crest.gruHidden(), crest.parameterCount());
        assertEquals(ModelConfig.DEFAULT.convOutputShapes().get(0)[1], crest.convOutputShapes().get(0)[1],
                "the CNN reads the mel bands only");
        String text = json.writeValueAsString(crest.withLevelFloor(1e-6));
        assertTrue(text.contains("\"crestChannel\":true"), text);
        assertEquals(crest.withLevelFloor(1e-6), json.readValue(text, ModelConfig.class));
        assertNull(crest.frontEndMismatch(fe));
        assertEquals("the model takes windows of 43 frames x 64 mel bands + the crest channel (--crest-channel),"
                + " the front-end makes 43 x 64 mel bands", crest.frontEndMismatch(FrontEndConfig.DEFAULT));
        assertNotNull(ModelConfig.DEFAULT.frontEndMismatch(fe));
        assertMessage("inputBands",
                () -> new ModelConfig(8, 1, List.of(2), 1, 2, 2, 2, 0, true, false, false, false, false, false, false));
    }

    @Test
    void chromaChannelTakesTwelveValuesAfterTheCrestFactor() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertTrue(!json.writeValueAsString(ModelConfig.DEFAULT).contains("chromaChannel"), "files stay as they were");
        FrontEndConfig fe = FrontEndConfig.DEFAULT.withCrestChannel(true).withChromaChannel(true);
        ModelConfig both = ModelConfig.forFrontEnd(fe);
        assertTrue(both.chromaChannel() && both.crestChannel());
        assertEquals(77, both.inputBands());
        assertEquals(64, both.melBands());
        assertEquals(13, both.sideValues());
        assertEquals(141, both.windowFeatureSize());
        String text = json.writeValueAsString(both);
        assertEquals(both, json.readValue(text, ModelConfig.class));
        assertNull(both.frontEndMismatch(fe));
        assertEquals("the model takes windows of 43 frames x 64 mel bands + the crest channel (--crest-channel)"
                + " + the chroma channel (--chroma-channel), the front-end makes 43 x 64 mel bands + the crest channel"
                + " (--crest-channel)", both.frontEndMismatch(fe.withChromaChannel(false)));
        assertTrue(!FrontEndConfig.DEFAULT.key().contains("chroma") && fe.key().endsWith("+crest+chroma"));
        assertMessage("inputBands",
                () -> new ModelConfig(8, 12, List.of(2), 1, 2, 2, 2, 0, false, true, false, false, false,
                        false, false));
        ModelConfig harmony = ModelConfig.forFrontEnd(fe.withHarmonyChannel(true));
        assertEquals(83, harmony.inputBands());
        assertEquals(19, harmony.sideValues());
        assertEquals(harmony, json.readValue(json.writeValueAsString(harmony), ModelConfig.class));
        assertTrue(fe.withHarmonyChannel(true).key().endsWith("+crest+chroma+harmony"));
        assertTrue(!json.writeValueAsString(both).contains("harmonyChannel"), "absent when off");
    }

    @Test
    void windowMeanWidensTheProjectionAndIsAbsentFromJsonWhenOff() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ModelConfig mean = ModelConfig.DEFAULT.withWindowMean(true);
        assertEquals(256, mean.songVectorSize());
        assertEquals(ModelConfig.DEFAULT.parameterCount() + 128L * 32, mean.parameterCount());
        assertEquals(mean, json.readValue(json.writeValueAsString(mean), ModelConfig.class));
        assertTrue(json.writeValueAsString(mean).contains("\"windowMean\":true"));
        assertTrue(!json.writeValueAsString(ModelConfig.DEFAULT).contains("windowMean"), "absent when off");
    }

    @Test
    void windowSdWidensTheProjectionBesideTheMeanAndIsAbsentFromJsonWhenOff() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ModelConfig sd = ModelConfig.DEFAULT.withWindowSd(true);
        ModelConfig both = sd.withWindowMean(true);
        assertEquals(256, sd.songVectorSize());
        assertEquals(384, both.songVectorSize());
        assertEquals(ModelConfig.DEFAULT.parameterCount() + 2 * 128L * 32, both.parameterCount());
        assertEquals(both, json.readValue(json.writeValueAsString(both), ModelConfig.class));
        assertTrue(json.writeValueAsString(sd).contains("\"windowSd\":true"));
        assertTrue(!json.writeValueAsString(ModelConfig.DEFAULT).contains("windowSd"), "absent when off");
    }

    @Test
    void songHarmonyTakesTheChromaOutOfTheWindowVectorsAndAddsSixProjectionRows() throws Exception {
        ObjectMapper json = new ObjectMapper();
        FrontEndConfig frontEnd = FrontEndConfig.DEFAULT.withCrestChannel(true).withChromaChannel(true)
                .withHarmonyChannel(true);
        ModelConfig windows = ModelConfig.forFrontEnd(frontEnd).withWindowMean(true);
        ModelConfig song = windows.withSongHarmony(true);
        assertEquals(128 + 1 + 12 + 6, windows.windowFeatureSize());
        assertEquals(128 + 1 + 6, song.windowFeatureSize(), "crest and harmony, no chroma");
        assertEquals(128 + 135 + 6, song.songVectorSize());
        assertEquals(windows.parameterCount() - 3L * 128 * 12 - 12L * 32 + 6L * 32, song.parameterCount());
        assertEquals(1, song.chromaOffset());
        assertEquals(13, song.harmonyOffset(), "after the crest factor and the twelve shares");
        assertEquals(song, json.readValue(json.writeValueAsString(song), ModelConfig.class));
        assertTrue(json.writeValueAsString(song).contains("\"songHarmony\":true"));
        assertTrue(!json.writeValueAsString(windows).contains("songHarmony"), "absent when off");
        assertMessage("chromaChannel and harmonyChannel", () -> ModelConfig.forFrontEnd(
                FrontEndConfig.DEFAULT.withHarmonyChannel(true)).withSongHarmony(true));
        assertMessage("chromaChannel and harmonyChannel", () -> ModelConfig.forFrontEnd(
                FrontEndConfig.DEFAULT.withChromaChannel(true)).withSongHarmony(true));
    }

    @Test
    void trainingHyperDefaultsAndValidation() {
        assertEquals(0.2, TrainingHyper.DEFAULT.margin());
        assertEquals(1e-3, TrainingHyper.DEFAULT.learningRate());
        assertMessage("learningRate", () -> TrainingHyper.DEFAULT.withLearningRate(-1));
        assertMessage("margin", () -> TrainingHyper.DEFAULT.withMargin(Double.NaN));
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void highBandChannelFollowsTheCrestFactorAndComesBeforeTheChroma() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertTrue(!json.writeValueAsString(ModelConfig.DEFAULT).contains("highBand"), "files stay as they were");
        FrontEndConfig fe = FrontEndConfig.DEFAULT.withCrestChannel(true).withHighBandChannel(true)
                .withChromaChannel(true);
        ModelConfig model = ModelConfig.forFrontEnd(fe);
        assertTrue(model.highBandChannel());
        assertEquals(64 + 2 + 12, model.inputBands());
        assertEquals(64, model.melBands());
        assertEquals(2, model.chromaOffset(), "after the crest factor and the high-band share");
        assertEquals(128 + 14, model.windowFeatureSize());
        String text = json.writeValueAsString(model);
        assertTrue(text.contains("\"highBandChannel\":true"), text);
        assertEquals(model, json.readValue(text, ModelConfig.class));
        assertNull(model.frontEndMismatch(fe));
        assertTrue(model.frontEndMismatch(fe.withHighBandChannel(false)).contains("(--high-band-channel)"));
    }
}
