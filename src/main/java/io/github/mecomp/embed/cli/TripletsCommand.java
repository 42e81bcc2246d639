package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.data.FmaReader;
import io.github.mecomp.embed.data.MinedTriplets;
import io.github.mecomp.embed.data.MiningConfig;
import io.github.mecomp.embed.data.Relation;
import io.github.mecomp.embed.data.TripletMiner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Weak training triplets from metadata, train clips only, with a validation part split off by group. */
@Command(name = "triplets", mixinStandardHelpOptions = true,
        description = {
            "Mines weak training triplets from metadata (same artist, genre, album or soundtrack, mood quadrant,",
            "another excerpt of the same track) from the TRAIN clips of each data set. A validation part is split off",
            "by group (artist or soundtrack), never by clip, so no group is in both parts, across sets too: a group",
            "that several sets share is on the side the first of them chose. Test clips, and every group that has a",
            "test clip in any of the sets, never reach the output."})
final class TripletsCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "A data set folder (labels.csv, clips/); repeat for several.")
    List<Path> dataDirs = new ArrayList<>();

    @Option(names = "--fma", paramLabel = "DIR", description = "A Free Music Archive folder (fma_metadata/, fma_<subset>/).")
    Path fmaRoot;

    @Option(names = "--fma-subset", paramLabel = "NAME", defaultValue = "small",
            description = "FMA subset: small, medium, large or full (default: ${DEFAULT-VALUE}).")
    String fmaSubset;

    @Option(names = "--out", required = true, paramLabel = "CSV",
            description = "Where to write the triplets: dataset,relation,anchor,positive,negative,part.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = MiningConfig.DEFAULT_SEED;

    @Option(names = "--per-relation", paramLabel = "N",
            description = "Triplets per relation and data set, at most (default: ${DEFAULT-VALUE}).")
    int perRelation = MiningConfig.DEFAULT_TRIPLETS_PER_RELATION;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Share of each set's groups kept for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction = MiningConfig.DEFAULT_VALIDATION_FRACTION;

    @Option(names = "--relations", split = ",", paramLabel = "R",
            description = "Relations to mine, comma-separated: artist, genre, album, track, mood (default: all).")
    List<String> relations;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (dataDirs.isEmpty() && fmaRoot == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give at least one --data or --fma folder");
        }
        List<Dataset> sets = new ArrayList<>();
        for (Path dir : dataDirs) {
            sets.add(DatasetReader.read(dir));
        }
        if (fmaRoot != null) {
            sets.add(FmaReader.read(fmaRoot, fmaSubset));
        }
        MiningConfig config = MiningConfig.defaults()
                .withSeed(seed)
                .withTripletsPerRelation(perRelation)
                .withValidationFraction(validationFraction);
        if (relations != null) {
            config = config.withRelations(Relation.parseAll(relations));
        }
        MinedTriplets mined = new TripletMiner(config).mine(sets);
        mined.write(out);
        PrintWriter w = spec.commandLine().getOut();
        SortedMap<String, Integer> train = mined.trainCounts();
        SortedMap<String, Integer> validation = mined.validationCounts();
        w.printf("%-28s %8s %10s%n", "data set / relation", "train", "validation");
        TreeSet<String> keys = new TreeSet<>(train.keySet());
        keys.addAll(validation.keySet());
        for (String key : keys) {
            w.printf("%-28s %8d %10d%n", key, train.getOrDefault(key, 0), validation.getOrDefault(key, 0));
        }
        w.printf("%-28s %8d %10d%n", "total", mined.train().size(), mined.validation().size());
        w.println("wrote " + out);
        return mined.train().isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
