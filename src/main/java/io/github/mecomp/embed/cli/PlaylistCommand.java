package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.eval.SongVectors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A radio playlist from seed songs, as MECOMP's radio makes one. */
@Command(name = "playlist", mixinStandardHelpOptions = true,
        description = {"A radio playlist from one or more seed songs, as MECOMP's radio makes one: the mean of the",
            "seeds' vectors is the query, the nearest songs come first, the seeds are left out."})
final class PlaylistCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "An embeddings CSV written by embed.")
    Path file;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SEED",
            description = "Seed songs: keys of the CSV or file names unique in it.")
    List<String> seeds;

    @Option(names = "-n", required = true, paramLabel = "N", description = "How many songs.")
    int n;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SongVectors library = SongVectors.read(file);
        PrintWriter out = spec.commandLine().getOut();
        SimilarCommand.print(out, library.playlist(seeds, n));
        return ExitCodes.OK;
    }
}
