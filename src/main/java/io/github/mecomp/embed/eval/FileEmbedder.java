package io.github.mecomp.embed.eval;

import java.nio.file.Path;

/** A model that turns one audio file into one vector, whole song, the way MECOMP would run it. */
public interface FileEmbedder extends AutoCloseable {

    /** A short name for tables, e.g. the model's file name. */
    String name();

    /** The song's vector; an exception names the file and says what is wrong with it. */
    float[] embedFile(Path file) throws Exception;
}
