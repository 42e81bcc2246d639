package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.train.SeedTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One training configuration under several seeds, and the table that tells signal from seed noise. */
@Command(name = "seeds", mixinStandardHelpOptions = true,
        description = {
            "Trains one configuration once per seed (train --seed S --out <out>/seed-S, with the train options",
            "given after --), then writes <out>/seeds.md and seeds.json: validation accuracy of each run's best",
            "epoch and test accuracy per task, with mean ± sd over the seeds, and the model chosen by validation",
            "accuracy alone. Runs already finished are read, not trained again; an interrupted one is resumed.",
            "Each seed mines its own validation split unless the train options fix one with --mining-seed; only",
            "then do the seeds' validation figures compare models alone, and choose among them fairly.",
            "Example: seeds --seeds 3 --out runs/v2 -- --data DIR --loss batch-all --ema 0.999"})
final class SeedsCommand implements Callable<Integer> {

    /** Options the command sets itself for every run. */
    private static final Set<String> OWN_OPTIONS = Set.of("--seed", "--out", "--resume");

    @Option(names = "--seeds", paramLabel = "N", description = "How many seeds (default: ${DEFAULT-VALUE}).")
    int count = 3;

    @Option(names = "--first-seed", paramLabel = "S", description = "Seeds S, S+1, ... (default: ${DEFAULT-VALUE}).")
    long firstSeed = 0;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Base folder: one run folder per seed.")
    Path out;

    @Parameters(paramLabel = "TRAIN_OPTION", description = "Options for train, after --.")
    List<String> trainOptions = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandLine cl = spec.commandLine();
        if (count < 1) {
            throw new CommandLine.ParameterException(cl, "--seeds must be at least 1, got " + count);
        }
        for (String option : trainOptions) {
            if (OWN_OPTIONS.contains(option.split("=", 2)[0])) {
                throw new CommandLine.ParameterException(cl, option + " is set by seeds for each run; leave it out of"
                        + " the train options");
            }
        }
        if (withoutValidation(trainOptions)) {
            throw new CommandLine.ParameterException(cl, "--validation-fraction 0 leaves seeds nothing to compare or"
                    + " choose the model by; train the final model with train --validation-fraction 0 instead");
        }
        Files.createDirectories(out);
        List<SeedTable.Run> runs = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + count; seed++) {
            Path dir = out.resolve("seed-" + seed);
            if (Files.isRegularFile(dir.resolve("summary.json"))) {
                w.printf(Locale.ROOT, "seed %d: finished already (%s)%n", seed, dir);
            } else {
                List<String> args = new ArrayList<>(List.of("train"));
                args.addAll(trainOptions);
                args.addAll(List.of("--seed", Long.toString(seed), "--out", dir.toString()));
                if (Files.exists(dir.resolve("state.json"))) {
                    args.add("--resume");
                }
                w.printf(Locale.ROOT, "seed %d: %s%n", seed, String.join(" ", args));
                w.flush();
                int code = Main.run(w, err, args.toArray(String[]::new));
                if (code != ExitCodes.OK) {
                    err.printf(Locale.ROOT, "seeds: the run of seed %d failed (exit %d); fix it and run seeds again:"
                            + " finished seeds are kept, this one resumes%n", seed, code);
                    return code;
                }
            }
            runs.add(SeedTable.read(seed, dir));
        }
        SeedTable table = new SeedTable(runs);
        table.write(out);
        w.print(table.markdown());
        w.printf(Locale.ROOT, "table in %s%n", out.resolve("seeds.md"));
        return ExitCodes.OK;
    }

    /** True when the train options ask for no validation split ({@code --validation-fraction 0}, in either form). */
    static boolean withoutValidation(List<String> options) {
        for (int i = 0; i < options.size(); i++) {
            String[] parts = options.get(i).split("=", 2);
            if (parts[0].equals("--validation-fraction")) {
                String value = parts.length == 2 ? parts[1] : i + 1 < options.size() ? options.get(i + 1) : "";
                try {
                    if (Double.parseDouble(value) == 0) {
                        return true;
                    }
                } catch (NumberFormatException e) {
                    return false; // train refuses it with its own message
                }
            }
        }
        return false;
    }
}
