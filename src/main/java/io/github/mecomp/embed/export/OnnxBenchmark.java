package io.github.mecomp.embed.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times ONNX models the way MECOMP runs them: ONNX Runtime with one intra-op thread, one whole song per call
 * (B = 1). Each model embeds the same synthetic 3-minute song at 22,050 Hz; the models take turns round by round,
 * so that a busy machine slows them alike. Prints the median wall and thread-CPU milliseconds per song.
 *
 * <pre>
 * java -Xmx1g -cp mecomp-embed.jar io.github.mecomp.embed.export.OnnxBenchmark MODEL.onnx [MODEL.onnx ...]
 *     [--seconds 180] [--runs 20] [--profile]
 * </pre>
 * With {@code --profile}, ONNX Runtime writes a JSON trace per model (onnxruntime_profile_*.json in the working
 * folder) and its kernel time per call after the warm-ups is printed by operator type and for the largest nodes
 * ({@link OnnxProfile}).
 */
public final class OnnxBenchmark {

    private static final int WARM_UPS = 3;

    private OnnxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> models = new ArrayList<>();
        double seconds = 180;
        int runs = 20;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--profile" -> profile = true;
                default -> models.add(Path.of(args[i]));
            }
        }
        if (models.isEmpty()) {
            System.err.println("usage: OnnxBenchmark MODEL.onnx [MODEL.onnx ...] [--seconds S] [--runs N] [--profile]");
            System.exit(2);
        }
        float[] song = SyntheticAudio.music(seconds, 22_050, 1);
        System.out.printf(Locale.ROOT, "one %.0f s song at 22,050 Hz (%,d samples), ONNX Runtime 1 thread, B = 1; "
                + "%d warm-ups, median of %d runs; %d cores, load average %.2f%n", seconds, song.length, WARM_UPS, runs,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<OnnxRunner> runners = new ArrayList<>();
        try {
            for (Path m : models) {
                if (!Files.isRegularFile(m)) {
                    throw new IllegalArgumentException(m + ": no such ONNX file");
                }
                runners.add(new OnnxRunner(m, profile ? "onnxruntime_profile_" + m.getFileName() : null));
            }
            for (int w = 0; w < WARM_UPS; w++) {
                for (OnnxRunner r : runners) {
                    r.run(song);
                }
            }
            double[][] wall = new double[runners.size()][runs];
            double[][] cpu = new double[runners.size()][runs];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int i = 0; i < runs; i++) {
                for (int m = 0; m < runners.size(); m++) {
                    // the samples enter native memory outside the timed part: MECOMP hands ONNX Runtime the
                    // decoder's buffer, while Java must copy its array (about 2 ms for a 3-minute song)
                    try (OnnxTensor in = runners.get(m).tensor(song)) {
                        long c0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        runners.get(m).run(in);
                        wall[m][i] = (System.nanoTime() - t0) / 1e6;
                        cpu[m][i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                    }
                }
            }
            for (int m = 0; m < runners.size(); m++) {
                System.out.printf(Locale.ROOT, "%-45s %8.2f ms wall (min %.2f)  %8.2f ms CPU  per %.0f s song; %s%n",
                        models.get(m).getFileName(), median(wall[m]), Arrays.stream(wall[m]).min().orElse(0),
                        median(cpu[m]), seconds, ModelExport.size(Files.size(models.get(m))));
                if (profile) {
                    Path trace = Path.of(runners.get(m).endProfiling());
                    OnnxProfile p = OnnxProfile.read(trace, WARM_UPS);
                    System.out.printf(Locale.ROOT, "  profile %s: %.2f ms of kernels per call (%d calls)%n", trace,
                            p.totalMillis(), p.calls());
                    System.out.println("    by operator: " + top(p.byOp(), 8));
                    System.out.println("    largest nodes: " + top(p.byNode(), 6));
                }
            }
        } finally {
            for (OnnxRunner r : runners) {
                try {
                    r.close();
                } catch (OrtException e) {
                    System.err.println("could not close a session: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Median wall milliseconds of one call on {@code song} (B = 1), after {@value #WARM_UPS} warm-up calls, with
     * the session set up as {@code kind} says; the input tensor is built outside the timed part.
     */
    public static double medianMillis(Path model, OnnxRunner.Session kind, float[] song, int runs) throws OrtException {
        return median(wallMillis(model, kind, song, runs));
    }

    /** The wall milliseconds of each of {@code runs} calls, timed as {@link #medianMillis} times them. */
    public static double[] wallMillis(Path model, OnnxRunner.Session kind, float[] song, int runs) throws OrtException {
        if (runs < 1) {
            throw new IllegalArgumentException("benchmark: runs must be >= 1, got " + runs);
        }
        try (OnnxRunner runner = OnnxRunner.open(model, kind)) {
            for (int w = 0; w < WARM_UPS; w++) {
                runner.run(song);
            }
            double[] wall = new double[runs];
            for (int i = 0; i < runs; i++) {
                try (OnnxTensor in = runner.tensor(song)) {
                    long t0 = System.nanoTime();
                    runner.run(in);
                    wall[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return wall;
        }
    }

    private static String top(java.util.Map<String, Double> millis, int n) {
        return String.join(", ", millis.entrySet().stream().limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.2f ms", e.getKey(), e.getValue())).toList());
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
