package io.github.mecomp.embed.sweep;

import io.github.mecomp.embed.train.SeedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** The sweep's figures per configuration, mean ± sample standard deviation over its seeds. */
public final class SweepTable {

    /** One configuration's runs, in the grid's order. */
    public record Group(String config, List<RunFigures> runs) {

        public double mean(ToDoubleFunction<RunFigures> f) {
            return spread(f).mean();
        }

        /** Sample standard deviation (n - 1); NaN for one run. */
        public double sd(ToDoubleFunction<RunFigures> f) {
            return spread(f).sd();
        }

        private SeedTable.Spread spread(ToDoubleFunction<RunFigures> f) {
            return SeedTable.Spread.of(runs.stream().mapToDouble(f).boxed().toList());
        }
    }

    private SweepTable() {
    }

    /** Runs grouped by configuration, groups in order of first appearance. */
    public static List<Group> groups(List<RunFigures> runs) {
        Map<String, List<RunFigures>> by = new LinkedHashMap<>();
        for (RunFigures r : runs) {
            by.computeIfAbsent(r.config(), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(new Group(k, List.copyOf(v))));
        return out;
    }

    /** The Markdown table: one row per configuration, mean ± sd over seeds. */
    public static String markdown(List<RunFigures> runs) {
        List<Group> groups = groups(runs);
        TreeSet<String> tasks = new TreeSet<>();
        runs.forEach(r -> tasks.addAll(r.testAccuracy().keySet()));
        boolean scan = runs.stream().anyMatch(r -> r.scanSongsPerSecond() != null);
        double songSeconds = runs.isEmpty() ? 180 : runs.get(0).songSeconds();
        StringBuilder b = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("config", "architecture", "seeds", "parameters", "ONNX kB",
                String.format(Locale.ROOT, "ms/song, 1 thread (%.0f s song)", songSeconds),
                "ms/song, MECOMP session"));
        if (scan) {
            head.add("scan songs/s (tract)");
        }
        head.add("validation %");
        tasks.forEach(t -> head.add(t + " %"));
        head.add("mean test %");
        row(b, head);
        List<String> rule = new ArrayList<>(List.of("---", "---"));
        for (int i = 2; i < head.size(); i++) {
            rule.add("---:");
        }
        row(b, rule);
        for (Group g : groups) {
            List<String> cells = new ArrayList<>();
            cells.add(g.config());
            cells.add(g.runs().get(0).architecture());
            cells.add(g.runs().get(0).isReference() ? "—"
                    : g.runs().stream().map(r -> Long.toString(r.seed())).reduce((x, y) -> x + "," + y).orElse(""));
            cells.add(g.runs().get(0).parameters() > 0
                    ? String.format(Locale.ROOT, "%,d", g.runs().get(0).parameters()) : "—");
            cells.add(String.format(Locale.ROOT, "%.0f", g.runs().get(0).onnxBytes() / 1e3));
            cells.add(meanSd(g, RunFigures::msOneThread, 1, 1));
            cells.add(meanSd(g, RunFigures::msMecompSession, 1, 1));
            if (scan) {
                cells.add(g.runs().stream().allMatch(r -> r.scanSongsPerSecond() != null)
                        ? meanSd(g, RunFigures::scanSongsPerSecond, 1, 1) : "—");
            }
            cells.add(Double.isNaN(g.mean(RunFigures::validationAccuracy)) ? "—"
                    : meanSd(g, RunFigures::validationAccuracy, 100, 1));
            for (String t : tasks) {
                boolean all = g.runs().stream().allMatch(r -> r.testAccuracy().containsKey(t));
                cells.add(all ? meanSd(g, r -> r.testAccuracy().get(t), 100, 1) : "—");
            }
            cells.add(meanSd(g, RunFigures::meanTestAccuracy, 100, 1));
            row(b, cells);
        }
        return b.toString();
    }

    /** One line per run, for checking a figure against its folder. */
    public static String perRun(List<RunFigures> runs) {
        StringBuilder b = new StringBuilder();
        row(b, List.of("run", "best epoch", "train s", "validation %", "mean test %", "ms 1 thread", "ms MECOMP session",
                "scan"));
        row(b, List.of("---", "---:", "---:", "---:", "---:", "---:", "---:", "---"));
        for (RunFigures r : runs) {
            boolean ref = r.isReference(); // not trained here: no seed, epoch, training time or validation
            row(b, List.of(ref ? r.config() : r.config() + "-seed" + r.seed(),
                    ref ? "—" : Integer.toString(r.bestEpoch()),
                    ref ? "—" : String.format(Locale.ROOT, "%.0f", r.trainWallSeconds()),
                    ref ? "—" : String.format(Locale.ROOT, "%.1f", 100 * r.validationAccuracy()),
                    String.format(Locale.ROOT, "%.1f", 100 * r.meanTestAccuracy()),
                    String.format(Locale.ROOT, "%.2f", r.msOneThread()),
                    String.format(Locale.ROOT, "%.2f", r.msMecompSession()),
                    r.scanSongsPerSecond() != null ? String.format(Locale.ROOT, "%.1f songs/s",
                            r.scanSongsPerSecond()) : r.scanNote()));
        }
        return b.toString();
    }

    static String meanSd(Group g, ToDoubleFunction<RunFigures> f, double scale, int decimals) {
        double mean = g.mean(f) * scale;
        double sd = g.sd(f) * scale;
        String fmt = "%." + decimals + "f";
        String m = String.format(Locale.ROOT, fmt, mean);
        return Double.isNaN(sd) ? m : m + " ± " + String.format(Locale.ROOT, fmt, sd);
    }

    private static void row(StringBuilder b, List<String> cells) {
        b.append("| ").append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()))
                .append(" |\n");
    }
}
