package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.BatchFailure;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.Triplet;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Scores one system on every evaluation task of the given data sets. */
public final class Evaluation {

    private Evaluation() {
    }

    /** The clips of {@code set} that its tasks' triplets name, in file order. */
    public static List<Clip> clipsInTasks(Dataset set) {
        Set<String> ids = new LinkedHashSet<>();
        for (List<Triplet> triplets : set.tasks().values()) {
            for (Triplet t : triplets) {
                ids.add(t.anchor());
                ids.add(t.positive());
                ids.add(t.negative());
            }
        }
        return set.clips().stream().filter(c -> ids.contains(c.id())).toList();
    }

    public static EvalReport run(List<Dataset> sets, EmbeddingSource system, BatchProgress progress)
            throws IOException, InterruptedException {
        Map<String, TaskScore> scores = new LinkedHashMap<>();
        List<BatchFailure> failures = new ArrayList<>();
        for (Dataset set : sets) {
            if (set.tasks().isEmpty()) {
                throw new IllegalArgumentException(set.root() + ": no evaluation tasks (expected triplets/*.csv)");
            }
            Embeddings embeddings = system.embed(set, clipsInTasks(set), progress);
            failures.addAll(embeddings.failures());
            set.tasks().forEach((task, triplets) ->
                    scores.put(set.name() + "/" + task, TripletAccuracy.score(triplets, embeddings.byClip())));
        }
        return new EvalReport(system.name(), scores, failures, Instant.now());
    }
}
