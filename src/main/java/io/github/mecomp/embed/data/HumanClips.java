package io.github.mecomp.embed.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the clips of human judgements are: turns the clip ids of a human triplets file into audio files.
 * Three ways, so that a survey can name its clips however suits it:
 *
 * <ul>
 *   <li>{@link #inFolder} a data set folder (it has {@code labels.csv}): ids are its {@code clip_id}s;</li>
 *   <li>{@link #inFolder} any other folder: ids are file paths relative to it ({@code ost/track01.ogg});</li>
 *   <li>{@link #inSets} the data sets of a run: ids are clip ids of one of them, written
 *       {@code <set>/<clip id>} when the bare id is in more than one set.</li>
 * </ul>
 */
public final class HumanClips {

    private final String where;
    private final Map<String, Path> byId;
    private final Path folder;

    private HumanClips(String where, Map<String, Path> byId, Path folder) {
        this.where = where;
        this.byId = byId;
        this.folder = folder;
    }

    /** Ids are the clip ids of the data set in {@code dir}, or, if it is a plain folder, paths relative to it. */
    public static HumanClips inFolder(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "not a folder of clips for the human judgements");
        }
        if (Files.isRegularFile(root.resolve(DatasetReader.LABELS_FILE))) {
            Dataset set = DatasetReader.read(root);
            Map<String, Path> byId = new LinkedHashMap<>();
            set.clips().forEach(c -> byId.put(c.id(), c.file()));
            return new HumanClips("the clip_id column of " + root.resolve(DatasetReader.LABELS_FILE), byId, null);
        }
        return new HumanClips(root.toString() + " (ids are file paths relative to it)", Map.of(), root);
    }

    /** Ids are clip ids of these sets: bare when only one set has the id, {@code <set>/<clip id>} always. */
    public static HumanClips inSets(List<Dataset> sets) {
        Map<String, Path> byId = new LinkedHashMap<>();
        Set<String> ambiguous = new TreeSet<>();
        for (Dataset set : sets) {
            for (Clip c : set.clips()) {
                byId.put(set.name() + "/" + c.id(), c.file());
                if (byId.putIfAbsent(c.id(), c.file()) != null) {
                    ambiguous.add(c.id());
                }
            }
        }
        ambiguous.forEach(byId::remove);
        String names = String.join(", ", sets.stream().map(Dataset::name).toList());
        return new HumanClips("the clip ids of the data sets " + names, byId, null);
    }

    /** Where ids are looked up, for messages and provenance. */
    @Override
    public String toString() {
        return where;
    }

    /** The audio file of {@code id}, if this source has it. */
    public Optional<Path> file(String id) {
        if (folder == null) {
            return Optional.ofNullable(byId.get(id));
        }
        try {
            Path file = folder.resolve(id).normalize();
            // ids name clips inside the folder; "../" or an absolute path would make the folder meaningless
            return file.startsWith(folder) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The file of every clip the judgements name, by id, in first-seen order.
     *
     * @param source the judgements' file, for the message
     * @throws IOException naming the ids that are not found (up to ten) and where they were looked for
     */
    public Map<String, Path> resolve(List<HumanTriplet> judgements, Path source) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        Set<String> missing = new TreeSet<>();
        for (HumanTriplet h : judgements) {
            Triplet t = h.triplet();
            for (String id : List.of(t.anchor(), t.positive(), t.negative())) {
                if (!out.containsKey(id) && !missing.contains(id)) {
                    file(id).ifPresentOrElse(f -> out.put(id, f), () -> missing.add(id));
                }
            }
        }
        if (!missing.isEmpty()) {
            List<String> shown = new ArrayList<>(missing).subList(0, Math.min(10, missing.size()));
            throw new IOException(source + ": " + missing.size() + " clip id(s) not found in " + where + ": "
                    + String.join(", ", shown) + (missing.size() > shown.size() ? ", ..." : "")
                    + "; point --human-clips at the folder or data set the survey's clips came from");
        }
        return out;
    }
}
