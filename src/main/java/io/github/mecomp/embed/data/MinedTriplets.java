package io.github.mecomp.embed.data;

import io.github.mecomp.embed.io.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Mined triplets, split into a training part and a validation part that share no clip and no group.
 */
public record MinedTriplets(List<MinedTriplet> train, List<MinedTriplet> validation) {

    /** The columns of {@link #write(Path)}; {@code part} is {@code train} or {@code validation}. */
    public static final List<String> COLUMNS = List.of("dataset", "relation", "anchor", "positive", "negative", "part");

    public MinedTriplets {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /** How many training triplets each {@code dataset/relation} has, sorted. */
    public SortedMap<String, Integer> trainCounts() {
        return counts(train);
    }

    /** How many validation triplets each {@code dataset/relation} has, sorted. */
    public SortedMap<String, Integer> validationCounts() {
        return counts(validation);
    }

    /**
     * Writes every triplet (training first) as CSV with {@link #COLUMNS}. The file is written beside its
     * final name and then moved over it, so that a crash or a full disk never leaves a half-written file
     * that a later run would take for complete.
     */
    public void write(Path csv) throws IOException {
        AtomicFiles.write(csv, temp -> {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write(CsvWriter.line(COLUMNS));
                writePart(out, train, "train");
                writePart(out, validation, "validation");
            }
        });
    }

    /** Reads a file written by {@link #write(Path)}. */
    public static MinedTriplets read(Path csv) throws IOException {
        CsvTable table = CsvReader.readTable(csv);
        table.requireColumns(COLUMNS.toArray(String[]::new));
        List<MinedTriplet> train = new ArrayList<>();
        List<MinedTriplet> validation = new ArrayList<>();
        for (CsvRecord row : table.rows()) {
            MinedTriplet t = new MinedTriplet(
                    EvaluationTasks.triplet(table, row, "anchor", "positive", "negative"),
                    EvaluationTasks.requireValue(table, row, "dataset"),
                    EvaluationTasks.requireValue(table, row, "relation"));
            String part = table.value(row, "part").trim();
            switch (part) {
                case "train" -> train.add(t);
                case "validation" -> validation.add(t);
                default -> throw table.error(row, "part", "expected train or validation, got '" + part + "'");
            }
        }
        return new MinedTriplets(train, validation);
    }

    private static void writePart(Writer out, List<MinedTriplet> part, String name) throws IOException {
        for (MinedTriplet m : part) {
            Triplet t = m.triplet();
            out.write(CsvWriter.line(List.of(m.dataset(), m.relation(), t.anchor(), t.positive(), t.negative(), name)));
        }
    }

    private static SortedMap<String, Integer> counts(List<MinedTriplet> triplets) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (MinedTriplet t : triplets) {
            counts.merge(t.dataset() + "/" + t.relation(), 1, Integer::sum);
        }
        return counts;
    }
}
