package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.AudioLoader;
import io.github.mecomp.embed.audio.FileBatch;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.SelectedWindows;
import io.github.mecomp.embed.audio.TruncationPolicy;
import io.github.mecomp.embed.audio.WavWriter;
import io.github.mecomp.embed.data.CsvWriter;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.data.ExcerptPlan;
import io.github.mecomp.embed.io.AtomicFiles;
import io.github.mecomp.embed.io.FileNames;
import io.github.mecomp.embed.io.OutputWriteException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * A plain folder of music (no labels) to a training set: each song cut into a few excerpts, written as WAV with
 * a labels.csv that {@code train --data} reads. Two excerpts of one song are a same-track pair, so a user can
 * adapt the model to their own library with nothing but the files.
 */
@Command(name = "excerpts", mixinStandardHelpOptions = true,
        description = {
            "Cuts every song of a plain music folder (MP3, Ogg Vorbis, FLAC, WAV; no labels needed) into excerpts",
            "spread over the song, and writes them as a data set that train --data reads: <out>/labels.csv and",
            "<out>/clips/*.wav (mono, 16-bit). Excerpts of one song form the 'track' relation (another excerpt of",
            "the same song); with --album-from-folder, songs of one folder also form the 'album' relation.",
            "Every clip is split=train. Memory does not grow with a song's length. Bad files are reported at the",
            "end; the exit code is 1 only if no excerpt could be cut."})
