package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.Split;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side report of several systems on the same data sets: a Markdown file with the triplet accuracy
 * and retrieval tables, the JSON of every score, and PNG figures (accuracy bars, a 2-D map of each system's
 * embeddings, distance histograms). Every file is written atomically.
 */
public final class ComparisonReport {

    public static final String MARKDOWN = "report.md";
    public static final String JSON = "eval.json";
    public static final String ACCURACY_PNG = "accuracy.png";

    /** How the report came to be, for its header. */
    public record Provenance(String command, String tool, java.time.Instant created) {
    }

    private ComparisonReport() {
    }

    /**
     * Writes the report into {@code dir}; returns the files written, Markdown first.
     *
     * @param outcomes one per system, each scored on {@code sets}
     */
    public static List<Path> write(Path dir, Provenance provenance, List<Dataset> sets, List<Evaluation.Outcome> outcomes,
                                   Projection.Kind mapKind, long seed) throws IOException {
        Files.createDirectories(dir);
        List<EvalReport> reports = outcomes.stream().map(Evaluation.Outcome::report).toList();
        List<Path> written = new ArrayList<>();
        Path accuracy = dir.resolve(ACCURACY_PNG);
        ReportFigures.accuracy(accuracy, reports);
        Map<String, List<String>> figures = new LinkedHashMap<>();
        java.util.Set<String> slugs = new HashSet<>();
        for (Evaluation.Outcome outcome : outcomes) {
            String system = outcome.report().system();
            String slug = slug(system);
            for (int i = 2; !slugs.add(slug); i++) {
                slug = slug(system) + "-" + i;
            }
            Path map = dir.resolve("map-" + slug + ".png");
            ReportFigures.map(map, system + ": " + (mapKind == Projection.Kind.tsne ? "t-SNE" : "PCA")
                            + " map of the test clips' embeddings",
                    mapPanels(sets, outcome, mapKind, seed));
            Path distances = dir.resolve("distances-" + slug + ".png");
            ReportFigures.distances(distances, system + ": distances within evaluation triplets",
                    distancePanels(sets, outcome));
            figures.put(system, List.of(map.getFileName().toString(), distances.getFileName().toString()));
            written.add(map);
            written.add(distances);
        }
        Path json = dir.resolve(JSON);
        EvalReport.writeJson(json, reports);
        Path markdown = dir.resolve(MARKDOWN);
        String text = markdown(provenance, sets, reports, figures, mapKind);
        AtomicFiles.write(markdown, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        written.add(0, json);
        written.add(0, accuracy);
        written.add(0, markdown);
        return written;
    }

    static String markdown(Provenance provenance, List<Dataset> sets, List<EvalReport> reports,
                           Map<String, List<String>> figures, Projection.Kind mapKind) {
        StringBuilder md = new StringBuilder();
        md.append("# Side by side: ").append(String.join(", ", reports.stream().map(EvalReport::system).toList()))
                .append("\n\n");
        md.append("Written ").append(provenance.created()).append(" by ").append(provenance.tool())
                .append(". Regenerate with:\n\n```sh\n").append(provenance.command()).append("\n```\n\n");
        md.append("Data: ");
        List<String> described = new ArrayList<>();
        for (Dataset s : sets) {
            described.add(String.format(Locale.ROOT, "`%s` (%d test clips, %d tasks)", s.name(),
                    s.clips(Split.TEST).size(), s.tasks().size()));
        }
        md.append(String.join(", ", described)).append(".\n\n");

        md.append("## Triplet accuracy\n\n");
        md.append("The share of test triplets whose anchor is strictly closer (Euclidean) to the positive than to the")
                .append(" negative; ties count as wrong. 95% Wilson interval.\n\n");
        md.append("| task | system | accuracy | 95% interval | n |\n|---|---|---:|---|---:|\n");
        List<String> tasks = new ArrayList<>();
        reports.forEach(r -> r.tasks().keySet().stream().filter(t -> !tasks.contains(t)).forEach(tasks::add));
        for (String task : tasks) {
            for (EvalReport r : reports) {
                TaskScore s = r.tasks().get(task);
                if (s == null) {
                    continue;
                }
                String skipped = s.skipped() > 0 ? " (" + s.skipped() + " skipped)" : "";
                if (s.n() == 0) { // no vectors for this set (e.g. features computed for another set only)
                    md.append(String.format(Locale.ROOT, "| %s | %s | – | – | 0%s |%n", task, r.system(), skipped));
                    continue;
                }
                WilsonInterval ci = s.ci95();
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f%% | [%.1f, %.1f] | %d%s |%n", task,
                        r.system(), 100 * s.accuracy(), 100 * ci.low(), 100 * ci.high(), s.n(), skipped));
            }
        }
        md.append("\n![triplet accuracy](").append(ACCURACY_PNG).append(")\n\n");

