package io.github.mecomp.embed.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A labelled set of clips and its fixed evaluation tasks.
 *
 * @param name  the set's name (its folder name), used as the prefix of task names: {@code mer4q/artist}
 * @param root  the folder the set was read from
 * @param clips every clip, in file order
 * @param tasks evaluation triplets by task name (the triplets file name without {@code .csv}), sorted by name
 */
public record Dataset(String name, Path root, List<Clip> clips, Map<String, List<Triplet>> tasks) {

    public Dataset {
        clips = List.copyOf(clips);
        Map<String, List<Triplet>> copy = new LinkedHashMap<>();
        tasks.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        tasks = java.util.Collections.unmodifiableMap(copy);
    }

    /** Clips by id, in file order. */
    public Map<String, Clip> clipsById() {
        Map<String, Clip> byId = new LinkedHashMap<>();
        for (Clip c : clips) {
            byId.put(c.id(), c);
        }
        return byId;
    }

    /** The clip with this id; a linear search, so use {@link #clipsById()} for many look-ups. */
    public Clip clip(String id) {
        return clips.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(name + ": no clip with id '" + id + "'"));
    }

    public List<Clip> clips(Split split) {
        return clips.stream().filter(c -> c.split() == split).toList();
    }

    /**
     * The label columns any clip has, sorted. Mining picks its default roles from these.
     */
    public SortedSet<String> labelColumns() {
        SortedSet<String> columns = new TreeSet<>();
        clips.forEach(c -> columns.addAll(c.labels().keySet()));
        return java.util.Collections.unmodifiableSortedSet(columns);
    }

    /**
     * Audio files that do not exist (or are not regular files), in clip order. Reading a set does not check
     * them, so that metadata can be inspected without the audio; call this before a long run.
     */
    public List<Path> missingFiles() {
        return clips.stream().map(Clip::file).filter(f -> !Files.isRegularFile(f)).toList();
    }
}
