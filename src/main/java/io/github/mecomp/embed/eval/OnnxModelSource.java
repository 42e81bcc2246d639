package io.github.mecomp.embed.eval;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.mecomp.embed.audio.AudioLoader;
import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Any ONNX model with MECOMP's contract (input float32 [B, N] mono samples of a whole song at 22,050 Hz,
 * output float32 [B, D]), run in ONNX Runtime the way MECOMP runs it: one intra-op thread, one song per call.
 */
public final class OnnxModelSource implements EmbeddingSource, FileEmbedder {

    /** The rate MECOMP decodes to and feeds its model. */
    public static final int SAMPLE_RATE = 22_050;

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final AudioLoader loader = new AudioLoader(SAMPLE_RATE);
    private final int threads;
    private final ThreadLocal<SongBuffer> songBuffer = ThreadLocal.withInitial(SongBuffer::new);

    public OnnxModelSource(Path model, int threads) throws IOException {
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

    @Override
    public float[] embedFile(Path file) throws Exception {
        return embed(loader.load(file).samples());
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
