package io.github.mecomp.embed.data;

import io.github.mecomp.embed.io.FileDigests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A data set's content fingerprint for a model's provenance: its {@code labels.csv} and every clip's audio file.
 *
 * <p>Clip and triplet counts do not tell two builds of a set apart: a set rebuilt on another machine (the game
 * sets cut from Debian packages by {@code tools/}) can hold the same clips with other samples, and then trains
 * another model from the same command. The fingerprint says whether a rerun started from the same bytes.
 */
public final class DatasetFingerprint {

    private DatasetFingerprint() {
    }

    /**
     * SHA-256 over {@code labels.csv} and the clips' files (sorted by path, each with its path relative to the
     * set's folder), in hex. A clip file that is missing counts as absent rather than failing.
     */
    public static String sha256(Dataset set) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(set.root().resolve(DatasetReader.LABELS_FILE));
        set.clips().stream().map(Clip::file).distinct().sorted().forEach(files::add);
        return FileDigests.sha256OfFiles(files, set.root());
    }
}