final class ExcerptsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FOLDER", description = "The music folder, searched through subfolders.")
    Path folder;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The data set folder to write.")
    Path outDir;

    @Option(names = "--seconds", paramLabel = "S", description = "Length of an excerpt (default: 20).")
    double seconds = ExcerptPlan.DEFAULT.seconds();

    @Option(names = "--per-song", paramLabel = "N", description = "Most excerpts taken from one song (default: 8).")
    int perSong = ExcerptPlan.DEFAULT.perSong();

    @Option(names = "--sample-rate", paramLabel = "HZ",
            description = "Rate of the excerpts; use the one you train at (default: ${DEFAULT-VALUE}).")
    int sampleRate = FrontEndConfig.DEFAULT.sampleRate();

    @Option(names = "--album-from-folder",
            description = {"Label each song's folder as its album: songs of one folder become positives of the",
                "'album' relation and the split keeps folders apart. Only for a library laid out one album per",
                "folder (Artist/Album/song.mp3); a flat folder of mixed songs would teach nonsense."})
    boolean albumFromFolder;

    @Option(names = "--threads", paramLabel = "N", description = "Songs decoded at once (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One excerpt: a row of labels.csv. */
    record Excerpt(String clipId, String trackId, String album, String title, String sourceFile, double startSeconds,
                   double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExcerptPlan plan;
        try {
            plan = new ExcerptPlan(seconds, perSong);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds/--per-song: " + e.getMessage());
        }
        if (sampleRate < 8000 || sampleRate > 192_000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sample-rate must be between 8000 and 192000 Hz, got " + sampleRate);
        }
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "not a music folder");
        }
        OutputFolder.requireNotAFile(outDir, "--out");
        Path clips = outDir.resolve("clips");
        Path outAbsolute = outDir.toAbsolutePath().normalize();
        InputFiles.Listing listing = InputFiles.expand(List.of(folder));
        // a data set written inside the music folder must not be read as songs the next time
        List<Path> songs = listing.files().stream()
                .filter(f -> !f.toAbsolutePath().normalize().startsWith(outAbsolute)).toList();
        if (songs.isEmpty()) {
            err.println("excerpts: no audio files (" + String.join(", ", FileNames.AUDIO_EXTENSIONS) + ") under " + folder);
            FailureReport.print(err, "excerpts", List.of(), listing.skipped());
            return ExitCodes.FAILED;
        }
        Map<Path, String> ids = songIds(songs);
        // a file that ends early is cut up to its end, as players play it, with a warning
        AudioLoader loader = new AudioLoader(sampleRate, TruncationPolicy.useWhatDecodes(1.0, err::println));
        int excerptSamples = plan.samples(sampleRate);
        FileBatch.Result<List<Excerpt>> result;
        try (ProgressReporter progress = new ProgressReporter("excerpts", songs.size())) {
            result = FileBatch.run(songs, threads, song -> cut(loader, plan, excerptSamples, song, ids.get(song), clips),
                    progress);
        }
        List<Excerpt> rows = new ArrayList<>();
        result.values().values().forEach(rows::addAll);
        if (!rows.isEmpty()) {
            writeLabels(outDir.resolve(DatasetReader.LABELS_FILE), rows);
        }
        long songsCut = result.values().values().stream().filter(l -> !l.isEmpty()).count();
        double seconds = rows.stream().mapToDouble(Excerpt::seconds).sum();
        String audio = seconds >= 3600 ? String.format(Locale.ROOT, "%.1f h", seconds / 3600)
                : String.format(Locale.ROOT, "%.1f min", seconds / 60);
        out.printf(Locale.ROOT, "excerpts: %d excerpt(s) of %d of %d songs (%s of audio) in %.1f s%s%n", rows.size(),
                songsCut, songs.size(), audio, result.wallSeconds(),
                rows.isEmpty() ? "" : "; wrote " + outDir.resolve(DatasetReader.LABELS_FILE) + " (train on it with"
                        + " --data " + outDir + ")");
        FailureReport.print(err, "excerpts", result.failures(), listing.skipped());
        return rows.isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Unique clip-id stems: the rule of {@link ExcerptPlan#songId}, then "-2", "-3"... where two paths meet. */
    private Map<Path, String> songIds(List<Path> songs) {
        Map<Path, String> ids = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (Path song : songs) {
            String base = ExcerptPlan.songId(FileNames.relativePath(folder, song));
            String id = base;
            for (int n = 2; !taken.add(id); n++) {
                id = base + "-" + n;
            }
            ids.put(song, id);
        }
        return ids;
    }

    /** Reads the song once (twice if its container does not declare its length) and writes its excerpts. */
    private List<Excerpt> cut(AudioLoader loader, ExcerptPlan plan, int excerptSamples, Path song, String songId,
                              Path clips) throws IOException {
        // the rule is asked again when the length read differs from the declared one: the last answer holds
        int[][] picked = new int[1][];
        float[] kept = SelectedWindows.samples(loader, song, excerptSamples, blocks -> picked[0] = plan.pick(blocks));
        String relative = FileNames.relativePath(folder, song);
        String album = albumFromFolder ? albumOf(relative) : null;
        String title = FileNames.withoutExtension(song.getFileName().toString());
        // a song shorter than one excerpt comes back whole: one clip
        boolean whole = kept.length < excerptSamples;
        int count = whole ? 1 : picked[0].length;
        List<Excerpt> excerpts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String clipId = songId + "--x" + (i + 1);
            int from = i * excerptSamples;
            int to = Math.min(kept.length, from + excerptSamples);
            try {
                WavWriter.write(clips.resolve(clipId + ".wav"), kept, from, to, sampleRate);
            } catch (OutputWriteException e) {
                throw new FileBatch.OutputFailure(e);
            }
            double start = whole ? 0 : picked[0][i] * (double) excerptSamples / sampleRate;
            excerpts.add(new Excerpt(clipId, songId, album, title, relative, start, (to - from) / (double) sampleRate));
        }
        return excerpts;
    }

    private String albumOf(String relative) {
        int slash = relative.lastIndexOf('/');
        if (slash > 0) {
            return relative.substring(0, slash);
        }
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? "/" : name.toString();
    }

    private void writeLabels(Path file, List<Excerpt> rows) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                List<String> header = new ArrayList<>(List.of("clip_id", "file", "track_id"));
                if (albumFromFolder) {
                    header.add("album");
                }
                header.addAll(List.of("title", "source_file", "excerpt_start_s", "split"));
                w.write(CsvWriter.line(header));
                for (Excerpt e : rows) {
                    List<String> fields = new ArrayList<>(List.of(e.clipId(), "clips/" + e.clipId() + ".wav", e.trackId()));
                    if (albumFromFolder) {
                        fields.add(e.album());
                    }
                    fields.addAll(List.of(e.title(), e.sourceFile(), String.format(Locale.ROOT, "%.2f", e.startSeconds()),
                            "train"));
                    w.write(CsvWriter.line(fields));
                }
            }
        });
    }
}