        md.append("## Retrieval\n\n");
        md.append("Each test clip is a query; the other test clips are ranked by distance; relevant = same label.")
                .append(" P@").append(Retrieval.K).append(" is the share of relevant clips among the ")
                .append(Retrieval.K).append(" nearest (always divided by ").append(Retrieval.K)
                .append("); mAP is the mean average precision of the whole ranking. Genre: only clips with exactly")
                .append(" one genre take part (as queries and candidates), as in the genre triplets. Ties rank")
                .append(" irrelevant clips first.\n\n");
        md.append("| label | system | P@").append(Retrieval.K).append(" | mAP | queries |\n|---|---|---:|---:|---:|\n");
        List<String> labels = new ArrayList<>();
        reports.forEach(r -> r.retrieval().keySet().stream().filter(t -> !labels.contains(t)).forEach(labels::add));
        for (String label : labels) {
            for (EvalReport r : reports) {
                RetrievalScore s = r.retrieval().get(label);
                if (s != null && s.queries() == 0) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | – | – | 0 |%n", label, r.system()));
                } else if (s != null) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %.1f%% | %.1f%% | %d |%n", label, r.system(),
                            100 * s.precisionAtK(), 100 * s.meanAveragePrecision(), s.queries()));
                }
            }
        }
        md.append("\n## Figures\n\n");
        md.append("Per system: a ").append(mapKind == Projection.Kind.tsne ? "t-SNE" : "PCA")
                .append(" map of the test clips' embeddings (coloured by the label with the fewest values), and")
                .append(" histograms of anchor-positive vs anchor-negative distances in every task's triplets.\n\n");
        figures.forEach((system, files) -> {
            md.append("### ").append(system).append("\n\n");
            for (String f : files) {
                md.append("![").append(f).append("](").append(f).append(")\n\n");
            }
        });
        boolean anyFailure = reports.stream().anyMatch(r -> !r.failures().isEmpty());
        if (anyFailure) {
            md.append("## Files that could not be used\n\n");
            for (EvalReport r : reports) {
                r.failures().forEach(f -> md.append("- ").append(r.system()).append(": `").append(f.file())
                        .append("`: ").append(f.reason()).append('\n'));
            }
            md.append('\n');
        }
        md.append("Scores as JSON: [").append(JSON).append("](").append(JSON).append(").\n");
        return md.toString();
    }

    /** One panel per set: the test clips that have a vector, coloured by the set's label with fewest values. */
    static List<ReportFigures.MapPanel> mapPanels(List<Dataset> sets, Evaluation.Outcome outcome,
                                                  Projection.Kind kind, long seed) {
        List<ReportFigures.MapPanel> panels = new ArrayList<>();
        for (Dataset set : sets) {
            Map<String, float[]> vectors = outcome.vectors().getOrDefault(set.name(), Map.of());
            String labelName = "";
            Map<String, String> labelOf = Map.of();
            int fewest = Integer.MAX_VALUE;
            for (Map.Entry<String, Map<String, String>> e : Retrieval.tasks(set).entrySet()) {
                int values = new HashSet<>(e.getValue().values()).size();
                if (values >= 2 && values < fewest) {
                    fewest = values;
                    labelName = e.getKey();
                    labelOf = e.getValue();
                }
            }
            List<String> labels = new ArrayList<>();
            List<float[]> points = new ArrayList<>();
            for (Clip c : set.clips(Split.TEST)) {
                float[] v = vectors.get(c.id());
                if (v != null) {
                    points.add(v);
                    labels.add(labelOf.getOrDefault(c.id(), ""));
                }
            }
            double[][] xy = Projection.of(kind, points.toArray(new float[0][]), seed);
            panels.add(new ReportFigures.MapPanel(set.name() + (labelName.isEmpty() ? "" : ", coloured by " + labelName)
                    + " (" + points.size() + " clips)", xy, labels));
        }
        return panels;
    }

    /** One panel per task: the Euclidean anchor-positive and anchor-negative distances of its triplets. */
    static List<ReportFigures.DistancePanel> distancePanels(List<Dataset> sets, Evaluation.Outcome outcome) {
        List<ReportFigures.DistancePanel> panels = new ArrayList<>();
        for (Dataset set : sets) {
            Map<String, float[]> vectors = outcome.vectors().getOrDefault(set.name(), Map.of());
            set.tasks().forEach((task, triplets) -> {
                List<Double> pos = new ArrayList<>();
                List<Double> neg = new ArrayList<>();
                for (Triplet t : triplets) {
                    float[] a = vectors.get(t.anchor());
                    float[] p = vectors.get(t.positive());
                    float[] n = vectors.get(t.negative());
                    if (a != null && p != null && n != null) {
                        pos.add(Math.sqrt(TripletAccuracy.squaredDistance(a, p)));
                        neg.add(Math.sqrt(TripletAccuracy.squaredDistance(a, n)));
                    }
                }
                panels.add(new ReportFigures.DistancePanel(set.name() + "/" + task + " (" + pos.size() + " triplets)",
                        pos.stream().mapToDouble(Double::doubleValue).toArray(),
                        neg.stream().mapToDouble(Double::doubleValue).toArray()));
            });
        }
        return panels;
    }

    /** A file-name-safe form of a system name: {@code r2/model} -> {@code r2-model}. */
    static String slug(String system) {
        String s = system.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "system" : s;
    }
}
