package io.github.mecomp.embed.audio;

import java.nio.file.Path;

/** Told after each file of a batch, from the worker thread that did it. */
@FunctionalInterface
public interface BatchProgress {

    void fileDone(Path file, boolean ok);
}
