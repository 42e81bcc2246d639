package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimiser settings added after the first models (weight decay, dropout) are absent from model.json while
 * off, so that models saved before them still load as they were, and saved with the model when on, so that a
 * resumed run goes on with them.
 */
class TrainingHyperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("weightDecay", TrainingHyper.DEFAULT.withWeightDecay(0.05)),
                Arguments.of("dropout", TrainingHyper.DEFAULT.withDropout(0.2)));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void aSettingIsAbsentFromJsonWhenOffAndSavedWithTheModelWhenOn(String name, TrainingHyper hyper,
            @TempDir Path dir) throws Exception {
        String off = JSON.writeValueAsString(TrainingHyper.DEFAULT);
        assertFalse(off.contains(name), "absent when off: " + off);
        assertEquals(TrainingHyper.DEFAULT, JSON.readValue(off, TrainingHyper.class), "a file without it reads as off");
        String on = JSON.writeValueAsString(hyper);
        assertTrue(on.contains(name), on);
        assertEquals(hyper, JSON.readValue(on, TrainingHyper.class));
        try (EmbeddingModel model = new EmbeddingModel(ModelTestData.TINY, 3)) {
            model.setHyper(hyper);
            model.save(dir.resolve("m"));
            try (EmbeddingModel loaded = EmbeddingModel.loadToResume(dir.resolve("m"))) {
                assertEquals(hyper, loaded.hyper());
            }
        }
    }
}
