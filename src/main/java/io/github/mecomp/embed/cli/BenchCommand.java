package io.github.mecomp.embed.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.audio.AudioDecodeException;
import io.github.mecomp.embed.audio.AudioLoader;
import io.github.mecomp.embed.audio.BatchFailure;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.eval.OnnxModelSource;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What a song costs as MECOMP runs a model: ONNX Runtime with one intra-op thread, one whole song per call
 * (B = 1), after decoding; with the Java front-end's time beside it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Times ONNX models with MECOMP's contract on real songs, as MECOMP runs them: ONNX Runtime with one",
            "intra-op thread, one whole song per call. Per song, one at a time: decoding to 22,050 Hz mono, this",
            "tool's log-mel front-end (what the SameDiff model reads; an exported ONNX model computes its own",
            "inside), and each model. Prints medians per song and per second of audio; --json writes every song."})
final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "A folder of full-length songs.")
    Path folder;

    @Option(names = "--onnx", required = true, paramLabel = "FILE",
            description = "An ONNX model with MECOMP's contract; repeat to compare several on the same songs.")
    List<Path> models;

    @Option(names = "--limit", paramLabel = "N",
            description = "Time only N songs, spread evenly over the folder's sorted list (default: all).")
    int limit = Integer.MAX_VALUE;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every song's times as JSON.")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One song's times in milliseconds, by stage; the audio's length in seconds. */
    record SongTimes(Path file, double audioSeconds, Map<String, Double> millis) {
    }

    static final String DECODE = "decode (22,050 Hz mono)";
    static final String FRONT_END = "Java log-mel front-end";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        }
        if (!Files.isDirectory(folder)) {
            throw new java.nio.file.NoSuchFileException(folder.toString(), null, "not a folder of songs");
        }
        List<Path> files = spread(InputFiles.expand(List.of(folder)), limit);
        if (files.isEmpty()) {
            err.println("bench: no audio files (" + String.join(", ", InputFiles.EXTENSIONS) + ") under " + folder);
            return ExitCodes.FAILED;
        }
        AudioLoader loader = new AudioLoader(OnnxModelSource.SAMPLE_RATE);
        LogMelSpectrogram logMel = new LogMelSpectrogram(FrontEndConfig.DEFAULT);
        List<OnnxModelSource> sessions = new ArrayList<>();
        List<SongTimes> songs = new ArrayList<>();
        List<BatchFailure> failures = new ArrayList<>();
        try {
            for (Path m : models) {
                sessions.add(new OnnxModelSource(m, 1));
            }
            if (sessions.stream().map(OnnxModelSource::name).distinct().count() != sessions.size()) {
                throw new IllegalArgumentException("two --onnx files have the same file name; rename one");
            }
            try (ProgressReporter progress = new ProgressReporter("bench", files.size())) {
                boolean warm = false;
                for (Path file : files) {
                    try {
                        long t0 = System.nanoTime();
                        PcmAudio audio = loader.load(file);
                        long t1 = System.nanoTime();
                        if (!warm) { // first calls allocate and JIT-compile: keep them out of the figures
                            logMel.windows(audio);
                            for (OnnxModelSource s : sessions) {
                                s.embed(audio.samples());
                            }
                            warm = true;
                        }
                        Map<String, Double> millis = new LinkedHashMap<>();
                        millis.put(DECODE, (t1 - t0) / 1e6);
                        long f0 = System.nanoTime();
                        if (audio.length() >= FrontEndConfig.DEFAULT.windowSamples()) {
                            logMel.windows(audio);
                            millis.put(FRONT_END, (System.nanoTime() - f0) / 1e6);
                        }
                        for (OnnxModelSource s : sessions) {
                            long m0 = System.nanoTime();
                            s.embed(audio.samples());
                            millis.put(s.name(), (System.nanoTime() - m0) / 1e6);
                        }
                        songs.add(new SongTimes(file, audio.durationSeconds(), millis));
                        progress.fileDone(file, true);
                    } catch (AudioDecodeException e) {
                        failures.add(new BatchFailure(e.file(), e.reason()));
                        progress.fileDone(file, false);
                    } catch (ai.onnxruntime.OrtException e) {
                        failures.add(new BatchFailure(file, "ONNX Runtime: " + e.getMessage()));
                        progress.fileDone(file, false);
                    }
                }
            }
        } finally {
            for (OnnxModelSource s : sessions) {
                s.close();
            }
        }
        List<String> stages = new ArrayList<>(List.of(DECODE, FRONT_END));
        sessions.forEach(s -> stages.add(s.name()));
        out.print(table(songs, stages, sessions.stream().map(OnnxModelSource::name).toList()));
        out.flush();
        FailureReport.print(err, "bench", failures);
        if (json != null && !songs.isEmpty()) {
            writeJson(json, songs, stages);
            out.println("wrote " + json);
        }
        return songs.isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** {@code n} files spread evenly over the list (all of them when n >= size). */
    static List<Path> spread(List<Path> files, int n) {
        if (n >= files.size()) {
            return files;
        }
        List<Path> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(files.get((int) ((long) i * files.size() / n)));
        }
        return out;
    }

    static String table(List<SongTimes> songs, List<String> stages, List<String> modelNames) {
        StringBuilder sb = new StringBuilder();
        double[] seconds = songs.stream().mapToDouble(SongTimes::audioSeconds).toArray();
        sb.append(String.format(Locale.ROOT, "%d songs, median %.1f s of audio (%.1f to %.1f s); one thread,"
                        + " one song per call%n", songs.size(), median(seconds),
                Arrays.stream(seconds).min().orElse(Double.NaN), Arrays.stream(seconds).max().orElse(Double.NaN)));
        sb.append(String.format(Locale.ROOT, "%-44s %14s %18s%n", "stage", "ms per song", "ms per audio second"));
        for (String stage : stages) {
            row(sb, stage, songs, s -> s.millis().get(stage));
        }
        for (String model : modelNames) {
            row(sb, "whole song: decode + " + model, songs, s -> s.millis().get(DECODE) + s.millis().get(model));
        }
        sb.append("(medians over songs; per audio second = each song's time divided by its length)")
                .append(System.lineSeparator());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, List<SongTimes> songs,
                            java.util.function.Function<SongTimes, Double> ms) {
        List<Double> perSong = new ArrayList<>();
        List<Double> perSecond = new ArrayList<>();
        for (SongTimes s : songs) {
            Double v = ms.apply(s);
            if (v != null) {
                perSong.add(v);
                perSecond.add(v / s.audioSeconds());
            }
        }
        sb.append(String.format(Locale.ROOT, "%-44s %14.1f %18.3f%n", label,
                median(perSong.stream().mapToDouble(Double::doubleValue).toArray()),
                median(perSecond.stream().mapToDouble(Double::doubleValue).toArray())));
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private void writeJson(Path file, List<SongTimes> songs, List<String> stages) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("tool", new VersionProvider().getVersion()[0]);
        root.put("created", Instant.now().toString());
        root.put("folder", folder.toAbsolutePath().toString());
        root.put("intraOpThreads", 1);
        root.put("batch", 1);
        root.put("cores", Runtime.getRuntime().availableProcessors());
        ObjectNode medians = root.putObject("medians");
        for (String stage : stages) {
            double[] perSong = songs.stream().filter(s -> s.millis().containsKey(stage))
                    .mapToDouble(s -> s.millis().get(stage)).toArray();
            double[] perSecond = songs.stream().filter(s -> s.millis().containsKey(stage))
                    .mapToDouble(s -> s.millis().get(stage) / s.audioSeconds()).toArray();
            medians.putObject(stage).put("msPerSong", median(perSong)).put("msPerAudioSecond", median(perSecond));
        }
        ArrayNode list = root.putArray("songs");
        for (SongTimes s : songs) {
            ObjectNode n = list.addObject().put("file", s.file().toString()).put("audioSeconds", s.audioSeconds());
            ObjectNode ms = n.putObject("ms");
            s.millis().forEach(ms::put);
        }
        AtomicFiles.write(file, tmp -> mapper.writeValue(tmp.toFile(), root));
    }
}
