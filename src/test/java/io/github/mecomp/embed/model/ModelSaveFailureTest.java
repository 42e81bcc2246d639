package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.io.OutputWriteException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model (a training checkpoint) that cannot be written says which one, and what is in the way. */
class ModelSaveFailureTest {

    @TempDir
    Path dir;

    @Test
    void aSaveThatFailsNamesTheModelFolder() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("run"), "a file where the run folder should be");
        Path checkpoint = notAFolder.resolve("checkpoints/epoch-1");
        try (EmbeddingModel model = new EmbeddingModel(ModelTestData.TINY, 1)) {
            OutputWriteException e = assertThrows(OutputWriteException.class, () -> model.save(checkpoint));
            assertEquals(checkpoint, e.target());
            assertTrue(e.getMessage().startsWith("cannot write " + checkpoint + ": "), e.getMessage());
        }
    }
}
