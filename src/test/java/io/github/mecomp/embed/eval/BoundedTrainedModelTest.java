package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A trained model, given only the windows it selects (no cache), embeds a song as it does from all its windows. */
class BoundedTrainedModelTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(doubles = {0.6, 3.2, 12.7})
    void selectedWindowsGiveTheWholeSongsEmbedding(double seconds) throws Exception {
        float[] x = TestAudio.sine(330, 0.4, seconds, 44_100);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (0.3 * Math.sin(2 * Math.PI * (500 + 90 * i / 44_100.0) * i / 44_100.0));
        }
        Path file = TestAudio.writeWav(dir.resolve("song.wav"), x, 44_100);
        FrontEnd frontEnd = new FrontEnd(FrontEndConfig.DEFAULT);
        EmbeddingModel model = new EmbeddingModel(ModelConfig.DEFAULT.withSequenceLength(4), 7);
        try (TrainedModelSource source = new TrainedModelSource("m", model, frontEnd, 1)) {
            float[] whole = model.embedSong(frontEnd.logMel().windows(frontEnd.loader().load(file)));

            assertArrayEquals(whole, source.embedFile(file), "a " + seconds + "-second song, K = 4");
        }
    }
}
