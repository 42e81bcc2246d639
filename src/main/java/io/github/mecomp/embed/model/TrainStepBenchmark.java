package io.github.mecomp.embed.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times the default model: one {@code trainStep} on 16 triplets x 10 windows x 43 x 64 (median of 10 after 3
 * warm-ups) and {@code embed} of one song of 30 windows (median of 10 after 3 warm-ups), for each CNN layout.
 *
 * <pre>
 * java -Xmx1g -cp target/mecomp-embed.jar io.github.mecomp.embed.model.TrainStepBenchmark [NHWC|NCHW ...] [--rounds N]
 *     [--pk P,K]
 * </pre>
 * With {@code --pk}, each round also times one step of batch-all and of batch-hard on P x K songs of 10 windows
 * (the {@code train --loss batch-all --pk P,K} step), right after the triplet step.
 * With several layouts (both by default) the runs alternate, so that a busy machine slows them alike.
 */
public final class TrainStepBenchmark {

    private static final int TRIPLETS = 16;
    private static final int TRAIN_WINDOWS = 10;
    private static final int WARM_UPS = 3;
    private static final int TIMED = 10;

    private TrainStepBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<ConvLayout> layouts = new ArrayList<>();
        int rounds = 1;
        int[] pk = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--pk")) {
                String[] parts = args[++i].split(",");
                pk = new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            } else {
                layouts.add(ConvLayout.valueOf(args[i].toUpperCase(Locale.ROOT)));
            }
        }
        if (layouts.isEmpty()) {
            layouts.addAll(List.of(ConvLayout.values()));
        }
        ModelConfig config = ModelConfig.DEFAULT;
        System.out.printf(Locale.ROOT, "default model: %,d parameters, %,d weight bytes; %d cores%n",
                config.parameterCount(), config.weightBytes(), Runtime.getRuntime().availableProcessors());
        Random random = new Random(1);
        float[][][][] batch = gaussian(random, 3 * TRIPLETS, TRAIN_WINDOWS, config);
        float[][][] song = gaussian(random, 1, config.sequenceLength(), config)[0];
        for (int round = 1; round <= rounds; round++) {
            for (ConvLayout layout : layouts) {
                try (EmbeddingModel model = new EmbeddingModel(config, 1, org.nd4j.linalg.api.buffer.DataType.FLOAT,
                        layout)) {
                    long t0 = System.nanoTime();
                    model.trainStep(batch);
                    double firstStep = (System.nanoTime() - t0) / 1e9;
                    double[] stepCpu = new double[TIMED];
                    double[] steps = time(() -> model.trainStep(batch), WARM_UPS - 1, TIMED, stepCpu);
                    t0 = System.nanoTime();
                    model.embedSong(song);
                    double firstEmbed = (System.nanoTime() - t0) / 1e9;
                    double[] embedCpu = new double[TIMED];
                    double[] embeds = time(() -> model.embedSong(song), WARM_UPS - 1, TIMED, embedCpu);
                    System.out.printf(Locale.ROOT,
                            "round %d %s: trainStep %d triplets x %d windows: median %.3f s (min %.3f, max %.3f; "
                                    + "CPU median %.3f s; first call with graph build %.2f s); embed 1 song x %d "
                                    + "windows: median %.1f ms (min %.1f, CPU median %.1f ms, first %.2f s); %s%n",
                            round, layout, TRIPLETS, TRAIN_WINDOWS, median(steps), steps[0], steps[steps.length - 1],
                            median(stepCpu), firstStep, config.sequenceLength(), 1e3 * median(embeds),
                            1e3 * embeds[0], 1e3 * median(embedCpu), firstEmbed, memory());
                    if (pk != null) {
                        timeGroupSteps(model, pk[0], pk[1], round, layout);
                    }
                }
                System.gc();
            }
        }
    }

    private static void timeGroupSteps(EmbeddingModel model, int p, int k, int round, ConvLayout layout)
            throws IOException {
        int[] groups = new int[p * k];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i / k;
        }
        PairMasks masks = PairMasks.ofGroups(groups);
        float[][][][] songs = gaussian(new Random(2), p * k, TRAIN_WINDOWS, model.config());
        org.nd4j.linalg.api.ndarray.INDArray input = model.toInput(songs, false);
        for (GroupLoss.Mining mining : GroupLoss.Mining.values()) {
            GroupLoss loss = new GroupLoss(mining, false);
            long t0 = System.nanoTime();
            model.trainStep(input, masks, loss);
            double first = (System.nanoTime() - t0) / 1e9;
            double[] cpu = new double[TIMED];
            double[] steps = time(() -> model.trainStep(input, masks, loss), WARM_UPS - 1, TIMED, cpu);
            System.out.printf(Locale.ROOT, "round %d %s: trainStep %s, %d x %d songs x %d windows (%,d triplets):"
                            + " median %.3f s (min %.3f, max %.3f; CPU median %.3f s; first call %.2f s); %s%n",
                    round, layout, loss, p, k, TRAIN_WINDOWS, masks.tripletCount(), median(steps), steps[0],
                    steps[steps.length - 1], median(cpu), first, memory());
        }
        // batch-all with a teacher term: 200-d random teacher vectors (musicnn's size), one per song
        Random random = new Random(3);
        java.util.List<String> keys = new java.util.ArrayList<>();
        java.util.List<float[]> vectors = new java.util.ArrayList<>();
        for (int i = 0; i < p * k; i++) {
            keys.add("s/" + i);
            float[] v = new float[200];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) random.nextGaussian();
            }
            vectors.add(v);
        }
        TeacherPairs teacher = TeacherPairs.of(keys, vectors);
        GroupLoss taught = new GroupLoss(GroupLoss.Mining.ALL, false, 1.0);
        long t0 = System.nanoTime();
        model.trainStep(input, masks, taught, teacher);
        double first = (System.nanoTime() - t0) / 1e9;
        double[] cpu = new double[TIMED];
        double[] steps = time(() -> model.trainStep(input, masks, taught, teacher), WARM_UPS - 1, TIMED, cpu);
        System.out.printf(Locale.ROOT, "round %d %s: trainStep %s, %d x %d songs x %d windows: median %.3f s"
                        + " (min %.3f, max %.3f; CPU median %.3f s; first call %.2f s); %s%n",
                round, layout, taught, p, k, TRAIN_WINDOWS, median(steps), steps[0], steps[steps.length - 1],
                median(cpu), first, memory());
        input.close();
    }

    /** Sorted wall-clock seconds of each timed run; the process CPU seconds of each go to {@code cpu}. */
    private static double[] time(Runnable body, int warmUps, int timed, double[] cpu) {
        for (int i = 0; i < warmUps; i++) {
            body.run();
        }
        double[] out = new double[timed];
        for (int i = 0; i < timed; i++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            body.run();
            out[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (processCpuNanos() - c0) / 1e9;
        }
        Arrays.sort(out);
        Arrays.sort(cpu);
        return out;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String memory() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "RSS unknown";
        }
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).trim();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).trim();
            }
        }
        return "RSS " + rss + " (peak " + peak + ")";
    }

    private static float[][][][] gaussian(Random random, int songs, int windows, ModelConfig config) {
        float[][][][] out = new float[songs][windows][config.inputFrames()][config.inputBands()];
        for (float[][][] s : out) {
            for (float[][] w : s) {
                for (float[] f : w) {
                    for (int m = 0; m < f.length; m++) {
                        f[m] = (float) random.nextGaussian();
                    }
                }
            }
        }
        return out;
    }
}
