package io.github.mecomp.embed.export;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.mecomp.embed.eval.SongBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * An exported model in ONNX Runtime, run as MECOMP runs it: one intra-op thread, one whole song per call.
 * Reads the optional {@value OnnxExporter#LOG_MEL} output when the model has it.
 */
public final class OnnxRunner implements AutoCloseable {

    /** How the ONNX Runtime session is set up. */
    public enum Session {
        /** One intra-op and one inter-op thread: one song per core, as a library scan runs in parallel. */
        ONE_THREAD,
        /**
         * MECOMP's session as it is built by default: ONNX Runtime's default thread counts, memory pattern
         * optimisation and the CPU arena allocator off.
         */
        MECOMP_DEFAULT
    }

    /** What one song gives. */
    public record Output(float[] embedding, Optional<float[][][]> logMel) {
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final SongBuffer samplesIn = new SongBuffer();

    /** From a model held in memory (as {@code ModelProto.toByteArray()}). */
    public OnnxRunner(byte[] model) throws OrtException {
        this.session = open(model, null, null, Session.ONE_THREAD);
    }

    /** From a file; {@code profilePrefix}, when given, switches on ONNX Runtime's profiler (JSON trace). */
    public OnnxRunner(Path model, String profilePrefix) throws OrtException {
        this.session = open(null, model, profilePrefix, Session.ONE_THREAD);
    }

    /** From a file, with the session set up as {@code kind} says. */
    public static OnnxRunner open(Path model, Session kind) throws OrtException {
        return new OnnxRunner(model, kind);
    }

    private OnnxRunner(Path model, Session kind) throws OrtException {
        this.session = open(null, model, null, kind);
    }

    private OrtSession open(byte[] bytes, Path file, String profilePrefix, Session kind) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (kind == Session.ONE_THREAD) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
            } else {
                options.setMemoryPatternOptimization(false);
                options.setCPUArenaAllocator(false);
            }
            if (profilePrefix != null) {
                options.enableProfiling(profilePrefix);
            }
            return bytes != null ? env.createSession(bytes, options) : env.createSession(file.toString(), options);
        }
    }

    /** Runs one song (mono samples at the model's rate). */
    public Output run(float[] samples) throws OrtException {
        try (OnnxTensor in = tensor(samples)) {
            return run(in);
        }
    }

    /**
     * The song as an input tensor [1, N] over a direct buffer this runner reuses: valid until the next call.
     * Benchmarks build it outside the timed part, as MECOMP's samples are already in native memory.
     */
    public OnnxTensor tensor(float[] samples) throws OrtException {
        return samplesIn.tensor(env, samples);
    }

    /**
     * Runs one song given as {@link #tensor(float[])} made it.
     *
     * @throws IllegalArgumentException for a batch of 0 songs, which ONNX Runtime must never see (see
     *                                  {@link #requireSongs})
     */
    public Output run(OnnxTensor song) throws OrtException {
        requireSongs(song.getInfo().getShape());
        String input = session.getInputNames().iterator().next();
        try (OrtSession.Result result = session.run(Map.of(input, song))) {
            // ours names it; another model with MECOMP's contract (its own shipped one) gives it first
            OnnxValue first = result.get(OnnxExporter.OUTPUT).orElse(result.get(0));
            if (!(first.getValue() instanceof float[][] rows) || rows.length != 1) {
                throw new OrtException("expected a float32 [1, D] embedding output, got " + first.getInfo());
            }
            float[] embedding = rows[0];
            Optional<OnnxValue> mel = result.get(OnnxExporter.LOG_MEL);
            Optional<float[][][]> logMel = mel.isPresent()
                    ? Optional.of(((float[][][][]) mel.get().getValue())[0]) : Optional.empty();
            return new Output(embedding, logMel);
        }
    }

    /**
     * Refuses an input of shape [0, N]. ONNX Runtime (1.20) does not fail on a batch of 0 songs but aborts the
     * whole process (exit 134) in the graph's GRU node, so the guard must come before it; MECOMP always runs
     * one song (B = 1), and the model card says B must be at least 1.
     */
    public static void requireSongs(long[] inputShape) {
        if (inputShape.length != 2 || inputShape[0] < 1) {
            throw new IllegalArgumentException("ONNX input must be [B, N] with B >= 1 songs, got "
                    + java.util.Arrays.toString(inputShape) + " (ONNX Runtime aborts the process on a batch of 0 "
                    + "songs; skip the call when there is nothing to embed)");
        }
    }

    /**
     * Runs several songs of one length in one call ([B, N]) and returns the row of the {@value OnnxExporter#OUTPUT}
     * output for each: what MECOMP's {@code embed_batch} does once it has padded its songs to one length.
     */
    public float[][] runBatch(float[][] songs) throws OrtException {
        int n = songs.length == 0 ? 0 : songs[0].length;
        FloatBuffer all = FloatBuffer.allocate(songs.length * n);
        for (float[] song : songs) {
            if (song.length != n) {
                throw new IllegalArgumentException("a batch's songs must have one length, got " + song.length
                        + " and " + n + " samples");
            }
            all.put(song);
        }
        all.flip();
        long[] shape = {songs.length, n};
        requireSongs(shape);
        try (OnnxTensor in = OnnxTensor.createTensor(env, all, shape);
                OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), in))) {
            OnnxValue out = result.get(OnnxExporter.OUTPUT).orElse(result.get(0));
            if (!(out.getValue() instanceof float[][] rows) || rows.length != songs.length) {
                throw new OrtException("expected a float32 [" + songs.length + ", D] embedding output, got "
                        + out.getInfo());
            }
            return rows;
        }
    }

    /** The graph's inputs by name, as ONNX Runtime reads them (a dynamic dimension is -1). */
    public Map<String, NodeInfo> inputs() throws OrtException {
        return session.getInputInfo();
    }

    /** The graph's outputs by name, as ONNX Runtime reads them (a dynamic dimension is -1). */
    public Map<String, NodeInfo> outputs() throws OrtException {
        return session.getOutputInfo();
    }

    /** Ends profiling and returns the trace file, if profiling was on. */
    public String endProfiling() throws OrtException {
        return session.endProfiling();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
