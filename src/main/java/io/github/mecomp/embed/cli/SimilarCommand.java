package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.eval.SongVectors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The songs nearest one song in an embeddings CSV. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = {"Lists the songs nearest SONG (Euclidean distance) in an embeddings CSV written by embed.",
            "SONG is a key of the CSV (a path relative to the music folder) or a file name unique in it."})
final class SimilarCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "An embeddings CSV.")
    Path file;

    @Parameters(index = "1", paramLabel = "SONG", description = "The song to start from.")
    String song;

    @Option(names = "-n", paramLabel = "N", description = "How many songs (default: ${DEFAULT-VALUE}).")
    int n = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SongVectors library = SongVectors.read(file);
        String key = library.resolve(song);
        PrintWriter out = spec.commandLine().getOut();
        out.println("nearest " + key + ":");
        print(out, library.similar(key, n));
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, List<SongVectors.Neighbour> songs) {
        int rank = 1;
        for (SongVectors.Neighbour s : songs) {
            out.printf(Locale.ROOT, "%3d  %8.4f  %s%n", rank++, s.distance(), s.song());
        }
        out.flush();
    }
}
