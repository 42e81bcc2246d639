package io.github.mecomp.embed.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Free Music Archive (FMA) layout as a {@link Dataset}:
 *
 * <pre>
 * &lt;root&gt;/fma_metadata/tracks.csv               two header rows (column group, then field), then a row
 *                                                starting "track_id", then one row per track
 * &lt;root&gt;/fma_&lt;subset&gt;/000/000002.mp3           audio, by the 6-digit zero-padded track id
 * </pre>
 *
 * Clip id is the track id; labels are {@code artist} (artist.name), {@code artist_id}, {@code album}
 * (album.title, or album.id where the title is blank), {@code album_id}, {@code genre} (track.genre_top)
 * and {@code title}. FMA's training and validation tracks become {@link Split#TRAIN}, its test tracks
 * {@link Split#TEST}; FMA's own validation part is not kept, as the miner splits by artist itself.
 */
public final class FmaReader {

    public static final String TRACKS_FILE = "fma_metadata/tracks.csv";

    private static final String SPLIT = "set.split";
    private static final String SUBSET = "set.subset";
    private static final String ARTIST_NAME = "artist.name";
    private static final String ARTIST_ID = "artist.id";
    private static final String ALBUM_TITLE = "album.title";
    private static final String ALBUM_ID = "album.id";
    private static final String GENRE_TOP = "track.genre_top";
    private static final String TITLE = "track.title";
    private static final List<String> COLUMNS =
            List.of(SPLIT, SUBSET, ARTIST_NAME, ARTIST_ID, ALBUM_TITLE, ALBUM_ID, GENRE_TOP, TITLE);

    private FmaReader() {
    }

    /**
     * Reads the tracks of {@code subset} (small, medium, large or full) with no evaluation tasks.
     *
     * @throws DataFormatException if tracks.csv breaks the layout, naming line and column
     */
    public static Dataset read(Path fmaRoot, String subset) throws IOException {
        return read(fmaRoot, FmaSubset.parse(subset), null);
    }

    /**
     * Reads the tracks of {@code subset} with the evaluation tasks of a triplets folder (one
     * {@code <task>.csv} of anchor,positive,negative per task, test track ids only).
     */
    public static Dataset read(Path fmaRoot, String subset, Path tripletsFolder) throws IOException {
        if (!Files.isDirectory(tripletsFolder)) {
            throw new NoSuchFileException(tripletsFolder.toString(), null, "no triplets folder");
        }
        return read(fmaRoot, FmaSubset.parse(subset), tripletsFolder);
    }

    /** Where FMA keeps a track's audio: {@code <root>/fma_small/000/000002.mp3}. */
    public static Path audioFile(Path fmaRoot, FmaSubset subset, long trackId) {
        String padded = String.format("%06d", trackId);
        return fmaRoot.resolve("fma_" + subset.id()).resolve(padded.substring(0, 3)).resolve(padded + ".mp3");
    }

    private static Dataset read(Path fmaRoot, FmaSubset subset, Path tripletsFolder) throws IOException {
        Path root = fmaRoot.toAbsolutePath().normalize();
        Path tracks = root.resolve(TRACKS_FILE);
        if (!Files.isRegularFile(tracks)) {
            throw new NoSuchFileException(tracks.toString(), null, "not an FMA folder: no " + TRACKS_FILE);
        }
        List<Clip> clips = readClips(root, tracks, subset);
        Map<String, Clip> byId = new HashMap<>();
        clips.forEach(c -> byId.put(c.id(), c));
        Map<String, List<Triplet>> tasks =
                tripletsFolder == null ? Map.of() : EvaluationTasks.read(tripletsFolder, byId);
        return new Dataset("fma_" + subset.id(), root, clips, tasks);
    }

    private static List<Clip> readClips(Path root, Path tracks, FmaSubset subset) throws IOException {
        try (CsvReader reader = CsvReader.open(tracks)) {
            Map<String, Integer> index = readHeader(reader);
            int width = index.remove("");
            Map<String, Integer> firstLine = new HashMap<>();
            List<Clip> clips = new ArrayList<>();
            for (CsvRecord next = reader.next(); next != null; next = reader.next()) {
                CsvRecord row = next;
                if (row.size() != width) {
                    throw error(tracks, row, "expected " + width + " fields as in the header, found " + row.size());
                }
                Field field = column -> row.get(index.get(column)).trim();
                FmaSubset rowSubset = parseSubset(tracks, row, field.get(SUBSET));
                if (!subset.contains(rowSubset)) {
                    continue;
                }
                long trackId = parseTrackId(tracks, row);
                Integer previous = firstLine.putIfAbsent(Long.toString(trackId), row.line());
                if (previous != null) {
                    throw error(tracks, row, "track_id: duplicate " + trackId + " (first on line " + previous + ")");
                }
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("artist", field.get(ARTIST_NAME));
                labels.put("artist_id", field.get(ARTIST_ID));
                String albumTitle = field.get(ALBUM_TITLE);
                labels.put("album", albumTitle.isEmpty() ? field.get(ALBUM_ID) : albumTitle);
                labels.put("album_id", field.get(ALBUM_ID));
                labels.put("genre", field.get(GENRE_TOP));
                labels.put("title", field.get(TITLE));
                clips.add(new Clip(Long.toString(trackId), audioFile(root, subset, trackId),
                        parseSplit(tracks, row, field.get(SPLIT)), labels));
            }
            if (clips.isEmpty()) {
                throw new DataFormatException(tracks, 1, "no tracks of subset " + subset.id());
            }
            return clips;
        }
    }

    /**
     * Reads the three header rows and returns each needed column's index by {@code group.field}, plus the
     * row width under the key "".
     */
    private static Map<String, Integer> readHeader(CsvReader reader) throws IOException {
        Path file = reader.file();
        CsvRecord groups = reader.next();
        if (groups == null) {
            throw new DataFormatException(file, 1, "empty file");
        }
        CsvRecord fields = reader.next();
        CsvRecord idRow = reader.next();
        if (fields == null || idRow == null || fields.size() != groups.size()
                || !idRow.get(0).trim().equals("track_id")) {
            throw new DataFormatException(file, groups.line(), "expected FMA's header: a row of column groups,"
                    + " a row of field names of the same width, then a row starting with track_id");
        }
        Map<String, Integer> all = new HashMap<>();
        // Column 0 holds the track id, and its group and field cells are blank.
        for (int i = 1; i < groups.size(); i++) {
            all.putIfAbsent(groups.get(i).trim() + "." + fields.get(i).trim(), i);
        }
        Map<String, Integer> needed = new HashMap<>();
        for (String column : COLUMNS) {
            Integer i = all.get(column);
            if (i == null) {
                throw new DataFormatException(file, fields.line(), "missing required column '" + column
                        + "' (group in the first header row, field in the second)");
            }
            needed.put(column, i);
        }
        needed.put("", groups.size());
        return needed;
    }

    private static long parseTrackId(Path file, CsvRecord row) throws DataFormatException {
        String value = row.get(0).trim();
        try {
            long id = Long.parseLong(value);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(file, row, "track_id: expected a whole number, got '" + value + "'");
    }

    private static FmaSubset parseSubset(Path file, CsvRecord row, String value) throws DataFormatException {
        try {
            FmaSubset s = FmaSubset.parse(value);
            if (s != FmaSubset.FULL) {
                return s;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw error(file, row, SUBSET + ": expected small, medium or large, got '" + value + "'");
    }

    private static Split parseSplit(Path file, CsvRecord row, String value) throws DataFormatException {
        return switch (value) {
            case "training", "validation" -> Split.TRAIN;
            case "test" -> Split.TEST;
            default -> throw error(file, row,
                    SPLIT + ": expected training, validation or test, got '" + value + "'");
        };
    }

    private static DataFormatException error(Path file, CsvRecord row, String problem) {
        return new DataFormatException(file, row.line(), problem);
    }

    @FunctionalInterface
    private interface Field {
        String get(String column);
    }
}
