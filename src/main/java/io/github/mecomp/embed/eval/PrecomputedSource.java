package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.audio.BatchFailure;
import io.github.mecomp.embed.audio.BatchProgress;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.io.PrintablePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors computed elsewhere (for example read by {@link EmbeddingCsv}). A clip it lacks is that clip's failure,
 * named by its id; a source that has a vector for none of a set's clips is an error, since it was computed for
 * other clips (another data set, or ids written another way) and every score would be empty.
 */
public final class PrecomputedSource implements EmbeddingSource {

    private final String name;
    private final Map<String, float[]> vectors;

    public PrecomputedSource(String name, Map<String, float[]> vectors) {
        this.name = name;
        this.vectors = Map.copyOf(vectors);
    }

    @Override
    public String name() {
        return name;
    }

    /** @throws IllegalArgumentException if none of {@code clips} has a vector here */
    @Override
    public Embeddings embed(Dataset set, List<Clip> clips, BatchProgress progress) {
        Map<String, float[]> out = new LinkedHashMap<>();
        List<BatchFailure> missing = new ArrayList<>();
        for (Clip c : clips) {
            float[] v = vectors.get(c.id());
            if (v != null) {
                out.put(c.id(), v);
            } else {
                missing.add(new BatchFailure(c.file(), "no vector for clip_id '" + c.id() + "' in " + name));
            }
            if (progress != null) {
                progress.fileDone(c.file(), v != null);
            }
        }
        if (out.isEmpty() && !clips.isEmpty()) {
            throw new IllegalArgumentException(name + ": none of the " + clips.size() + " clips of data set '"
                    + set.name() + "' has a vector (its clip_ids look like " + examples(vectors.keySet())
                    + "; the set's like " + examples(clips.stream().map(Clip::id).toList())
                    + "): were these vectors computed for this data set?");
        }
        return new Embeddings(out, missing);
    }

    private static String examples(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return "nothing: it has no rows";
        }
        return ids.stream().sorted().limit(3).map(id -> "'" + PrintablePath.escape(id) + "'")
                .collect(java.util.stream.Collectors.joining(", ")) + (ids.size() > 3 ? ", ..." : "");
    }
}
