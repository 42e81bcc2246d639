package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.eval.EmbeddingSource;
import io.github.mecomp.embed.eval.EvalReport;
import io.github.mecomp.embed.eval.Evaluation;
import io.github.mecomp.embed.eval.TaskScore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Triplet accuracy and retrieval figures of one or more systems on every evaluation task of the given data sets. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {
            "Scores systems on every triplets/*.csv of each data set: triplet accuracy (Euclidean distance,",
            "ties count as wrong) with its 95%% Wilson interval; and on the test clips, precision at 5 and mean",
            "average precision by artist / soundtrack and by genre (clips with exactly one genre).",
            "Give several systems to compare them on the same triplets: one that a system cannot score (a file it",
            "failed on, a clip its CSV lacks) is left out for all. Prints a table; --json writes it as JSON."})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "A data set folder (labels.csv, clips/, triplets/*.csv); repeat for several.")
    List<Path> dataDirs;

    @Mixin
    SystemOptions systems;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the scores as JSON (several systems: {\"systems\": [...]}).")
    Path json;

    @Mixin
    FrontEndOptions frontEndOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Dataset> sets = readSets(dataDirs);
        List<Evaluation.Outcome> outcomes = new ArrayList<>();
        List<EmbeddingSource> sources = systems.open(frontEndOptions);
        try {
            for (EmbeddingSource source : sources) {
                Evaluation.Outcome outcome = evaluate(sets, source);
                outcomes.add(outcome);
                FailureReport.print(err, "eval " + source.name(), outcome.report().failures());
            }
        } finally {
            SystemOptions.closeAll(sources);
        }
        // Systems compared side by side are scored on the same triplets, or a clip one of them failed on would
        // tilt the comparison; one system alone keeps every triplet it can score.
        List<EvalReport> reports = outcomes.size() > 1
                ? Evaluation.onSharedTriplets(sets, outcomes)
                : outcomes.stream().map(Evaluation.Outcome::report).toList();
        for (int i = 0; i < reports.size(); i++) {
            EvalReport report = reports.get(i);
            EvalReport own = outcomes.get(i).report();
            out.print(report.table());
            out.println();
            long ownSkipped = own.tasks().values().stream().mapToLong(TaskScore::skipped).sum();
            long sharedSkipped = report.tasks().values().stream().mapToLong(TaskScore::skipped).sum();
            if (sharedSkipped > ownSkipped) {
                out.printf("(%d of the skipped triplets are scored by this system but not by another one compared;"
                        + " every system is scored on the same triplets)%n%n", sharedSkipped - ownSkipped);
            }
            // The error is about the system's own vectors, not about what another system lacks.
            if (scoredNothing(own)) {
                err.println("eval " + own.system() + ": error: no triplet could be scored: every one names a"
                        + " clip without a vector (see the list above)");
            }
        }
        out.flush();
        err.flush();
        if (json != null) {
            EvalReport.writeJson(json, reports);
            out.println("wrote " + json);
        }
        // As with one system: failed only when a system could score nothing at all on its own vectors.
        boolean everyScored = outcomes.stream().noneMatch(o -> scoredNothing(o.report()));
        return everyScored ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static boolean scoredNothing(EvalReport report) {
        return report.tasks().values().stream().allMatch(s -> s.n() == 0);
    }

    static List<Dataset> readSets(List<Path> dirs) throws IOException {
        List<Dataset> sets = new ArrayList<>();
        for (Path dir : dirs) {
            sets.add(DatasetReader.read(dir));
        }
        return sets;
    }

    /** One system over every set, with a progress bar. */
    static Evaluation.Outcome evaluate(List<Dataset> sets, EmbeddingSource source)
            throws IOException, InterruptedException {
        int clips = sets.stream().mapToInt(s -> Evaluation.clipsToEmbed(s).size()).sum();
        try (ProgressReporter progress = new ProgressReporter("eval " + source.name(), clips)) {
            return Evaluation.runKeepingVectors(sets, source, progress);
        }
    }
}
