package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.MelBatch;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.data.Split;
import io.github.mecomp.embed.io.FileNames;
import io.github.mecomp.embed.survey.ClipProperty;
import io.github.mecomp.embed.survey.SimulatedRater;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Survey answers from a simulated listener with a known notion of similarity, to test fine-tuning with. */
@Command(name = "simulate-raters", mixinStandardHelpOptions = true,
        description = {
            "Answers a similarity survey as simulated listeners would: shown three clips, each names the two",
            "most alike by one audio property (brightness or spectral flux) perceived with noise. Writes the",
            "answers in the survey's export format (song1,song2,song3,anchor,positive,votes), which",
            "'train --init MODEL --human FILE --human-clips DIR' fine-tunes on, so that the whole loop can be",
            "tested and measured without real listeners."})
final class SimulateRatersCommand implements Callable<Integer> {

    @Option(names = "--clips", required = true, paramLabel = "DIR",
            description = {"The clips to ask about: a data set folder (ids are its clip ids) or any folder of",
                "audio (ids are file paths relative to it); pass the same folder to train --human-clips."})
    Path clipsDir;

    @Option(names = "--split", paramLabel = "SPLIT",
            description = "Only the clips of this split of a data set folder: train or test (default: all).")
    String split;

    @Option(names = "--pool", paramLabel = "N",
            description = "Ask about at most this many clips, drawn at random (default: all of them).")
    int pool;

    @Option(names = "--property", paramLabel = "NAME", defaultValue = "brightness",
            description = "What the raters judge by: brightness or flux (default: ${DEFAULT-VALUE}).")
    String property;

    @Option(names = "--questions", paramLabel = "N", defaultValue = "500",
            description = "Distinct sets of three clips asked about (default: ${DEFAULT-VALUE}).")
    int questions;

    @Option(names = "--raters", paramLabel = "N", defaultValue = "1",
            description = "Judgements per question; equal answers are merged with their votes (default: ${DEFAULT-VALUE}).")
    int raters;

    @Option(names = "--noise", paramLabel = "X", defaultValue = "0.1",
            description = "Perception noise, as a share of the property's spread over the clips (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the pool, the questions and the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Where to write the answers.")
    Path out;

    @Mixin
    FrontEndOptions frontEndOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ClipProperty prop = ClipProperty.parse(property);
        Map<Path, String> idByFile = clips();
        if (pool > 0 && pool < idByFile.size()) {
            List<Path> files = new ArrayList<>(idByFile.keySet());
            Collections.shuffle(files, new Random(seed));
            Map<Path, String> chosen = new LinkedHashMap<>();
            files.subList(0, pool).forEach(f -> chosen.put(f, idByFile.get(f)));
            idByFile.keySet().retainAll(chosen.keySet());
        }
        FrontEndConfig config = frontEndOptions.config();
        FrontEnd frontEnd = new FrontEnd(config, frontEndOptions.cacheOrNull(config));
        Map<String, Double> values = new ConcurrentHashMap<>();
        MelBatch.Result r;
        try (ProgressReporter progress = new ProgressReporter(prop.id(), idByFile.size())) {
            r = new MelBatch(frontEnd, frontEndOptions.threads).run(List.copyOf(idByFile.keySet()), progress,
                    (file, windows) -> values.put(idByFile.get(file), prop.of(windows)));
        }
        FailureReport.print(spec.commandLine().getErr(), "simulate-raters", r.failures());
        SimulatedRater rater = new SimulatedRater(values, noise);
        SimulatedRater.Survey survey = rater.ask(questions, raters, seed);
        SimulatedRater.write(out, survey.answers());
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s: %d questions x %d rater(s) = %d judgements in %d rows, written to %s%n", rater,
                survey.questions(), raters, survey.judgements(), survey.answers().size(), out);
        w.printf(Locale.ROOT, "%s itself as the embedding scores %.1f%% on these answers"
                + " (about the best a model could)%n", prop.id(), 100 * survey.propertyAccuracy());
        return ExitCodes.OK;
    }

    /** The clips of --clips, by file, with the ids a human triplets file names them by. */
    private Map<Path, String> clips() throws Exception {
        Path root = clipsDir.toAbsolutePath().normalize();
        Map<Path, String> out = new LinkedHashMap<>();
        if (Files.isRegularFile(root.resolve(DatasetReader.LABELS_FILE))) {
            Dataset set = DatasetReader.read(root);
            List<Clip> clips = split == null ? set.clips() : set.clips(Split.parse(split));
            clips.forEach(c -> out.put(c.file(), c.id()));
        } else {
            if (split != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--split needs a data set folder (with labels.csv); " + root + " has none");
            }
            for (Path f : InputFiles.expand(List.of(root)).files()) {
                out.put(f, FileNames.relativePath(root, f));
            }
        }
        if (out.size() < 3) {
            throw new IllegalArgumentException(root + ": " + out.size() + " clip(s) to ask about; need at least 3");
        }
        return out;
    }
}
