package io.github.mecomp.embed.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a {@code triplets/} folder: one evaluation task per {@code <task>.csv} of anchor,positive,negative. */
final class EvaluationTasks {

    static final String[] COLUMNS = {"anchor", "positive", "negative"};

    private EvaluationTasks() {
    }

    /**
     * Tasks by name (file name without {@code .csv}), sorted by name; empty when the folder does not exist.
     *
     * @param clips the set's clips by id: every triplet must name test clips of it
     */
    static Map<String, List<Triplet>> read(Path folder, Map<String, Clip> clips) throws IOException {
        if (!Files.exists(folder)) {
            return Map.of();
        }
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder.toString());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".csv") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
        }
        Map<String, List<Triplet>> tasks = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            tasks.put(name.substring(0, name.length() - ".csv".length()), readTask(file, clips));
        }
        return tasks;
    }

    static List<Triplet> readTask(Path file, Map<String, Clip> clips) throws IOException {
        CsvTable table = CsvReader.readTable(file);
        table.requireColumns(COLUMNS);
        if (table.rows().isEmpty()) {
            throw new DataFormatException(file, table.header().line(), "no triplets below the header");
        }
        List<Triplet> triplets = new ArrayList<>(table.rows().size());
        for (CsvRecord row : table.rows()) {
            for (String column : COLUMNS) {
                requireTestClip(table, row, column, clips);
            }
            triplets.add(triplet(table, row, "anchor", "positive", "negative"));
        }
        return triplets;
    }

    /** Builds a triplet from three id columns, turning a repeated id into an error naming the line. */
    static Triplet triplet(CsvTable table, CsvRecord row, String anchor, String positive, String negative)
            throws DataFormatException {
        String a = requireValue(table, row, anchor);
        String p = requireValue(table, row, positive);
        String n = requireValue(table, row, negative);
        try {
            return new Triplet(a, p, n);
        } catch (IllegalArgumentException e) {
            throw table.error(row, e.getMessage());
        }
    }

    static String requireValue(CsvTable table, CsvRecord row, String column) throws DataFormatException {
        String value = table.value(row, column).trim();
        if (value.isEmpty()) {
            throw table.error(row, column, "empty");
        }
        return value;
    }

    private static void requireTestClip(CsvTable table, CsvRecord row, String column, Map<String, Clip> clips)
            throws DataFormatException {
        String id = requireValue(table, row, column);
        Clip clip = clips.get(id);
        if (clip == null) {
            throw table.error(row, column, "unknown clip '" + id + "'");
        }
        if (clip.split() != Split.TEST) {
            // Scoring a model on clips it was trained on would flatter it; the sets keep the two apart.
            throw table.error(row, column, "clip '" + id + "' is in the train split;"
                    + " evaluation triplets must use test clips only");
        }
    }
}
