package io.github.mecomp.embed.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The front-end over many files on a few threads (see {@link FileBatch} for how failures are handled). */
public final class MelBatch {

    /**
     * What the batch did with each file, and what it cost.
     *
     * @param windows      each file's windows, unless a sink took them
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

    /** Receives each file's windows as soon as they exist, so a caller can stream them out. */
    @FunctionalInterface
    public interface Sink {
        void accept(Path file, float[][][] windows) throws Exception;
    }

    /** One file's windows, to be written once to a {@link WindowSink}; gives the number of windows. */
    @FunctionalInterface
    public interface WindowStream {
        int writeTo(WindowSink sink) throws IOException;
    }

    /** Receives each file's windows as a stream, so that a long file's windows are never held together. */
    @FunctionalInterface
    public interface StreamingSink {
        void accept(Path file, WindowStream windows) throws Exception;
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
    public Result run(List<Path> files, BatchProgress progress) throws InterruptedException {
        return run(files, progress, null);
    }

    /**
     * Computes every file's windows; with a {@code sink} they are handed over and not kept in the result
     * (a large batch need not fit in memory).
     */
    public Result run(List<Path> files, BatchProgress progress, Sink sink) throws InterruptedException {
        AtomicLong audioSamples = new AtomicLong();
        FileBatch.Result<float[][][]> r = FileBatch.run(files, threads, file -> {
            float[][][] w = frontEnd.windows(file);
            audioSamples.addAndGet((long) w.length * frontEnd.config().windowSamples());
            if (sink == null) {
                return w;
            }
            sink.accept(file, w);
            return null;
        }, progress);
        return new Result(r.values(), r.failures(), audioSamples.get() / (double) frontEnd.config().sampleRate(),
                r.cpuSeconds(), r.wallSeconds());
    }

    /**
     * Computes every file's windows and streams them to {@code sink} as they are computed: memory does not grow
     * with a file's length (unless the front-end has a cache, which holds a file's windows).
     */
    public Result stream(List<Path> files, BatchProgress progress, StreamingSink sink) throws InterruptedException {
        AtomicLong audioSamples = new AtomicLong();
        FileBatch.Result<float[][][]> r = FileBatch.run(files, threads, file -> {
            sink.accept(file, windowSink -> {
                int count = frontEnd.windows(file, windowSink);
                audioSamples.addAndGet((long) count * frontEnd.config().windowSamples());
                return count;
            });
            return null;
        }, progress);
        return new Result(r.values(), r.failures(), audioSamples.get() / (double) frontEnd.config().sampleRate(),
                r.cpuSeconds(), r.wallSeconds());
    }
}
