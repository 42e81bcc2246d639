package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherTest {

    @TempDir
    Path dir;

    private Teacher teacher() throws IOException {
        return Teacher.read(Files.write(dir.resolve("t.csv"),
                List.of("clip_id,a,b", "x,0,0", "setA/y,3,4", "y,30,40")));
    }

    @Test
    void aRowNamesAClipByKeyFirstThenByClipId() throws IOException {
        Teacher t = teacher();
        assertArrayEquals(new float[] {3, 4}, t.vectorFor("setA/y"));
        assertArrayEquals(new float[] {30, 40}, t.vectorFor("setB/y"), "another set's y: by clip id");
        assertArrayEquals(new float[] {0, 0}, t.vectorFor("setB/x"));
        assertNull(t.vectorFor("setB/z"));
        assertEquals(2, t.dimensions());
        assertEquals(64, t.sha256().length());
    }

    @Test
    void pairsOfABatchMaskClipsWithoutARow() throws IOException {
        var pairs = teacher().pairs(List.of("s/x", "setA/y", "s/z"));
        assertEquals(2, pairs.countedPairs());
        assertEquals(1.0, pairs.distances()[1], 1e-6, "one pair: its distance is the mean");
    }

    @Test
    void aTeacherCoveringNoTrainingClipIsRefused() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> teacher().requireCoverage(List.of("s/p", "s/q")));
        assertTrue(e.getMessage().contains("t.csv"), e.getMessage());
        assertEquals(1, teacher().requireCoverage(List.of("s/p", "s/x")));
    }

    @Test
    void theTrainerRefusesATeacherWeightWithoutVectors() {
        TrainingConfig config = TrainingConfig.DEFAULT.toBuilder()
                .loss(LossSettings.TRIPLET.withKind(LossSettings.Kind.BATCH_ALL).withTeacherWeight(1)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config, null, null, null));
        assertTrue(e.getMessage().contains("no teacher vectors"), e.getMessage());
    }
}
