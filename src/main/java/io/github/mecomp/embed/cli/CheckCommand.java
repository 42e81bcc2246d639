package io.github.mecomp.embed.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.export.ModelCheck;
import io.github.mecomp.embed.io.AtomicFiles;
import io.github.mecomp.embed.io.PrintablePath;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The last step before a file goes into MECOMP's model_path: does MECOMP get what it needs from it? */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks ONNX files as MECOMP will use them from its model_path, before they are shipped:",
            "ONNX Runtime opens each with MECOMP's session settings; input 'audio' float32 [B, N] and output",
            "'embedding' [B, 32] (MECOMP's contract); the size budget (1 MB, ceiling 5 MB); metadata (22,050 Hz,",
            "provenance); finite unit vectors for a 3-minute song, silence, a 0.25-s song and a 10-minute song;",
            "two songs in one call against each alone; the same song at -12..+6 dB (cosine); the time a",
            "3-minute song takes on one thread against the 10 ms budget; with --fixtures, golden fixtures.",
            "Each check passes, warns (MECOMP can use the file, below what a shipped model promises) or fails",
            "(MECOMP could not use it: it falls back to its built-in model with only a log line when the file",
            "does not load). Exit code 1 if any file failed a check (or warned, with --strict)."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "MODEL.onnx", description = "ONNX files to check; each is checked "
            + "even when one before it fails.")
    List<Path> models;

    @Option(names = "--fixtures", paramLabel = "DIR", description = "A golden fixture folder written by the fixtures "
            + "command from the model this file was exported from; ONNX Runtime must reproduce its embeddings. "
            + "Only with one MODEL.")
    Path fixtures;

    @Option(names = "--budget-ms", paramLabel = "MS", description = "Time budget of a 3-minute song on one thread "
            + "(default: ${DEFAULT-VALUE}).")
    double budgetMillis = ModelCheck.Settings.DEFAULT.budgetMillis();

    @Option(names = "--runs", paramLabel = "N", description = "Timed calls whose median is the time "
            + "(default: ${DEFAULT-VALUE}).")
    int runs = ModelCheck.Settings.DEFAULT.speedRuns();

    @Option(names = "--strict", description = "A warning fails the file too (for a release gate).")
    boolean strict;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every finding and figure as JSON.")
    Path json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (fixtures != null && models.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fixtures belongs to one model; got "
                    + models.size() + " files");
        }
        ModelCheck.Settings settings;
        try {
            settings = ModelCheck.Settings.DEFAULT.withBudgetMillis(budgetMillis).withSpeedRuns(runs)
                    .withFixtures(fixtures);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        List<ModelCheck.Report> reports = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Path model : models) {
            ModelCheck.Report report = ModelCheck.check(model, settings);
            reports.add(report);
            print(out, report);
            if (rejected(report)) {
                rejected.add(PrintablePath.of(model));
            }
        }
        if (json != null) {
            writeJson(reports, settings);
        }
        if (models.size() > 1) {
            out.printf(Locale.ROOT, "%d files: %d ready for MECOMP's model_path%s%n", models.size(),
                    models.size() - rejected.size(), rejected.isEmpty() ? "" : ", not: " + String.join(", ", rejected));
        }
        out.flush();
        return rejected.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private boolean rejected(ModelCheck.Report report) {
        return report.failed() || (strict && report.count(ModelCheck.Verdict.WARN) > 0);
    }

    private void print(PrintWriter out, ModelCheck.Report report) {
        out.println(PrintablePath.of(report.file()));
        for (ModelCheck.Finding f : report.findings()) {
            out.printf(Locale.ROOT, "  %-4s  %-14s %s%n", f.verdict(), f.check(), f.detail());
        }
        long failed = report.count(ModelCheck.Verdict.FAIL);
        long warned = report.count(ModelCheck.Verdict.WARN);
        String verdict = failed > 0 ? "not usable by MECOMP as it is"
                : warned > 0 ? (strict ? "warnings fail under --strict" : "MECOMP can use it; see the warnings")
                        : "ready for MECOMP's model_path";
        out.printf(Locale.ROOT, "  %d passed, %d warning%s, %d failed: %s%n", report.count(ModelCheck.Verdict.PASS),
                warned, warned == 1 ? "" : "s", failed, verdict);
    }

    private void writeJson(List<ModelCheck.Report> reports, ModelCheck.Settings settings) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("tool", new VersionProvider().getVersion()[0]);
        root.put("created", Instant.now().toString());
        root.put("budgetMillis", settings.budgetMillis());
        root.put("speedRuns", settings.speedRuns());
        root.put("minLevelCosine", settings.minLevelCosine());
        root.put("strict", strict);
        ArrayNode files = root.putArray("files");
        for (ModelCheck.Report r : reports) {
            ObjectNode f = files.addObject();
            f.put("file", r.file().toString());
            f.put("ready", !rejected(r));
            f.set("figures", mapper.valueToTree(r.figures()));
            ArrayNode list = f.putArray("findings");
            for (ModelCheck.Finding finding : r.findings()) {
                list.addObject().put("check", finding.check()).put("verdict", finding.verdict().name())
                        .put("detail", finding.detail());
            }
        }
        AtomicFiles.write(json, tmp -> mapper.writeValue(tmp.toFile(), root));
    }
}
