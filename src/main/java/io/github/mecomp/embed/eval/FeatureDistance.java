package io.github.mecomp.embed.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the vectors of a features CSV (for example bliss-audio's 23 features, as MECOMP uses them today) are
 * compared. Both are applied by mapping the vectors, so every figure of an evaluation uses the chosen distance.
 */
public enum FeatureDistance {

    /** Plain Euclidean distance over the features as written (bliss's {@code euclidean_distance}). */
    euclidean,

    /** bliss's {@code mahalanobis_distance} with its weight matrix (identity unless one is given). */
    bliss;

    /**
     * A system scoring the features in {@code csv} with this distance, named {@code <file> (<distance>)}.
     *
     * @param weights bliss's weight matrix for {@link #bliss}; null for bliss's default, the identity
     */
    public EmbeddingSource source(Path csv, BlissDistance weights) throws IOException {
        Map<String, float[]> features = EmbeddingCsv.read(csv);
        String name = csv.getFileName() + " (" + name() + ")";
        if (this == euclidean || features.isEmpty()) {
            return new PrecomputedSource(name, features);
        }
        int dims = features.values().iterator().next().length;
        BlissDistance m = weights != null ? weights : BlissDistance.identity(dims);
        if (m.dims() != dims) {
            throw new IllegalArgumentException(csv + " has " + dims + " features per clip but the bliss weight matrix is "
                    + m.dims() + " x " + m.dims());
        }
        return new PrecomputedSource(name, m.toEuclidean(features));
    }
}
