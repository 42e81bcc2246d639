package io.github.mecomp.embed.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The data sets' fingerprints a run was started with ({@code DatasetFingerprint}), kept in {@value #FILE} of the
 * run folder from its start. A {@code --resume} over data whose files changed since is refused before the log-mel
 * pass, naming the sets: its later epochs would train on other clips than its first, and the model's provenance
 * would name bytes that only some epochs saw. Counts alone (the run state's check) miss a set rebuilt with the same
 * clips and other samples. A run started before this file existed resumes without the check and records it then.
 */
final class RunData {

    static final String FILE = "data.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunData() {
    }

    /**
     * On {@code resume}, checks the run's recorded fingerprints (set name to SHA-256) against {@code now}; then
     * records {@code now} unless the run already had a record.
     *
     * @throws IllegalArgumentException when resuming over sets that differ from those the run started with
     */
    static void record(Path runDir, Map<String, String> now, boolean resume) throws IOException {
        Path file = runDir.resolve(FILE);
        if (resume && Files.isRegularFile(file)) {
            Map<String, String> before;
            try {
                before = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {
                });
            } catch (IOException e) {
                throw new IOException(file + ": cannot read the data fingerprints the run started with ("
                        + e.getMessage() + "); delete the file to resume without the check", e);
            }
            List<String> changed = differences(before, now);
            if (!changed.isEmpty()) {
                throw new IllegalArgumentException(runDir + ": the run there was started from other data ("
                        + String.join("; ", changed) + "); --resume continues a run on the bytes it started from:"
                        + " restore those sets, or train into a new folder");
            }
            return;
        }
        AtomicFiles.write(file, tmp -> JSON.writeValue(tmp.toFile(), now));
    }

    /** "gametracks: sha256 c326498… at the start, d5305cc… now" for each set that differs, sets in sorted order. */
    static List<String> differences(Map<String, String> before, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            String b = before.get(name);
            String n = now.get(name);
            if (b == null) {
                out.add(name + ": not in the run at the start");
            } else if (n == null) {
                out.add(name + ": in the run at the start, not given now");
            } else if (!b.equals(n)) {
                out.add(name + ": sha256 " + shortened(b) + " at the start, " + shortened(n) + " now");
            }
        }
        return out;
    }

    private static String shortened(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
