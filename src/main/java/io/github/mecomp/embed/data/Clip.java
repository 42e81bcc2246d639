package io.github.mecomp.embed.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * One audio clip of a data set with its metadata columns.
 *
 * @param id     the clip id, unique within its data set
 * @param file   absolute path of the audio file
 * @param split  train or test
 * @param labels every other column of the labels file, by column name (values trimmed, never null)
 */
public record Clip(String id, Path file, Split split, Map<String, String> labels) {

    public Clip {
        labels = Map.copyOf(labels);
    }

    /** A metadata column, empty when the column is absent or blank. */
    public Optional<String> label(String column) {
        String v = labels.get(column);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
