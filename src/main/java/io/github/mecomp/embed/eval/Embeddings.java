package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchFailure;
import java.util.List;
import java.util.Map;

/** One vector per clip id, and the clips that could not be embedded. */
public record Embeddings(Map<String, float[]> byClip, List<BatchFailure> failures) {

    public Embeddings {
        byClip = Map.copyOf(byClip);
        failures = List.copyOf(failures);
    }
}
