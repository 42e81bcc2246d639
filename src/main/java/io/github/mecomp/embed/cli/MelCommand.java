package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FileBatch;
import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.MelBatch;
import io.github.mecomp.embed.audio.TruncationPolicy;
import io.github.mecomp.embed.io.FileNames;
import io.github.mecomp.embed.io.OutputWriteException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** Audio files to the model's input: 1-second log-mel windows, optionally written as .npy files. */
@Command(name = "mel", mixinStandardHelpOptions = true,
        description = {
            "Decodes audio files (MP3, Ogg Vorbis, FLAC, WAV), resamples them and computes their 1-second",
            "log-mel windows. Prints how many seconds of audio were processed per second of CPU.",
            "Bad files are reported at the end; the exit code is 1 only if no file could be read."})
final class MelCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Audio files, or folders searched for them.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write each file's windows as <DIR>/<name>.npy, float32 [windows, frames, bands].")
    Path outDir;

    @Mixin
    FrontEndOptions frontEndOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FrontEndConfig config = frontEndOptions.config();
        if (outDir != null) {
            OutputFolder.requireNotAFile(outDir, "--out");
        }
        InputFiles.Listing listing = InputFiles.expand(inputs);
        List<Path> files = listing.files();
        if (files.isEmpty()) {
            err.println("mel: no audio files (" + String.join(", ", FileNames.AUDIO_EXTENSIONS) + ") under " + inputs);
            FailureReport.print(err, "mel", List.of(), listing.skipped());
            return ExitCodes.FAILED;
        }
        // a file that ends early is read up to its end, as players play it, with a warning
        FrontEnd frontEnd = new FrontEnd(config, frontEndOptions.cacheOrNull(config),
                TruncationPolicy.useWhatDecodes(config.windowSeconds(), err::println));
        Map<Path, Path> outputs = outputNames(files);
        MelBatch.Result result;
        try (ProgressReporter progress = new ProgressReporter("mel", files.size())) {
            // windows go to their file as they are computed: a long file's windows are never held together
            result = new MelBatch(frontEnd, frontEndOptions.threads).stream(files, progress, (file, windows) -> {
                if (outDir != null) {
                    try {
                        NpyWriter.write(outputs.get(file), config.framesPerWindow(), config.valuesPerFrame(), windows);
                    } catch (OutputWriteException e) {
                        // The output is broken (a full disk, say), not the input: stop and name the output.
                        throw new FileBatch.OutputFailure(e);
                    }
                } else {
                    windows.writeTo(window -> { });
                }
            });
        }
        int ok = files.size() - result.failures().size();
        out.printf(Locale.ROOT, "front-end: %d Hz, frames of %d every %d samples, %d mel bands%s, %d x %d per window%n",
                config.sampleRate(), config.frameLength(), config.hopLength(), config.melBands(),
                (config.crestChannel() ? " + the crest factor" : "")
                        + (config.highBandChannel() ? " + the high-band share" : "")
                        + (config.chromaChannel() ? " + the chroma" : "")
                        + (config.harmonyChannel() ? " + the harmony" : "")
                        + (config.chromaFrames() != 0 ? " (from " + config.chromaFrames() + " frames a window)" : "")
                        + (config.frameHarmony() ? " (harmony per frame)" : ""),
                config.framesPerWindow(), config.valuesPerFrame());
        out.printf(Locale.ROOT, "%d of %d files read; %.1f s of audio in %.2f s of CPU (%.0f s of audio per CPU second), %.2f s wall%n",
                ok, files.size(), result.audioSeconds(), result.cpuSeconds(), result.audioSecondsPerCpuSecond(),
                result.wallSeconds());
        FailureReport.print(err, "mel", result.failures(), listing.skipped());
        return ok == 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Output names that never collide: a second file of the same name gets its index appended. */
    private Map<Path, Path> outputNames(List<Path> files) {
        Map<Path, Path> names = new HashMap<>();
        if (outDir == null) {
            return names;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Path f : files) {
            String base = f.getFileName().toString();
            int n = seen.merge(base, 1, Integer::sum);
            names.put(f, outDir.resolve(n == 1 ? base + ".npy" : base + "." + n + ".npy"));
        }
        return names;
    }
}
