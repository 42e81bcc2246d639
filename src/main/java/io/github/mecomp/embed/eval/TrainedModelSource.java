package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import io.github.mecomp.embed.model.WindowSelection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained model (a folder written by {@code train}) over the clips' audio: decoded and turned into
 * log-mel on several threads, embedded one song at a time by the model's whole-song rule.
 */
public final class TrainedModelSource implements EmbeddingSource, FileEmbedder {

    private final String name;
    private final EmbeddingModel model;
    private final FrontEnd frontEnd;
    private final int threads;

    public TrainedModelSource(Path modelDir, FrontEnd frontEnd, int threads) throws IOException {
        this(modelDir.getFileName().toString(), EmbeddingModel.load(modelDir), frontEnd, threads);
    }

    public TrainedModelSource(String name, EmbeddingModel model, FrontEnd frontEnd, int threads) {
        ModelConfig c = model.config();
        String mismatch = c.frontEndMismatch(frontEnd.config());
        if (mismatch != null) {
            throw new IllegalArgumentException("model " + name + ": " + mismatch
                    + "; use the front-end settings the model was trained with");
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
    public float[] embedFile(Path file) throws IOException {
        // with a cache every window is kept for training; without, only the windows the model reads are read
        float[][][] windows = frontEnd.cache().isPresent() ? frontEnd.windows(file)
                : frontEnd.windows(file, new PcmAudio(frontEnd.selectedSamples(file,
                        w -> WindowSelection.indices(w, model.config().sequenceLength())),
                        frontEnd.config().sampleRate()));
        synchronized (model) { // one graph execution at a time; decoding runs in parallel
            return model.embedSong(windows);
        }
    }

    @Override
    public Embeddings embed(Dataset set, List<Clip> clips, BatchProgress progress) throws InterruptedException {
        return PerClip.embed(clips, threads, this::embedFile, progress);
    }

    @Override
    public void close() {
        model.close();
    }
}
