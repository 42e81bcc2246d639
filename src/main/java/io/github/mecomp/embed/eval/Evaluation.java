package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.audio.BatchFailure;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.Split;
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

    /**
     * The clips a system embeds for {@link #run}: those the triplets name, then the other test clips, which the
     * retrieval figures rank too.
     */
    public static List<Clip> clipsToEmbed(Dataset set) {
        Set<String> ids = new LinkedHashSet<>();
        clipsInTasks(set).forEach(c -> ids.add(c.id()));
        set.clips(Split.TEST).forEach(c -> ids.add(c.id()));
        return set.clips().stream().filter(c -> ids.contains(c.id())).toList();
    }

    /**
     * A report and the vectors it was computed from, by set name (for figures).
     */
    public record Outcome(EvalReport report, Map<String, Map<String, float[]>> vectors) {
    }

    public static EvalReport run(List<Dataset> sets, EmbeddingSource system, BatchProgress progress)
            throws IOException, InterruptedException {
        return runKeepingVectors(sets, system, progress).report();
    }

    /**
     * Several systems' reports rescored on the same triplets: a triplet that any of them cannot score (a clip
     * without a vector: its audio failed for a model, or a features file lacks it) counts as skipped for all of
     * them, so that their accuracies compare like with like. Retrieval figures are kept as they were.
     */
    public static List<EvalReport> onSharedTriplets(List<Dataset> sets, List<Outcome> outcomes) {
        // Which triplets every system can score depends on the task alone, so it is found once per task.
        record SharedTask(String set, List<Triplet> triplets, int total) {
        }
        Map<String, SharedTask> tasks = new LinkedHashMap<>();
        for (Dataset set : sets) {
            set.tasks().forEach((task, triplets) -> {
                List<Triplet> scorable = triplets.stream()
                        .filter(t -> outcomes.stream().allMatch(o -> hasVectors(o.vectors().get(set.name()), t)))
                        .toList();
                tasks.put(set.name() + "/" + task, new SharedTask(set.name(), scorable, triplets.size()));
            });
        }
        List<EvalReport> reports = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Map<String, TaskScore> scores = new LinkedHashMap<>();
            tasks.forEach((name, task) -> {
                TaskScore s = TripletAccuracy.score(task.triplets(), outcome.vectors().get(task.set()));
                scores.put(name, new TaskScore(s.correct(), s.n(), task.total() - s.n()));
            });
            EvalReport r = outcome.report();
            reports.add(new EvalReport(r.system(), scores, r.retrieval(), r.failures(), r.created()));
        }
        return reports;
    }

    private static boolean hasVectors(Map<String, float[]> vectors, Triplet t) {
        return vectors != null && vectors.containsKey(t.anchor()) && vectors.containsKey(t.positive())
                && vectors.containsKey(t.negative());
    }

    /** Triplet accuracy on every task and retrieval figures on every label of each set. */
    public static Outcome runKeepingVectors(List<Dataset> sets, EmbeddingSource system, BatchProgress progress)
            throws IOException, InterruptedException {
        Map<String, TaskScore> scores = new LinkedHashMap<>();
        Map<String, RetrievalScore> retrieval = new LinkedHashMap<>();
        Map<String, Map<String, float[]>> vectors = new LinkedHashMap<>();
        List<BatchFailure> failures = new ArrayList<>();
        for (Dataset set : sets) {
            if (set.tasks().isEmpty()) {
                throw new IllegalArgumentException(set.root() + ": no evaluation tasks (expected triplets/*.csv)");
            }
            Embeddings embeddings = system.embed(set, clipsToEmbed(set), progress);
            failures.addAll(embeddings.failures());
            vectors.put(set.name(), embeddings.byClip());
            set.tasks().forEach((task, triplets) ->
                    scores.put(set.name() + "/" + task, TripletAccuracy.score(triplets, embeddings.byClip())));
            Retrieval.tasks(set).forEach((label, labels) -> retrieval.put(set.name() + "/" + label,
                    Retrieval.score(labels, embeddings.byClip(), Retrieval.K)));
        }
        return new Outcome(new EvalReport(system.name(), scores, retrieval, failures, Instant.now()), vectors);
    }
}
