package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.MelBatch;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trained model (a folder written by {@code train}) over the clips' audio: decoded and turned into
 * log-mel on several threads, embedded one song at a time by the model's whole-song rule.
 */
public final class TrainedModelSource implements EmbeddingSource, AutoCloseable {

    private final String name;
    private final EmbeddingModel model;
    private final FrontEnd frontEnd;
    private final int threads;

    public TrainedModelSource(Path modelDir, FrontEnd frontEnd, int threads) throws IOException {
        this(modelDir.getFileName().toString(), EmbeddingModel.load(modelDir), frontEnd, threads);
    }

    public TrainedModelSource(String name, EmbeddingModel model, FrontEnd frontEnd, int threads) {
        ModelConfig c = model.config();
        if (c.inputFrames() != frontEnd.config().framesPerWindow() || c.inputBands() != frontEnd.config().melBands()) {
            throw new IllegalArgumentException("model " + name + " takes windows of " + c.inputFrames() + " x "
                    + c.inputBands() + " but the front-end gives " + frontEnd.config().framesPerWindow() + " x "
                    + frontEnd.config().melBands() + "; use the front-end settings the model was trained with");
        }
        this.name = name;
        this.model = model;
        this.frontEnd = frontEnd;
        this.threads = threads;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Embeddings embed(Dataset set, List<Clip> clips, BatchProgress progress) throws InterruptedException {
        Map<Path, String> idByFile = new HashMap<>();
        clips.forEach(c -> idByFile.put(c.file(), c.id()));
        Map<String, float[]> raw = new ConcurrentHashMap<>();
        MelBatch.Result result = new MelBatch(frontEnd, threads).run(List.copyOf(idByFile.keySet()), progress,
                (file, windows) -> {
                    float[] v;
                    synchronized (model) { // one graph execution at a time; decoding runs in parallel
                        v = model.embedSong(windows);
                    }
                    raw.put(idByFile.get(file), v);
                });
        Map<String, float[]> ordered = new LinkedHashMap<>();
        for (Clip c : clips) {
            float[] v = raw.get(c.id());
            if (v != null) {
                ordered.put(c.id(), v);
            }
        }
        return new Embeddings(ordered, result.failures());
    }

    @Override
    public void close() {
        model.close();
    }
}
