package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingConfigTest {

    private final TrainingConfig c = TrainingConfig.DEFAULT;

    @Test
    void learningRateWarmsUpThenDecaysToTheFloor() {
        long total = 1000;
        assertEquals(c.learningRate() / c.warmupSteps(), c.learningRateAt(0, total), 1e-12);
        assertEquals(c.learningRate(), c.learningRateAt(c.warmupSteps() - 1, total), 1e-12);
        assertEquals(c.learningRate(), c.learningRateAt(c.warmupSteps(), total), 1e-12);
        assertEquals(c.learningRate() * c.minLearningRateFraction(), c.learningRateAt(total, total), 1e-12);
        for (long s = c.warmupSteps(); s < total; s++) {
            assertTrue(c.learningRateAt(s + 1, total) <= c.learningRateAt(s, total) + 1e-15, "monotone after warm-up");
        }
    }

    @Test
    void textLeavesOutMasksThatAreOffSoOlderRunsResume() {
        assertEquals("TrainingConfig[seed=42, maxEpochs=10, tripletsPerEpoch=6000, patience=4, batchTriplets=16,"
                + " trainWindows=10, learningRate=0.001, warmupSteps=100, minLearningRateFraction=0.05, margin=0.2,"
                + " hardNegativesFromEpoch=6, gainDb=6.0, loss=LossSettings[kind=TRIPLET, groups=8, clipsPerGroup=4,"
                + " softMargin=false, teacherWeight=0.0], weightAverage=0.0]", TrainingConfig.DEFAULT.toString());
        org.junit.jupiter.api.Assertions.assertTrue(TrainingConfig.DEFAULT.toBuilder().maskBands(8).build().toString()
                .endsWith("weightAverage=0.0, maskBands=8, maskFrames=0]"));
        org.junit.jupiter.api.Assertions.assertTrue(TrainingConfig.DEFAULT.toBuilder().weightDecay(0.05).build()
                .toString().endsWith("weightAverage=0.0, weightDecay=0.05]"));
        org.junit.jupiter.api.Assertions.assertTrue(TrainingConfig.DEFAULT.toBuilder().dropout(0.2).build()
                .toString().endsWith("weightAverage=0.0, dropout=0.2]"));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.DEFAULT.toBuilder().dropout(1).build());
        org.junit.jupiter.api.Assertions.assertEquals(0.2, TrainingConfig.DEFAULT.toBuilder().margin(0.3).dropout(0.2)
                .weightDecay(0.05).build().hyper(io.github.mecomp.embed.model.TrainingHyper.DEFAULT).dropout());
        org.junit.jupiter.api.Assertions.assertTrue(TrainingConfig.DEFAULT.toBuilder().spreadCrops(SpreadCrops.ALL)
                .build().toString().endsWith("weightAverage=0.0, spreadCrops=true]"));
        TrainingConfig.Builder batchAll = TrainingConfig.DEFAULT.toBuilder()
                .loss(LossSettings.TRIPLET.withKind(LossSettings.Kind.BATCH_ALL));
        org.junit.jupiter.api.Assertions.assertTrue(batchAll.spreadCrops(SpreadCrops.of(List.of("album", "artist")))
                .build().toString().endsWith("spreadCrops=[album, artist]]"));
        org.junit.jupiter.api.Assertions.assertTrue(TrainingConfig.DEFAULT.toBuilder()
                .spreadCrops(SpreadCrops.ALL.withShare(0.5)).build().toString().endsWith("spreadCrops=true (share 0.5)]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                TrainingConfig.DEFAULT.toBuilder().weightDecay(-1).build());
        assertTrue(e.getMessage().contains("weightDecay"));
        e = assertThrows(IllegalArgumentException.class, () ->
                TrainingConfig.DEFAULT.toBuilder().spreadCrops(SpreadCrops.of(List.of("album"))).build());
        assertTrue(e.getMessage().contains("spread crops for named relations need a group loss"), e.getMessage());
    }

    @Test
    void rejectsMarginOutsideTheRangeOfUnitVectorDistances() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                c.toBuilder().margin(4.5).build());
        assertTrue(e.getMessage().contains("margin"));
    }

    @Test
    void curvesAreWrittenAsPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("curves.png");
        TrainingCurves.write(png, List.of(
                new EpochRecord(1, 0.2, 0.6, Map.of(), 1e-3, 10, 50),
                new EpochRecord(2, 0.15, 0.7, Map.of(), 5e-4, 10, 50)));
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        assertEquals('N', head[2]);
        assertEquals('G', head[3]);
    }
}
