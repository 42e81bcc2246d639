package io.github.mecomp.embed.audio;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the front-end over many files on a few threads. A bad file never stops the batch: it is recorded
 * with its reason and the batch goes on; the caller reports the failures at the end.
 */
public final class MelBatch {

    /**
     * What the batch did with each file, and what it cost.
     *
     * @param audioSeconds audio covered by the windows computed (a trailing part-second is decoded but not
     *                     counted)
     * @param cpuSeconds   CPU time of the worker threads, decoding included
     */
    public record Result(
            Map<Path, float[][][]> windows,
            List<BatchFailure> failures,
            double audioSeconds,
            double cpuSeconds,
            double wallSeconds) {

        /** Seconds of audio turned into log-mel per second of CPU time (all threads together). */
        public double audioSecondsPerCpuSecond() {
            return cpuSeconds == 0 ? Double.NaN : audioSeconds / cpuSeconds;
        }
    }

    /** Told after each file, from the worker thread that did it. */
    @FunctionalInterface
    public interface Progress {
        void fileDone(Path file, boolean ok);
    }

    /** Receives each file's windows as soon as they exist, so a caller can stream them out. */
    @FunctionalInterface
    public interface Sink {
        void accept(Path file, float[][][] windows) throws Exception;
    }

    private final FrontEnd frontEnd;
    private final int threads;

    public MelBatch(FrontEnd frontEnd, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.frontEnd = frontEnd;
        this.threads = threads;
    }

    /** Computes every file's windows and keeps them in the result. */
    public Result run(List<Path> files, Progress progress) throws InterruptedException {
        return run(files, progress, null);
    }

    /**
     * Computes every file's windows; with a {@code sink} they are handed over and not kept in the result
     * (a large batch need not fit in memory).
     */
    public Result run(List<Path> files, Progress progress, Sink sink) throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicLong cpuNanos = new AtomicLong();
        AtomicLong audioSamples = new AtomicLong();
        Map<Path, float[][][]> ok = Collections.synchronizedMap(new LinkedHashMap<>());
        List<BatchFailure> failures = Collections.synchronizedList(new ArrayList<>());
        long wallStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mel-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    boolean done = false;
                    try {
                        float[][][] w = frontEnd.windows(file);
                        audioSamples.addAndGet((long) w.length * frontEnd.config().windowSamples());
                        if (sink != null) {
                            sink.accept(file, w);
                        } else {
                            ok.put(file, w);
                        }
                        done = true;
                    } catch (Exception e) {
                        failures.add(BatchFailure.of(file, e));
                    } finally {
                        cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
                        if (progress != null) {
                            progress.fileDone(file, done);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("mel batch worker failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // Results in the order the files were given, whatever order the threads finished in.
        Map<Path, float[][][]> ordered = new LinkedHashMap<>();
        for (Path f : files) {
            float[][][] w = ok.get(f);
            if (w != null) {
                ordered.put(f, w);
            }
        }
        Map<Path, Integer> position = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            position.putIfAbsent(files.get(i), i);
        }
        List<BatchFailure> sortedFailures = new ArrayList<>(failures);
        sortedFailures.sort(Comparator.comparingInt(f -> position.getOrDefault(f.file(), Integer.MAX_VALUE)));
        return new Result(ordered, List.copyOf(sortedFailures),
                audioSamples.get() / (double) frontEnd.config().sampleRate(),
                cpuNanos.get() / 1e9, (System.nanoTime() - wallStart) / 1e9);
    }
}
