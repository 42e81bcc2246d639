package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The exponential moving average of the weights: its arithmetic, its swap, and how it is saved and resumed. */
class WeightAverageTest {

    private static final ModelConfig TINY = ModelTestData.TINY;

    @TempDir
    Path dir;

    @Test
    void averageFollowsTheFormulaOverAToySequenceOfSteps() {
        try (EmbeddingModel model = new EmbeddingModel(TINY, 1, DataType.DOUBLE)) {
            model.setHyper(TrainingHyper.DEFAULT.withMargin(4.5)); // every step moves the weights
            double decay = 0.9;
            model.setWeightAverage(decay);
            Map<String, double[]> expected = snapshot(model);
            Random random = new Random(5);
            for (int t = 1; t <= 5; t++) {
                model.trainStep(ModelTestData.gaussian(random, 6, 2, TINY));
                double d = Math.min(decay, (1.0 + t) / (10.0 + t)); // 0.18, 0.25, 0.31, 0.36, 0.4
                Map<String, double[]> w = snapshot(model);
                for (String name : expected.keySet()) {
                    double[] e = expected.get(name);
                    for (int i = 0; i < e.length; i++) {
                        e[i] = d * e[i] + (1 - d) * w.get(name)[i];
                    }
                }
            }
            Map<String, INDArray> averaged = model.averagedWeights();
            for (String name : expected.keySet()) {
                assertArrayEquals(expected.get(name), averaged.get(name).ravel().toDoubleVector(), 1e-12, name);
            }
            assertFalse(java.util.Arrays.equals(expected.get(WeightNames.PROJ_W),
                    snapshot(model).get(WeightNames.PROJ_W)), "the average lags the trained weights");
        }
    }

    @Test
    void swappingTwiceRestoresTheTrainedWeightsExactly() {
        try (EmbeddingModel model = new EmbeddingModel(TINY, 1, DataType.FLOAT)) {
            assertThrows(IllegalStateException.class, model::swapAveragedWeights);
            model.setWeightAverage(0.99);
            model.setHyper(TrainingHyper.DEFAULT.withMargin(4.5));
            model.trainStep(ModelTestData.gaussian(new Random(6), 6, 2, TINY));
            Map<String, double[]> trained = snapshot(model);
            Map<String, INDArray> average = model.averagedWeights();
            model.swapAveragedWeights();
            assertArrayEquals(average.get(WeightNames.PROJ_W).ravel().toDoubleVector(),
                    model.array(WeightNames.PROJ_W).ravel().toDoubleVector(), 0);
            model.swapAveragedWeights();
            for (String name : trained.keySet()) {
                assertArrayEquals(trained.get(name), model.array(name).ravel().toDoubleVector(), 0, name);
            }
        }
    }

    @Test
    void savedModelHoldsTheAverageAndResumesWithBoth() throws IOException {
        Random random = new Random(7);
        List<float[][][][]> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batches.add(ModelTestData.gaussian(random, 6, 2, TINY));
        }
        try (EmbeddingModel straight = averagingModel(); EmbeddingModel first = averagingModel()) {
            batches.forEach(straight::trainStep);
            first.trainStep(batches.get(0));
            first.trainStep(batches.get(1));
            Map<String, INDArray> averageAfterTwo = first.averagedWeights();
            first.save(dir.resolve("m"));
            assertTrue(Files.isRegularFile(dir.resolve("m/training/" + WeightNames.PROJ_W + ".npy")));
            try (EmbeddingModel used = EmbeddingModel.load(dir.resolve("m"))) {
                assertEquals(0, used.weightAverage());
                assertArrayEquals(averageAfterTwo.get(WeightNames.PROJ_W).ravel().toDoubleVector(),
                        used.array(WeightNames.PROJ_W).ravel().toDoubleVector(), 0,
                        "the saved weights are the average");
            }
            try (EmbeddingModel resumed = EmbeddingModel.loadToResume(dir.resolve("m"))) {
                resumed.trainStep(batches.get(2));
                resumed.trainStep(batches.get(3));
                Map<String, INDArray> a = straight.averagedWeights();
                Map<String, INDArray> b = resumed.averagedWeights();
                for (String name : straight.trainableNames()) {
                    assertArrayEquals(straight.array(name).ravel().toDoubleVector(),
                            resumed.array(name).ravel().toDoubleVector(), 0, name);
                    assertArrayEquals(a.get(name).ravel().toDoubleVector(), b.get(name).ravel().toDoubleVector(), 0,
                            name + " average");
                }
            }
        }
    }

    @Test
    void modelWithoutAverageSavesNoTrainingFolder() throws IOException {
        try (EmbeddingModel model = new EmbeddingModel(TINY, 1, DataType.FLOAT)) {
            model.save(dir.resolve("plain"));
        }
        assertFalse(Files.exists(dir.resolve("plain/training")));
        assertFalse(Files.readString(dir.resolve("plain/model.json")).contains("average"));
    }

    private static EmbeddingModel averagingModel() {
        EmbeddingModel m = new EmbeddingModel(TINY, 3, DataType.FLOAT);
        m.setHyper(TrainingHyper.DEFAULT.withMargin(4.5));
        m.setWeightAverage(0.9);
        return m;
    }

    private static Map<String, double[]> snapshot(EmbeddingModel model) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String name : model.trainableNames()) {
            out.put(name, model.array(name).ravel().toDoubleVector());
        }
        return out;
    }
}
