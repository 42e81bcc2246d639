package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.eval.ComparisonReport;
import io.github.mecomp.embed.eval.EmbeddingSource;
import io.github.mecomp.embed.eval.Evaluation;
import io.github.mecomp.embed.eval.Projection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Evaluates systems side by side and writes a Markdown report with PNG figures. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Scores every system given on the same data sets (as eval does) and writes into --out: report.md",
            "(triplet accuracy with 95%% interval and n per task and system; P@5 and mAP by label), eval.json,",
            "accuracy.png (bars with interval whiskers), and per system a 2-D map of the test clips' embeddings",
            "coloured by label and histograms of anchor-positive vs anchor-negative distances."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "A data set folder (labels.csv, clips/, triplets/*.csv); repeat for several.")
    List<Path> dataDirs;

    @Mixin
    SystemOptions systems;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the report into.")
    Path outDir;

    @Option(names = "--map", paramLabel = "KIND",
            description = "2-D map of the embeddings: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Projection.Kind map = Projection.Kind.tsne;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the t-SNE map (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Mixin
    FrontEndOptions frontEndOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Dataset> sets = EvalCommand.readSets(dataDirs);
        List<Evaluation.Outcome> outcomes = new ArrayList<>();
        List<EmbeddingSource> sources = systems.open(frontEndOptions);
        try {
            for (EmbeddingSource source : sources) {
                Evaluation.Outcome outcome = EvalCommand.evaluate(sets, source);
                outcomes.add(outcome);
                out.print(outcome.report().table());
                out.println();
                out.flush();
                FailureReport.print(err, "report " + source.name(), outcome.report().failures());
            }
        } finally {
            SystemOptions.closeAll(sources);
        }
        ComparisonReport.Provenance provenance = new ComparisonReport.Provenance(command(),
                new VersionProvider().getVersion()[0], Instant.now());
        List<Path> written = ComparisonReport.write(outDir, provenance, sets, outcomes, map, seed);
        out.println("wrote " + written.get(0) + " and " + (written.size() - 1) + " more files in " + outDir);
        boolean everyScored = outcomes.stream()
                .allMatch(o -> o.report().tasks().values().stream().anyMatch(s -> s.n() > 0));
        return everyScored ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** This command line, as the report header quotes it for regeneration. */
    private String command() {
        return CommandLines.of(CommandLines.JAR, "report", spec.commandLine().getParseResult().originalArgs());
    }
}
