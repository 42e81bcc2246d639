package io.github.mecomp.embed.audio;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one task per file on a few threads. A bad file never stops the batch: whatever it throws, running out
 * of memory or stack included, is recorded with its reason and the batch goes on; the caller reports the
 * failures at the end. The one exception that stops a batch is {@link OutputFailure}: the place results go
 * to is broken (a full disk, a folder that cannot be written), so every later file would fail the same way.
 */
public final class FileBatch {

    /** The work done for one file; a null result means "done, nothing to keep". */
    @FunctionalInterface
    public interface Task<T> {
        T apply(Path file) throws Exception;
    }

    /**
     * @param values     the non-null results, in the order the files were given
     * @param failures   the files that failed, in the order given
     * @param cpuSeconds CPU time of the worker threads
     */
    public record Result<T>(Map<Path, T> values, List<BatchFailure> failures, double cpuSeconds, double wallSeconds) {
    }

    /**
     * Thrown by a task when writing its result failed: not the input file's fault, and the same for every
     * file after it. It stops the batch and is rethrown by {@link #run} as its cause, which names the output.
     */
    public static final class OutputFailure extends java.io.UncheckedIOException {

        private static final long serialVersionUID = 1L;

        public OutputFailure(java.io.IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private FileBatch() {
    }

    /**
     * Runs {@code task} on every file. A file that runs out of memory while other files are decoded beside it
     * is tried once more at the end, alone: the song that filled the heap may have been another one.
     *
     * @throws OutputFailure if a task threw it: the files not yet started are not run
     */
    public static <T> Result<T> run(List<Path> files, int threads, Task<T> task, BatchProgress progress)
            throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        long wallStart = System.nanoTime();
        Attempts<T> attempts = new Attempts<>(task, progress);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "file-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> attempts.attempt(file, threads > 1)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof OutputFailure o) {
                        throw o;
                    }
                    throw new IllegalStateException("file batch worker failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (Path file : files) {
            if (attempts.retryAlone.contains(file)) {
                attempts.attempt(file, false);
            }
        }
        Map<Path, T> values = attempts.values;
        Map<Path, BatchFailure> failures = attempts.failures;
        Map<Path, Integer> position = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            position.putIfAbsent(files.get(i), i);
        }
        Map<Path, T> ordered = new LinkedHashMap<>();
        for (Path f : files) {
            T v = values.get(f);
            if (v != null) {
                ordered.put(f, v);
            }
        }
        List<BatchFailure> sortedFailures = new ArrayList<>(failures.values());
        sortedFailures.sort(Comparator.comparingInt(f -> position.getOrDefault(f.file(), Integer.MAX_VALUE)));
        return new Result<>(ordered, List.copyOf(sortedFailures), attempts.cpuNanos.get() / 1e9,
                (System.nanoTime() - wallStart) / 1e9);
    }

    /** What the workers share: results, failures, the files to try again alone, and their CPU time. */
    private static final class Attempts<T> {

        private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

        final Map<Path, T> values = new ConcurrentHashMap<>();
        final Map<Path, BatchFailure> failures = new ConcurrentHashMap<>();
        final Set<Path> retryAlone = ConcurrentHashMap.newKeySet();
        final AtomicLong cpuNanos = new AtomicLong();
        private final Task<T> task;
        private final BatchProgress progress;
        /** Set by an {@link OutputFailure}: files not yet started are left alone. */
        private volatile boolean stopped;

        Attempts(Task<T> task, BatchProgress progress) {
            this.task = task;
            this.progress = progress;
        }

        /** Runs the task on one file; {@code othersBeside}: other files may be holding memory at the same time. */
        void attempt(Path file, boolean othersBeside) {
            if (stopped) {
                return;
            }
            long cpu0 = MX.getCurrentThreadCpuTime();
            boolean done = false;
            boolean later = false;
            try {
                T value = task.apply(file);
                if (value != null) {
                    values.put(file, value);
                }
                done = true;
            } catch (OutputFailure e) {
                stopped = true;
                throw e;
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                // What the task held is unreachable once it has thrown: the next collection frees it, so the
                // files after a song too long for the heap still run.
                if (e instanceof OutOfMemoryError && othersBeside) {
                    later = retryAlone.add(file);
                } else {
                    failures.put(file, BatchFailure.of(file, e));
                }
            } finally {
                cpuNanos.addAndGet(MX.getCurrentThreadCpuTime() - cpu0);
                if (progress != null && !later) {
                    progress.fileDone(file, done);
                }
            }
        }
    }
}
