package io.github.mecomp.embed.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The runs of one configuration under several seeds, side by side: validation accuracy of each run's best epoch
 * and test accuracy per task, with mean and sample standard deviation over the seeds. The model to keep is
 * chosen by validation accuracy alone; test figures are reported, never used to choose.
 *
 * @param runs one per seed, in seed order
 */
public record SeedTable(List<Run> runs) {

    /** Validation key of all validation triplets together, as the trainer records it. */
    public static final String ALL = "all";

    /**
     * One finished run, from its {@code summary.json}.
     *
     * @param miningSeed seed of the run's training/validation split and mined triplets
     * @param validation best epoch's validation accuracy: {@value #ALL} and per {@code dataset/relation}
     * @param test       accuracy per test task ({@code dataset/task}); empty when the run skipped the test eval
     */
    public record Run(long seed, long miningSeed, Path dir, int bestEpoch, Map<String, Double> validation,
            Map<String, Double> test) {
    }

    /** Mean and sample standard deviation (NaN for a single run) of some figure over the runs that have it. */
    public record Spread(double mean, double sd, int n) {

        public static Spread of(List<Double> values) {
            int n = values.size();
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Spread(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
        }

        /** {@code 85.3 ± 1.2} in per cent; {@code 85.3} alone for one run. */
        public String percent() {
            if (n == 0) {
                return "–";
            }
            return Double.isNaN(sd) ? String.format(Locale.ROOT, "%.1f", 100 * mean)
                    : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * sd);
        }
    }

    public SeedTable {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("seeds: no finished run to tabulate");
        }
    }

    /** Reads {@code summary.json} of a run folder written by {@code train}. */
    public static Run read(long seed, Path runDir) throws IOException {
        Path file = runDir.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing; the run of seed " + seed + " has not finished (run it again to"
                    + " resume it)");
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode run = root.path("run");
        int best = run.path("bestEpoch").asInt(0);
        JsonNode epochs = run.path("epochs");
        JsonNode bestRecord = null;
        for (JsonNode e : epochs) {
            if (e.path("epoch").asInt() == best) {
                bestRecord = e;
            }
        }
        if (bestRecord == null) {
            throw new IOException(file + ": no record of the best epoch " + best + " under run.epochs");
        }
        Map<String, Double> validation = new TreeMap<>();
        bestRecord.path("validationByPart").fields()
                .forEachRemaining(f -> validation.put(f.getKey(), f.getValue().asDouble()));
        Map<String, Double> test = new TreeMap<>();
        root.path("test").fields()
                .forEachRemaining(f -> test.put(f.getKey(), f.getValue().path("accuracy").asDouble()));
        // runs from before --mining-seed existed mined with their own seed
        long miningSeed = root.path("data").path("miningSeed").asLong(seed);
        return new Run(seed, miningSeed, runDir, best, validation, test);
    }

    /** The run with the best validation accuracy over all validation triplets (the lowest seed on a tie). */
    public Run chosen() {
        return runs.stream().max(Comparator.comparingDouble((Run r) -> r.validation().getOrDefault(ALL, Double.NaN))
                .thenComparing(Comparator.comparingLong(Run::seed).reversed())).orElseThrow();
    }

    /** Whether every run validated on the same triplets, so that their validation figures compare models alone. */
    public boolean sharedValidation() {
        return runs.stream().map(Run::miningSeed).distinct().count() == 1;
    }

    public Set<String> validationKeys() {
        Set<String> keys = new TreeSet<>();
        runs.forEach(r -> keys.addAll(r.validation().keySet()));
        return keys;
    }

    public Set<String> testKeys() {
        Set<String> keys = new TreeSet<>();
        runs.forEach(r -> keys.addAll(r.test().keySet()));
        return keys;
    }

    public Spread validationSpread(String key) {
        return Spread.of(runs.stream().filter(r -> r.validation().containsKey(key)).map(r -> r.validation().get(key))
                .toList());
    }

    public Spread testSpread(String key) {
        return Spread.of(runs.stream().filter(r -> r.test().containsKey(key)).map(r -> r.test().get(key)).toList());
    }

    /** A Markdown table: a row per seed, then mean ± sd; validation columns, then test columns. */
    public String markdown() {
        List<String> v = new ArrayList<>(validationKeys());
        List<String> t = new ArrayList<>(testKeys());
        StringBuilder b = new StringBuilder();
        b.append("| seed | best epoch |");
        v.forEach(k -> b.append(" val ").append(k).append(" |"));
        t.forEach(k -> b.append(" test ").append(k).append(" |"));
        b.append('\n').append("|---|---:|");
        b.append("---:|".repeat(v.size() + t.size())).append('\n');
        for (Run r : runs) {
            b.append("| ").append(r.seed()).append(r == chosen() ? " (chosen)" : "").append(" | ").append(r.bestEpoch())
                    .append(" |");
            v.forEach(k -> b.append(' ').append(cell(r.validation().get(k))).append(" |"));
            t.forEach(k -> b.append(' ').append(cell(r.test().get(k))).append(" |"));
            b.append('\n');
        }
        b.append("| mean ± sd (n = ").append(runs.size()).append(") | |");
        v.forEach(k -> b.append(' ').append(validationSpread(k).percent()).append(" |"));
        t.forEach(k -> b.append(' ').append(testSpread(k).percent()).append(" |"));
        b.append('\n');
        Run c = chosen();
        b.append(String.format(Locale.ROOT, "%nModel chosen by validation accuracy (%s = %.1f %%), never by test:"
                + " seed %d, `%s`.%n", ALL, 100 * c.validation().getOrDefault(ALL, Double.NaN), c.seed(),
                c.dir().resolve("model")));
        if (runs.size() > 1 && !sharedValidation()) {
            b.append(String.format(Locale.ROOT, "Each seed mined its own validation split, so these validation figures"
                    + " compare splits as much as models; to choose among seeds, train them with one --mining-seed.%n"));
        }
        return b.toString();
    }

    /** Writes {@code seeds.md} and {@code seeds.json} into {@code dir}, each atomically. */
    public void write(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve("seeds.md"), tmp -> Files.writeString(tmp, markdown()));
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("chosenSeed", chosen().seed());
        root.put("chosenModel", chosen().dir().resolve("model").toString());
        root.put("chosenBy", "validation/" + ALL);
        root.put("sharedValidation", sharedValidation());
        var runsNode = root.putArray("runs");
        for (Run r : runs) {
            ObjectNode n = runsNode.addObject();
            n.put("seed", r.seed()).put("miningSeed", r.miningSeed()).put("dir", r.dir().toString())
                    .put("bestEpoch", r.bestEpoch());
            n.set("validation", mapper.valueToTree(r.validation()));
            n.set("test", mapper.valueToTree(r.test()));
        }
        ObjectNode spread = root.putObject("validation");
        validationKeys().forEach(k -> put(spread.putObject(k), validationSpread(k)));
        ObjectNode testSpread = root.putObject("test");
        testKeys().forEach(k -> put(testSpread.putObject(k), testSpread(k)));
        AtomicFiles.write(dir.resolve("seeds.json"), tmp -> mapper.writeValue(tmp.toFile(), root));
    }

    private static void put(ObjectNode node, Spread s) {
        node.put("mean", s.mean()).put("n", s.n());
        if (!Double.isNaN(s.sd())) {
            node.put("sd", s.sd());
        }
    }

    private static String cell(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f", 100 * value);
    }
}
