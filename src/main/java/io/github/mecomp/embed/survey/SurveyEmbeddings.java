package io.github.mecomp.embed.survey;

import io.github.mecomp.embed.io.FileNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds each clip's vector in an embeddings CSV ({@link io.github.mecomp.embed.eval.EmbeddingCsv}), whose
 * {@code clip_id} may be the clip's path in the folder, that path without its extension, its file name, or
 * its file name without extension (the first that matches, in that order).
 */
public final class SurveyEmbeddings {

    private SurveyEmbeddings() {
    }

    /** Vectors by clip id, for the clips that have one. */
    public static Map<String, float[]> match(Map<String, float[]> rows, List<SurveyClip> clips) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (SurveyClip c : clips) {
            String path = c.path();
            String name = path.substring(path.lastIndexOf('/') + 1);
            for (String key : List.of(path, FileNames.withoutExtension(path), name, FileNames.withoutExtension(name))) {
                float[] v = rows.get(key);
                if (v != null) {
                    out.put(c.id(), v);
                    break;
                }
            }
        }
        return out;
    }

}
