package io.github.mecomp.embed.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configurations of a sweep, read from a small text file: one per line, {@code name: train options},
 * for example {@code narrow-k10: --channels 8,16,32,64 --windows-per-song 10}. Blank lines and lines starting
 * with {@code #} are skipped. A name is the run folder's prefix, so it keeps to letters, digits, '.', '_' and '-'.
 */
public record SweepGrid(Path file, List<Entry> entries) {

    /** One configuration: its name, the options it adds to {@code train}, and its line in the file (1-based). */
    public record Entry(String name, List<String> trainOptions, int line) {
        public Entry {
            trainOptions = List.copyOf(trainOptions);
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public SweepGrid {
        entries = List.copyOf(entries);
    }

    /**
     * @throws IOException naming the file and line of a malformed entry, a repeated name, or an empty grid
     */
    public static SweepGrid read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such grid file (one configuration a line: 'name: train options')");
        }
        return parse(file, Files.readAllLines(file));
    }

    static SweepGrid parse(Path file, List<String> lines) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (i + 1);
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IOException(where + ": expected 'name: train options', got '" + line + "'");
            }
            String name = line.substring(0, colon).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IOException(where + ": the name '" + name + "' names a folder: use letters, digits, '.',"
                        + " '_' and '-' only");
            }
            if (!names.add(name)) {
                throw new IOException(where + ": the name '" + name + "' is used twice; each configuration needs its"
                        + " own");
            }
            String options = line.substring(colon + 1).strip();
            List<String> args = options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
            for (String reserved : SweepRun.SWEEP_OWNED_OPTIONS) {
                if (args.stream().anyMatch(a -> a.equals(reserved) || a.startsWith(reserved + "="))) {
                    throw new IOException(where + ": " + reserved + " is set by the sweep for every run; leave it out"
                            + " of the grid");
                }
            }
            entries.add(new Entry(name, args, i + 1));
        }
        if (entries.isEmpty()) {
            throw new IOException(file + ": no configurations (one a line: 'name: train options')");
        }
        return new SweepGrid(file, entries);
    }
}
