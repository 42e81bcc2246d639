package io.github.mecomp.embed.train;

import io.github.mecomp.embed.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a run stands after its last finished epoch: enough to resume it after a kill. Written atomically
 * after the checkpoint it names is complete, so it never points at a half-written checkpoint.
 *
 * @param configHash     identifies the training setup; a resume with another setup is refused
 * @param epochsDone     finished epochs
 * @param globalStep     optimiser steps taken
 * @param lastCheckpoint folder of the last epoch's checkpoint, relative to the run folder
 * @param bestCheckpoint folder of the best epoch's checkpoint, relative to the run folder
 * @param bestEpoch      1-based, 0 before the first epoch
 * @param history        every finished epoch
 */
public record RunState(String configHash, int epochsDone, long globalStep, String lastCheckpoint,
                       String bestCheckpoint, int bestEpoch, double bestAccuracy, List<EpochRecord> history) {

    public static final String FILE = "state.json";

    public RunState {
        history = List.copyOf(history);
    }

    static RunState fresh(String configHash) {
        return new RunState(configHash, 0, 0, null, null, 0, -1, List.of());
    }

    void write(Path runDir) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(runDir.resolve(FILE), tmp -> mapper.writeValue(tmp.toFile(), this));
    }

    static RunState read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        try {
            return new ObjectMapper().readValue(file.toFile(), RunState.class);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the run state to resume from (" + e.getMessage() + ")", e);
        }
    }
}
