package io.github.mecomp.embed.eval;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.mecomp.embed.audio.AudioLoader;
import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.SelectedWindows;
import io.github.mecomp.embed.audio.TruncationPolicy;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.model.WindowSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Any ONNX model with MECOMP's contract (input float32 [B, N] mono samples of a whole song at 22,050 Hz,
 * output float32 [B, D]), run in ONNX Runtime the way MECOMP runs it: one intra-op thread, one song per call.
 *
 * <p>A model exported by this project says in its metadata which windows of a song it reads ({@code
 * window_samples}, {@code sequence_length}, {@code window_selection}): it is given only those windows (see
 * {@link SelectedWindows}), which gives the same embedding as the whole song in memory bounded by the windows,
 * whatever the song's length. Any other model is given the whole song, as MECOMP gives it.
 */
public final class OnnxModelSource implements EmbeddingSource, FileEmbedder {

    /** The rate MECOMP decodes to and feeds its model. */
    public static final int SAMPLE_RATE = 22_050;

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final AudioLoader loader;
    private final int threads;
    /** The model's window rule, when its metadata declares ours. */
    private final Optional<WindowRule> windows;
    private final ThreadLocal<SongBuffer> songBuffer = ThreadLocal.withInitial(SongBuffer::new);

    /** The window rule of a model exported by this project: K of W windows of S samples, by {@link WindowSelection}. */
    private record WindowRule(int windowSamples, int k) {
    }

    /** A source that refuses truncated files. */
    public OnnxModelSource(Path model, int threads) throws IOException {
        this(model, threads, TruncationPolicy.REFUSE);
    }

    /** @param truncation whether a file that ends early is embedded from what decodes */
    public OnnxModelSource(Path model, int threads, TruncationPolicy truncation) throws IOException {
        this.loader = new AudioLoader(SAMPLE_RATE, truncation);
        if (!Files.isRegularFile(model)) {
            throw new IOException(model + ": no such ONNX model file");
        }
        this.name = model.getFileName().toString();
        this.threads = threads;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(model.toString(), options);
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new IOException(model + ": expected one input (float32 [B, N] audio), found " + inputs.keySet());
            }
            this.inputName = inputs.keySet().iterator().next();
            NodeInfo in = inputs.get(inputName);
            if (!(in.getInfo() instanceof TensorInfo t) || t.getShape().length != 2) {
                throw new IOException(model + ": input '" + inputName + "' must be a rank-2 tensor [B, N], found "
                        + in.getInfo());
            }
            this.windows = windowRule(session.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new IOException(model + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The embedding of one song's samples at 22,050 Hz. */
    public float[] embed(float[] samples) throws OrtException {
        try (OnnxTensor input = songBuffer.get().tensor(env, samples);
             OrtSession.Result result = session.run(Map.of(inputName, input))) {
            Object value = result.get(0).getValue();
            if (!(value instanceof float[][] rows) || rows.length != 1) {
                throw new OrtException("expected a float32 [1, D] output, got " + value.getClass().getSimpleName());
            }
            return rows[0];
        }
    }

    /** Whether files are read in bounded memory (only the windows the model selects), rather than whole. */
    public boolean readsSelectedWindowsOnly() {
        return windows.isPresent();
    }

    @Override
    public float[] embedFile(Path file) throws Exception {
        if (windows.isPresent()) {
            WindowRule rule = windows.get();
            return embed(SelectedWindows.samples(loader, file, rule.windowSamples(),
                    w -> WindowSelection.indices(w, rule.k())));
        }
        return embed(loader.load(file).samples());
    }

    /** Whether the model reads only some windows, and which: only a model of ours says so, in its metadata. */
    private static Optional<WindowRule> windowRule(Map<String, String> metadata) {
        String rule = metadata.get("window_selection");
        String samples = metadata.get("window_samples");
        String k = metadata.get("sequence_length");
        if (rule == null || samples == null || k == null || !rule.contains(WindowSelection.class.getSimpleName())
                || !Integer.toString(SAMPLE_RATE).equals(metadata.get("sample_rate"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WindowRule(Integer.parseInt(samples), Integer.parseInt(k)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // not our metadata after all: the whole song is always right
        }
    }

    @Override
    public Embeddings embed(Dataset set, List<Clip> clips, BatchProgress progress) throws InterruptedException {
        return PerClip.embed(clips, threads, this::embedFile, progress);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
