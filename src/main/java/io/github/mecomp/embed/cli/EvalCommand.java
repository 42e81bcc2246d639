package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.eval.EmbeddingSource;
import io.github.mecomp.embed.eval.EvalReport;
import io.github.mecomp.embed.eval.Evaluation;
import io.github.mecomp.embed.eval.MfccBaselineSource;
import io.github.mecomp.embed.eval.OnnxModelSource;
import io.github.mecomp.embed.eval.PrecomputedSource;
import io.github.mecomp.embed.eval.TrainedModelSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Triplet accuracy of one system on every evaluation task of the given data sets. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {
            "Scores a system on every triplets/*.csv of each data set: triplet accuracy (Euclidean distance,",
            "ties count as wrong) with its 95% Wilson interval. Prints a table; --json writes it as JSON."})
final class EvalCommand implements Callable<Integer> {

    /** Which system to score: exactly one. */
    static final class SystemChoice {
        @Option(names = "--baseline", paramLabel = "NAME", description = "A built-in baseline: ${COMPLETION-CANDIDATES}.")
        Baseline baseline;

        @Option(names = "--model", paramLabel = "DIR", description = "A model folder written by train (<run>/model).")
        Path model;

        @Option(names = "--onnx", paramLabel = "FILE",
                description = "An ONNX model with MECOMP's contract (audio [B, N] at 22,050 Hz -> [B, D]), run as MECOMP does.")
        Path onnx;

        @Option(names = "--embeddings", paramLabel = "CSV",
                description = "Precomputed vectors: a CSV with a clip_id column, then one column per dimension.")
        Path embeddings;
    }

    enum Baseline { mfcc }

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "A data set folder (labels.csv, clips/, triplets/*.csv); repeat for several.")
    List<Path> dataDirs;

    @ArgGroup(exclusive = true, multiplicity = "1")
    SystemChoice system;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the scores as JSON.")
    Path json;

    @Mixin
    FrontEndOptions frontEndOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Dataset> sets = new ArrayList<>();
        for (Path dir : dataDirs) {
            sets.add(DatasetReader.read(dir));
        }
        EmbeddingSource source = source();
        int clips = sets.stream().mapToInt(s -> Evaluation.clipsInTasks(s).size()).sum();
        EvalReport report;
        try (ProgressReporter progress = new ProgressReporter("eval " + source.name(), clips)) {
            report = Evaluation.run(sets, source, progress);
        }
        out.print(report.table());
        out.flush();
        FailureReport.print(err, "eval", report.failures());
        if (json != null) {
            report.writeJson(json);
            out.println("wrote " + json);
        }
        boolean anyScored = report.tasks().values().stream().anyMatch(s -> s.n() > 0);
        return anyScored ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private EmbeddingSource source() throws java.io.IOException {
        if (system.embeddings != null) {
            return new PrecomputedSource(system.embeddings.getFileName().toString(),
                    EmbeddingCsv.read(system.embeddings));
        }
        if (system.onnx != null) {
            return new OnnxModelSource(system.onnx, frontEndOptions.threads);
        }
        FrontEndConfig config = frontEndOptions.config();
        FrontEnd frontEnd = new FrontEnd(config, frontEndOptions.cacheOrNull(config));
        if (system.model != null) {
            return new TrainedModelSource(system.model, frontEnd, frontEndOptions.threads);
        }
        return switch (system.baseline) {
            case mfcc -> new MfccBaselineSource(frontEnd, frontEndOptions.threads);
        };
    }
}
