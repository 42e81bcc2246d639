package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FileBatch;
import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.eval.FileEmbedder;
import io.github.mecomp.embed.io.FileNames;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** A music folder to an embeddings CSV, one row per song keyed by its path relative to the folder. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {
            "Embeds every audio file (MP3, Ogg Vorbis, FLAC, WAV) under a music folder with one model, whole",
            "songs, and writes an embeddings CSV (clip_id = path relative to the folder, then one column per",
            "dimension) for similar, playlist and eval --embeddings. Bad files are listed at the end; the exit",
            "code is 1 only if no file could be embedded."})
final class EmbedCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The music folder.")
    Path folder;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The embeddings CSV to write.")
    Path outFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelChoice modelChoice;

    @Mixin
    FrontEndOptions frontEndOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(folder)) {
            throw new java.nio.file.NoSuchFileException(folder.toString(), null, "not a music folder");
        }
        InputFiles.Listing listing = InputFiles.expand(List.of(folder));
        List<Path> files = listing.files();
        if (files.isEmpty()) {
            err.println("embed: no audio files (" + String.join(", ", FileNames.AUDIO_EXTENSIONS) + ") under " + folder);
            FailureReport.print(err, "embed", List.of(), listing.skipped());
            return ExitCodes.FAILED;
        }
        try (FileEmbedder model = modelChoice.open(frontEndOptions, err::println)) {
            return embed(model, listing, frontEndOptions.threads, out, err);
        }
    }

    /**
     * Embeds the files listed, writes the CSV and reports: what {@code embed} does once the model is open.
     *
     * @return the exit code: {@link ExitCodes#FAILED} only if no file could be embedded
     */
    int embed(FileEmbedder model, InputFiles.Listing listing, int threads, PrintWriter out, PrintWriter err)
            throws Exception {
        List<Path> files = listing.files();
        FileBatch.Result<float[]> result;
        String name = model.name();
        try (ProgressReporter progress = new ProgressReporter("embed", files.size())) {
            result = FileBatch.run(files, threads, model::embedFile, progress);
        }
        Map<String, float[]> byKey = new LinkedHashMap<>();
        result.values().forEach((file, v) -> byKey.put(FileNames.relativePath(folder, file), v));
        if (!byKey.isEmpty()) {
            try {
                EmbeddingCsv.write(outFile, byKey);
            } catch (java.io.IOException e) {
                // the error (naming the CSV) ends the command; the files that failed are still worth knowing
                FailureReport.print(err, "embed", result.failures(), listing.skipped());
                throw e;
            }
        }
        out.printf(Locale.ROOT, "%s: embedded %d of %d files in %.1f s%s%n", name, byKey.size(), files.size(),
                result.wallSeconds(), byKey.isEmpty() ? "" : "; wrote " + outFile);
        FailureReport.print(err, "embed", result.failures(), listing.skipped());
        return byKey.isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
