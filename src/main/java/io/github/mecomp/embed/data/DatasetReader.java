package io.github.mecomp.embed.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a data set folder:
 *
 * <pre>
 * &lt;set&gt;/labels.csv          clip_id, file (relative to the set), split (train|test), any other columns as labels
 * &lt;set&gt;/triplets/&lt;task&gt;.csv anchor,positive,negative: the evaluation triplets of a task, test clips only
 * </pre>
 *
 * Everything is validated up front, so that a long training run cannot fail an hour in on a typo; every
 * error names file, line and field. Audio files are not opened here (the audio loader reports unreadable
 * ones); {@link Dataset#missingFiles()} lists those that do not exist.
 */
public final class DatasetReader {

    public static final String LABELS_FILE = "labels.csv";
    public static final String TRIPLETS_FOLDER = "triplets";
    /** The columns every labels file has; all others become {@link Clip#labels()}. */
    public static final Set<String> REQUIRED_COLUMNS = Set.of("clip_id", "file", "split");

    private DatasetReader() {
    }

    /**
     * Reads the set in {@code dir}; its name is the folder's name.
     *
     * @throws NoSuchFileException  if the folder or its labels.csv does not exist
     * @throws DataFormatException  if a file breaks the format: missing required column, duplicate clip_id,
     *                              bad split, a file path leaving the set folder, a triplet naming an unknown
     *                              or a train clip, an empty file
     */
    public static Dataset read(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "not a data set folder");
        }
        Path labelsFile = root.resolve(LABELS_FILE);
        if (!Files.isRegularFile(labelsFile)) {
            throw new NoSuchFileException(labelsFile.toString(), null, "a data set folder needs " + LABELS_FILE);
        }
        List<Clip> clips = readClips(root, labelsFile);
        Map<String, Clip> byId = new HashMap<>();
        clips.forEach(c -> byId.put(c.id(), c));
        Map<String, List<Triplet>> tasks = EvaluationTasks.read(root.resolve(TRIPLETS_FOLDER), byId);
        return new Dataset(root.getFileName().toString(), root, clips, tasks);
    }

    private static List<Clip> readClips(Path root, Path labelsFile) throws IOException {
        CsvTable table = CsvReader.readTable(labelsFile);
        table.requireColumns("clip_id", "file", "split");
        if (table.rows().isEmpty()) {
            throw new DataFormatException(labelsFile, table.header().line(), "no clips below the header");
        }
        List<String> labelColumns = table.columns().stream().filter(c -> !REQUIRED_COLUMNS.contains(c)).toList();
        Map<String, Integer> firstLine = new HashMap<>();
        List<Clip> clips = new ArrayList<>(table.rows().size());
        for (CsvRecord row : table.rows()) {
            String id = EvaluationTasks.requireValue(table, row, "clip_id");
            Integer previous = firstLine.putIfAbsent(id, row.line());
            if (previous != null) {
                throw table.error(row, "clip_id", "duplicate '" + id + "' (first on line " + previous + ")");
            }
            Path file = resolveInside(root, table, row);
            Split split;
            try {
                split = Split.parse(table.value(row, "split"));
            } catch (IllegalArgumentException e) {
                throw table.error(row, "split", e.getMessage());
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (String column : labelColumns) {
                labels.put(column, table.value(row, column).trim());
            }
            clips.add(new Clip(id, file, split, labels));
        }
        return clips;
    }

    /** The row's file as an absolute path, refusing any that would read outside the set folder. */
    private static Path resolveInside(Path root, CsvTable table, CsvRecord row) throws DataFormatException {
        String value = EvaluationTasks.requireValue(table, row, "file");
        Path relative;
        try {
            relative = Path.of(value);
        } catch (InvalidPathException e) {
            throw table.error(row, "file", "not a valid path: '" + value + "'");
        }
        if (relative.isAbsolute()) {
            throw table.error(row, "file", "must be relative to the set folder, got '" + value + "'");
        }
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw table.error(row, "file", "'" + value + "' points outside the set folder");
        }
        return resolved;
    }
}
