package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.FileBatch;
import io.github.mecomp.embed.data.Clip;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Runs a per-file embedding over clips on a few threads and gives the vectors back by clip id, in clip order. */
final class PerClip {

    private PerClip() {
    }

    static Embeddings embed(List<Clip> clips, int threads, FileBatch.Task<float[]> task, BatchProgress progress)
            throws InterruptedException {
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        clips.forEach(c -> files.add(c.file()));
        FileBatch.Result<float[]> result = FileBatch.run(List.copyOf(files), threads, task, progress);
        Map<String, float[]> byClip = new LinkedHashMap<>();
        for (Clip c : clips) {
            float[] v = result.values().get(c.file());
            if (v != null) {
                byClip.put(c.id(), v);
            }
        }
        return new Embeddings(byClip, result.failures());
    }
}
