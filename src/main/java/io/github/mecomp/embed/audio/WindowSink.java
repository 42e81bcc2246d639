package io.github.mecomp.embed.audio;

import java.io.IOException;

/** Receives a song's log-mel windows one at a time, in order, so that they need not be held together. */
@FunctionalInterface
public interface WindowSink {

    /** One window [frame][band]; the array is the receiver's to keep. */
    void accept(float[][] window) throws IOException;
}
