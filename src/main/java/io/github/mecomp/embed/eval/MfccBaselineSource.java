package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import java.util.List;

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
        Embeddings raw = PerClip.embed(clips, threads, file -> baseline.clipVector(frontEnd.windows(file)), progress);
        return new Embeddings(MfccBaseline.zScore(raw.byClip()), raw.failures());
    }
}
