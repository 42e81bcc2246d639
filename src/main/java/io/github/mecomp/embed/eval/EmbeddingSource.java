package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import java.io.IOException;
import java.util.List;

/** A system under evaluation: anything that gives clips a vector (a baseline, a model, a file of vectors). */
public interface EmbeddingSource {

    /** A short name for tables and reports, e.g. {@code mfcc}. */
    String name();

    /**
     * Vectors for {@code clips}, all of {@code set}. Set-level normalisation, where a system has one,
     * uses exactly these clips.
     */
    Embeddings embed(Dataset set, List<Clip> clips, BatchProgress progress)
            throws IOException, InterruptedException;
}
