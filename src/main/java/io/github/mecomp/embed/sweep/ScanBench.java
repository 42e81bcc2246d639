package io.github.mecomp.embed.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import onnx.Onnx;

/**
 * The Rust library scan of {@code rust-check/bench} ({@code scan-bench}, built with the {@code tract} feature):
 * symphonia decoding of the windows the model reads, then the model in tract, both cores. scan-bench takes the
 * window rule (K windows of some length) from the model's {@code metadata_props}, as the Java tool's ONNX source
 * does, so only a model exported by this tool (with {@code sample_rate}, {@code window_samples} and
 * {@code sequence_length} there) can be scanned.
 *
 * @param binary the scan-bench executable
 * @param folder the songs to scan
 * @param count  songs per scan (cycling through the folder), 0 for each file once
 */
public record ScanBench(Path binary, Path folder, int count) {

    /** The metadata keys scan-bench reads its window rule from (rust-check/bench/src/windows.rs). */
    static final List<String> WINDOW_RULE_KEYS = List.of("sample_rate", "window_samples", "sequence_length");
    private static final Pattern SONGS_PER_S = Pattern.compile("RESULT phase=seek .*songs_per_s=([0-9.]+)");

    /** The command for one model. */
    public List<String> command(Path onnx) {
        List<String> c = new ArrayList<>(List.of(binary.toString(), folder.toString(), "--modes", "seek", "--tract",
                onnx.toString()));
        if (count > 0) {
            c.addAll(List.of("--count", Integer.toString(count)));
        }
        return c;
    }

    /** Why a model cannot be scanned (no window rule in its metadata), or empty when it can. */
    static Optional<String> unsupported(Path onnx) throws IOException {
        Set<String> keys = new HashSet<>();
        try (InputStream in = Files.newInputStream(onnx)) {
            Onnx.ModelProto.parseFrom(in).getMetadataPropsList().forEach(p -> keys.add(p.getKey()));
        }
        List<String> missing = WINDOW_RULE_KEYS.stream().filter(k -> !keys.contains(k)).toList();
        if (!missing.isEmpty()) {
            return Optional.of("not scanned: no window rule in its metadata_props (missing " + String.join(", ", missing)
                    + "), so scan-bench cannot know which windows it reads");
        }
        return Optional.empty();
    }

    /** Songs per second of the scan, from its {@code RESULT phase=seek} line. */
    public double run(Path onnx) throws IOException {
        if (!Files.isExecutable(binary)) {
            throw new IOException(binary + ": no scan-bench binary; build it with `cargo build --release --features"
                    + " tract` in rust-check/bench, or leave out --scan-bench");
        }
        Process p = new ProcessBuilder(command(onnx)).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.MINUTES)) {
                p.destroy();
                throw new IOException(String.join(" ", command(onnx)) + ": still running after 60 minutes");
            }
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scanning", e);
        }
        return parse(output, p.exitValue(), String.join(" ", command(onnx)));
    }

    static double parse(String output, int exitCode, String command) throws IOException {
        Matcher m = SONGS_PER_S.matcher(output);
        if (exitCode != 0 || !m.find()) {
            String tail = output.length() > 600 ? output.substring(output.length() - 600) : output;
            throw new IOException(command + ": exit code " + exitCode + ", no 'RESULT phase=seek' line; its output"
                    + " ends: " + tail.strip());
        }
        return Double.parseDouble(m.group(1));
    }
}
