package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vectors computed elsewhere (for example read by {@link EmbeddingCsv}); clips it lacks are skipped. */
public final class PrecomputedSource implements EmbeddingSource {

    private final String name;
    private final Map<String, float[]> vectors;

    public PrecomputedSource(String name, Map<String, float[]> vectors) {
        this.name = name;
        this.vectors = Map.copyOf(vectors);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Embeddings embed(Dataset set, List<Clip> clips, BatchProgress progress) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Clip c : clips) {
            float[] v = vectors.get(c.id());
            if (v != null) {
                out.put(c.id(), v);
            }
            if (progress != null) {
                progress.fileDone(c.file(), v != null);
            }
        }
        return new Embeddings(out, List.of());
    }
}
