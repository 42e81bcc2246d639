package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.MelBatch;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link MfccBaseline} over the clips' audio, read through the front-end (and its cache). */
public final class MfccBaselineSource implements EmbeddingSource {

    private final FrontEnd frontEnd;
    private final MfccBaseline baseline;
    private final int threads;

    public MfccBaselineSource(FrontEnd frontEnd, int threads) {
        this.frontEnd = frontEnd;
        this.baseline = new MfccBaseline(frontEnd.config());
        this.threads = threads;
    }

    @Override
    public String name() {
        return "mfcc";
    }

    @Override
    public Embeddings embed(Dataset set, List<Clip> clips, BatchProgress progress) throws InterruptedException {
        Map<Path, String> idByFile = new HashMap<>();
        for (Clip c : clips) {
            idByFile.put(c.file(), c.id());
        }
        Map<String, float[]> raw = new ConcurrentHashMap<>();
        MelBatch.Result result = new MelBatch(frontEnd, threads).run(List.copyOf(idByFile.keySet()), progress,
                (file, windows) -> raw.put(idByFile.get(file), baseline.clipVector(windows)));
        Map<String, float[]> ordered = new LinkedHashMap<>();
        for (Clip c : clips) {
            float[] v = raw.get(c.id());
            if (v != null) {
                ordered.put(c.id(), v);
            }
        }
        return new Embeddings(MfccBaseline.zScore(ordered), result.failures());
    }
}
