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
import io.github.mecomp.embed.io.FileNames;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

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

    /**
     * One song's times in milliseconds by stage, wall-clock and CPU time of the thread that did the work (ONNX
     * Runtime with one intra-op thread runs on the calling thread), and the audio's length in seconds. On a
     * busy machine the CPU times are the steadier figure.
     */
    record SongTimes(Path file, double audioSeconds, Map<String, Double> millis, Map<String, Double> cpuMillis) {
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
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
        InputFiles.Listing listing = InputFiles.expand(List.of(folder));
        List<Path> files = spread(listing.files(), limit);
        if (files.isEmpty()) {
            err.println("bench: no audio files (" + String.join(", ", FileNames.AUDIO_EXTENSIONS) + ") under " + folder);
            FailureReport.print(err, "bench", List.of(), listing.skipped());
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
                        long c0 = cpuNanos();
                        long t0 = System.nanoTime();
                        PcmAudio audio = loader.load(file);
                        long t1 = System.nanoTime();
                        long c1 = cpuNanos();
                        if (!warm) { // first calls allocate and JIT-compile: keep them out of the figures
                            logMel.windows(audio);
                            for (OnnxModelSource s : sessions) {
                                s.embed(audio.samples());
                            }
                            warm = true;
                        }
                        Map<String, Double> millis = new LinkedHashMap<>();
                        Map<String, Double> cpu = new LinkedHashMap<>();
                        millis.put(DECODE, (t1 - t0) / 1e6);
                        cpu.put(DECODE, (c1 - c0) / 1e6);
                        if (audio.length() >= FrontEndConfig.DEFAULT.windowSamples()) {
                            long fc = cpuNanos();
                            long f0 = System.nanoTime();
                            logMel.windows(audio);
                            millis.put(FRONT_END, (System.nanoTime() - f0) / 1e6);
                            cpu.put(FRONT_END, (cpuNanos() - fc) / 1e6);
                        }
                        for (OnnxModelSource s : sessions) {
                            long mc = cpuNanos();
                            long m0 = System.nanoTime();
                            s.embed(audio.samples());
                            millis.put(s.name(), (System.nanoTime() - m0) / 1e6);
                            cpu.put(s.name(), (cpuNanos() - mc) / 1e6);
                        }
                        songs.add(new SongTimes(file, audio.durationSeconds(), millis, cpu));
                        progress.fileDone(file, true);
                    } catch (AudioDecodeException e) {
                        failures.add(new BatchFailure(e.file(), e.reason()));
                        progress.fileDone(file, false);
                    } catch (ai.onnxruntime.OrtException e) {
                        failures.add(new BatchFailure(file, "ONNX Runtime: " + e.getMessage()));
                        progress.fileDone(file, false);
                    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                        // Any other failure, running out of memory on a long song included, is this song's
                        // (see FileBatch): what it held is garbage now, and the next song runs.
                        failures.add(BatchFailure.of(file, e));
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
        FailureReport.print(err, "bench", failures, listing.skipped());
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
        sb.append(String.format(Locale.ROOT, "%d songs, median %.1f s of audio (%.1f to %.1f s); one intra-op thread,"
                        + " one song per call; %d cores%n", songs.size(), median(seconds),
                Arrays.stream(seconds).min().orElse(Double.NaN), Arrays.stream(seconds).max().orElse(Double.NaN),
                Runtime.getRuntime().availableProcessors()));
        List<String> labels = new ArrayList<>(stages);
        modelNames.forEach(m -> labels.add("decode + " + m));
        int width = labels.stream().mapToInt(String::length).max().orElse(10) + 2;
        String head = "%-" + width + "s %12s %12s %14s %14s%n";
        sb.append(String.format(Locale.ROOT, head, "stage (median)", "ms/song", "CPU ms/song", "ms/audio s",
                "CPU ms/audio s"));
        for (String stage : stages) {
            row(sb, width, stage, songs, s -> s.millis().get(stage), s -> s.cpuMillis().get(stage));
        }
        for (String model : modelNames) {
            row(sb, width, "decode + " + model, songs, s -> sum(s.millis(), DECODE, model),
                    s -> sum(s.cpuMillis(), DECODE, model));
        }
        sb.append("(medians over songs; per audio second = each song's time divided by its length; CPU = CPU time of")
                .append(" the thread that did the work)").append(System.lineSeparator());
        return sb.toString();
    }

    private static Double sum(Map<String, Double> ms, String a, String b) {
        Double x = ms.get(a);
        Double y = ms.get(b);
        return x == null || y == null ? null : x + y;
    }

    private static void row(StringBuilder sb, int width, String label, List<SongTimes> songs,
                            java.util.function.Function<SongTimes, Double> wall,
                            java.util.function.Function<SongTimes, Double> cpu) {
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %12.1f %12.1f %14.3f %14.3f%n", label,
                median(songs, wall, false), median(songs, cpu, false), median(songs, wall, true),
                median(songs, cpu, true)));
    }

    private static double median(List<SongTimes> songs, java.util.function.Function<SongTimes, Double> ms,
                                 boolean perAudioSecond) {
        return median(songs.stream().filter(s -> ms.apply(s) != null)
                .mapToDouble(s -> ms.apply(s) / (perAudioSecond ? s.audioSeconds() : 1)).toArray());
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
            medians.putObject(stage)
                    .put("msPerSong", median(songs, s -> s.millis().get(stage), false))
                    .put("msPerAudioSecond", median(songs, s -> s.millis().get(stage), true))
                    .put("cpuMsPerSong", median(songs, s -> s.cpuMillis().get(stage), false))
                    .put("cpuMsPerAudioSecond", median(songs, s -> s.cpuMillis().get(stage), true));
        }
        ArrayNode list = root.putArray("songs");
        for (SongTimes s : songs) {
            ObjectNode n = list.addObject().put("file", s.file().toString()).put("audioSeconds", s.audioSeconds());
            ObjectNode ms = n.putObject("ms");
            s.millis().forEach(ms::put);
            ObjectNode cpu = n.putObject("cpuMs");
            s.cpuMillis().forEach(cpu::put);
        }
        AtomicFiles.write(file, tmp -> mapper.writeValue(tmp.toFile(), root));
    }
}
