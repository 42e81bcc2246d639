package io.github.mecomp.embed.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.HumanSplit;
import io.github.mecomp.embed.data.MinedTriplet;
import io.github.mecomp.embed.data.MiningConfig;
import io.github.mecomp.embed.data.Split;
import io.github.mecomp.embed.data.Triplet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    @TempDir
    Path dir;

    /**
     * A stand-in model whose state moves deterministically with every batch it sees, so that any difference
     * in the batches, their order or the learning rates shows in its final state.
     */
    static class FakeTrainee implements Trainee {
        double[] w;

        FakeTrainee(long seed) {
            w = new double[] {seed % 7, 1};
        }

        @Override
        public double trainStep(TrainingBatch batch, double learningRate) {
            double loss = 0;
            for (int i = 0; i < batch.data().length; i += 97) {
                loss += batch.data()[i];
            }
            loss = Math.abs(loss) * 1e-3 + w[1];
            w[0] += learningRate * batch.data()[batch.data().length / 2];
            w[1] = 0.9 * w[1] + learningRate * batch.keys().get(2 * batch.triplets()).hashCode() % 3;
            return loss;
        }

        /** Group steps move the state by the batch's data and the number of its triplets. */
        @Override
        public double trainStep(GroupBatch batch, io.github.mecomp.embed.model.GroupLoss loss, double learningRate) {
            groupSteps++;
            lastGroupBatchSize = batch.keys().size();
            w[0] += learningRate * batch.data()[batch.data().length / 3];
            w[1] = 0.9 * w[1] + learningRate * batch.masks().tripletCount() % 5;
            return w[1];
        }

        int groupSteps;
        int lastGroupBatchSize;

        @Override
        public float[][] embedRows(TrainingBatch batch) {
            int rows = 3 * batch.triplets();
            int size = batch.data().length / rows;
            float[][] out = new float[rows][];
            for (int r = 0; r < rows; r++) {
                out[r] = new float[] {(float) (w[0] * batch.data()[r * size]), (float) w[1]};
            }
            return out;
        }

        @Override
        public float[] embedSong(float[][][] windows) {
            return new float[] {(float) (w[0] * windows[0][0][0]), (float) (w[1] * windows.length)};
        }

        @Override
        public void save(Path d) throws IOException {
            Files.createDirectories(d);
            Files.writeString(d.resolve("w.txt"), Double.toString(w[0]) + " " + w[1]);
        }

        @Override
        public void close() {
        }
    }

    static class FakeFactory implements Trainee.Factory {
        FakeTrainee last;

        @Override
        public Trainee create(long seed) {
            return last = new FakeTrainee(seed);
        }

        @Override
        public Trainee load(Path d) throws IOException {
            String[] parts = Files.readString(d.resolve("w.txt")).split(" ");
            last = new FakeTrainee(0);
            last.w = new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
            return last;
        }
    }

    /** Four artists of six clips; clip values differ so that crops and choices matter. */
    static Trainer.Data data() {
        List<Clip> clips = new ArrayList<>();
        Map<String, float[][][]> windows = new HashMap<>();
        for (int a = 0; a < 4; a++) {
            for (int c = 0; c < 6; c++) {
                String id = "a" + a + "c" + c;
                clips.add(new Clip(id, Path.of("/x/" + id), Split.TRAIN, Map.of("artist", "A" + a)));
                float[][][] w = new float[5 + c][2][3];
                for (int i = 0; i < w.length; i++) {
                    for (float[] f : w[i]) {
                        java.util.Arrays.fill(f, a * 10 + c + 0.1f * i);
                    }
                }
                windows.put("s/" + id, w);
            }
        }
        Dataset set = new Dataset("s", Path.of("/x"), clips, Map.of());
        List<MinedTriplet> train = new ArrayList<>();
        List<MinedTriplet> validation = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            for (int c = 0; c < 5; c++) {
                MinedTriplet m = new MinedTriplet(new Triplet("a" + a + "c" + c, "a" + a + "c" + (c + 1),
                        "a" + ((a + 1) % 4) + "c" + c), "s", "artist");
                (a == 3 ? validation : train).add(m);
            }
        }
        return new Trainer.Data(train, validation, ClipLibrary.of(windows),
                new PairRule(List.of(set), MiningConfig.defaults()));
    }

    private static TrainingConfig config(int epochs) {
        return TrainingConfig.DEFAULT.toBuilder().maxEpochs(epochs).tripletsPerEpoch(12).batchTriplets(4)
                .trainWindows(3).warmupSteps(2).patience(100).hardNegativesFromEpoch(2).build();
    }

    @Test
    void resumedRunRepeatsTheUninterruptedOne() throws IOException {
        FakeFactory straight = new FakeFactory();
        Trainer.Result whole = new Trainer(config(4), straight, null).run(data(), dir.resolve("a"), "setup", false);

        FakeFactory killed = new FakeFactory();
        TrainingListener killAtEpoch3 = new TrainingListener() {
            @Override
            public void stepDone(int epoch, int step, double loss, double lr) {
                if (epoch == 3 && step == 2) {
                    throw new IllegalStateException("kill -9");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> new Trainer(config(4), killed, killAtEpoch3).run(data(), dir.resolve("b"), "setup", false));
        FakeFactory resumed = new FakeFactory();
        Trainer.Result after = new Trainer(config(4), resumed, null).run(data(), dir.resolve("b"), "setup", true);

        assertArrayEquals(straight.last.w, resumed.last.w, "final weights");
        assertEquals(whole.state().globalStep(), after.state().globalStep());
        assertEquals(whole.state().bestEpoch(), after.state().bestEpoch());
        for (int e = 0; e < 4; e++) {
            assertEquals(whole.state().history().get(e).trainLoss(), after.state().history().get(e).trainLoss(), 0,
                    "loss of epoch " + (e + 1));
            assertEquals(whole.state().history().get(e).validationAccuracy(),
                    after.state().history().get(e).validationAccuracy(), 0);
        }
    }

    @Test
    void groupLossRunsPkBatchesAndResumesExactly() throws IOException {
        TrainingConfig config = config(3).toBuilder()
                .loss(LossSettings.TRIPLET.withKind(LossSettings.Kind.BATCH_HARD).withBatch(2, 3)).build();
        FakeFactory straight = new FakeFactory();
        new Trainer(config, straight, null).run(data(), dir.resolve("a"), "setup", false);
        assertEquals(3 * 3, straight.last.groupSteps, "12 triplets per epoch / 4 per batch = 3 steps an epoch");
        assertEquals(6, straight.last.lastGroupBatchSize);

        TrainingListener killAtEpoch2 = new TrainingListener() {
            @Override
            public void stepDone(int epoch, int step, double loss, double lr) {
                if (epoch == 2 && step == 2) {
                    throw new IllegalStateException("kill -9");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> new Trainer(config, new FakeFactory(), killAtEpoch2)
                        .run(data(), dir.resolve("b"), "setup", false));
        FakeFactory resumed = new FakeFactory();
        new Trainer(config, resumed, null).run(data(), dir.resolve("b"), "setup", true);
        assertArrayEquals(straight.last.w, resumed.last.w, "final weights");
    }

    @Test
    void keepsOnlyTheLastAndBestCheckpointsAndDrawsCurves() throws IOException {
        Trainer.Result r = new Trainer(config(3), new FakeFactory(), null).run(data(), dir, "setup", false);
        try (var list = Files.list(dir.resolve("checkpoints"))) {
            long n = list.count();
            assertTrue(n >= 1 && n <= 2, n + " checkpoints kept");
        }
        assertTrue(Files.isRegularFile(r.bestCheckpoint().resolve("w.txt")));
        assertTrue(Files.isRegularFile(dir.resolve("curves.png")));
        assertEquals(3, r.state().history().size());
        assertFalse(r.stoppedEarly());
    }

    /** The same data with no validation triplets: the final run of a recipe, on every training triplet. */
    static Trainer.Data withoutValidation() {
        Trainer.Data d = data();
        return new Trainer.Data(d.train(), List.of(), d.library(), d.rule());
    }

    @Test
    void withoutValidationEveryEpochRunsAndTheLastIsTheModel() throws IOException {
        // patience 1: a run that ranked epochs by a missing accuracy would stop after its second
        TrainingConfig config = config(4).toBuilder().patience(1).build();
        FakeFactory factory = new FakeFactory();
        Trainer.Result r = new Trainer(config, factory, null).run(withoutValidation(), dir, "setup", false);

        assertEquals(4, r.state().history().size());
        assertFalse(r.stoppedEarly());
        assertEquals(4, r.state().bestEpoch());
        assertEquals(dir.resolve("checkpoints/epoch-4"), r.bestCheckpoint());
        assertEquals(Double.toString(factory.last.w[0]) + " " + factory.last.w[1],
                Files.readString(r.bestCheckpoint().resolve("w.txt")), "the model is the last epoch's weights");
        assertTrue(r.state().history().stream().allMatch(e -> Double.isNaN(e.validationAccuracy())
                && e.validationByPart().isEmpty()), "no validation figure is made up");
        assertTrue(Files.isRegularFile(dir.resolve("curves.png")));
    }

    @Test
    void aRunWithoutValidationResumesExactly() throws IOException {
        FakeFactory straight = new FakeFactory();
        new Trainer(config(3), straight, null).run(withoutValidation(), dir.resolve("a"), "setup", false);
        TrainingListener killAtEpoch3 = new TrainingListener() {
            @Override
            public void stepDone(int epoch, int step, double loss, double lr) {
                if (epoch == 3 && step == 1) {
                    throw new IllegalStateException("kill -9");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> new Trainer(config(3), new FakeFactory(), killAtEpoch3)
                .run(withoutValidation(), dir.resolve("b"), "setup", false));
        FakeFactory resumed = new FakeFactory();
        Trainer.Result after = new Trainer(config(3), resumed, null)
                .run(withoutValidation(), dir.resolve("b"), "setup", true);
        assertArrayEquals(straight.last.w, resumed.last.w, "final weights");
        assertEquals(3, after.state().bestEpoch());
    }

    @Test
    void refusesToOverwriteARunWithoutResume() throws IOException {
        new Trainer(config(1), new FakeFactory(), null).run(data(), dir, "setup", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(1), new FakeFactory(), null).run(data(), dir, "setup", false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void refusesToResumeWithOtherSettings() throws IOException {
        new Trainer(config(1), new FakeFactory(), null).run(data(), dir, "setup", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(2), new FakeFactory(), null).run(data(), dir, "other data", true));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }

    @Test
    void patienceCountsEpochsSinceTheBest() {
        assertFalse(Trainer.patienceRunOut(5, 2, 3), "epochs 3 and 4 without improvement");
        assertTrue(Trainer.patienceRunOut(6, 2, 3), "epochs 3, 4 and 5 without improvement");
        assertFalse(Trainer.patienceRunOut(10, 0, 3), "no best yet");
    }

    /** Six judgements about the clips of data(), which has no labels for them: as human triplets come. */
    private static List<MinedTriplet> judged() {
        List<MinedTriplet> out = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            out.add(new MinedTriplet(new Triplet("a0c" + c, "a1c" + c, "a2c" + c), HumanSplit.SET, HumanSplit.RELATION));
        }
        return out;
    }

    private static Trainer.Data humanData(double mixedFraction) {
        Trainer.Data weak = data();
        Map<String, float[][][]> windows = new HashMap<>();
        for (int a = 0; a < 4; a++) {
            for (int c = 0; c < 6; c++) {
                float[][][] w = weak.library().windows("s/a" + a + "c" + c);
                windows.put("s/a" + a + "c" + c, w);
                windows.put(HumanSplit.SET + "/a" + a + "c" + c, w);
            }
        }
        return new Trainer.Data(judged(), judged().subList(0, 2), ClipLibrary.of(windows), weak.rule(), weak.train(),
                mixedFraction);
    }

    @Test
    void mixedTripletsMakeUpTheirShareOfEachEpochDrawnAfreshEachTime() {
        Trainer.Data data = humanData(0.5);
        assertEquals(6, data.mixedPerEpoch());
        List<MinedTriplet> epoch1 = Trainer.epochTriplets(data, new java.util.SplittableRandom(1));
        assertEquals(12, epoch1.size());
        assertTrue(epoch1.containsAll(judged()));
        assertEquals(6, epoch1.stream().filter(m -> m.dataset().equals("s")).distinct().count());
        assertEquals(epoch1, Trainer.epochTriplets(data, new java.util.SplittableRandom(1)), "the stream decides");
        assertFalse(new java.util.HashSet<>(epoch1).equals(
                new java.util.HashSet<>(Trainer.epochTriplets(data, new java.util.SplittableRandom(2)))));
        assertEquals(0, humanData(0).mixedPerEpoch());
        assertEquals(15, humanData(0.9).mixedPerEpoch(), "no more than there are");
    }

    @Test
    void aMixedFractionNeedsTripletsToMix() {
        Trainer.Data d = data();
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer.Data(d.train(), d.validation(), d.library(), d.rule(), List.of(), 0.2));
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer.Data(d.train(), d.validation(), d.library(), d.rule(), d.train(), 1.0));
    }

    @Test
    void judgementsAloneNeverAskForSemiHardNegatives() throws IOException {
        FakeFactory factory = new FakeFactory() {
            @Override
            public Trainee create(long seed) {
                return last = new FakeTrainee(seed) {
                    @Override
                    public float[][] embedRows(TrainingBatch batch) {
                        throw new AssertionError("a batch of judgements needs no negative mining");
                    }
                };
            }
        };
        TrainingConfig config = TrainingConfig.DEFAULT.toBuilder().maxEpochs(2).tripletsPerEpoch(0).batchTriplets(2)
                .trainWindows(3).warmupSteps(1).hardNegativesFromEpoch(1).build();
        Trainer.Result r = new Trainer(config, factory, null).run(humanData(0), dir.resolve("h"), "setup", false);
        assertEquals(2, r.state().epochsDone());
        assertTrue(r.state().history().get(0).validationByPart().containsKey("human/judged"));
    }
}
