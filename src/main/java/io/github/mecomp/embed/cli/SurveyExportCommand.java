package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.survey.CleanedSurvey;
import io.github.mecomp.embed.survey.CleaningConfig;
import io.github.mecomp.embed.survey.StoredAnswer;
import io.github.mecomp.embed.survey.SurveyCleaning;
import io.github.mecomp.embed.survey.SurveyExport;
import io.github.mecomp.embed.survey.SurveyReport;
import io.github.mecomp.embed.survey.SurveyStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Cleans the survey's answers and writes them as human triplets. */
@Command(name = "survey-export", mixinStandardHelpOptions = true,
        description = {
            "Cleans the survey's answers (drops answers given faster than the clips could be heard and",
            "listeners whose repeats disagree too often), reports agreement, and writes OUT/triplets.csv",
            "(anchor,positive,negative,votes,total), OUT/songs.csv (song1,song2,song3,anchor,positive,votes,total)",
            "and OUT/answers.csv (every answer). Safe while the survey runs."})
final class SurveyExportCommand implements Callable<Integer> {

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The survey's SQLite file.")
    Path db;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the CSV files.")
    Path out;

    @Option(names = "--min-listen-fraction", paramLabel = "F",
            description = "Drop answers given sooner than this share of the excerpts' playing time (default: ${DEFAULT-VALUE}).")
    double minListenFraction = CleaningConfig.DEFAULT_MIN_LISTEN_FRACTION;

    @Option(names = "--max-repeat-disagreement", paramLabel = "F",
            description = "Drop listeners whose repeats disagree more often than this (default: ${DEFAULT-VALUE}).")
    double maxRepeatDisagreement = CleaningConfig.DEFAULT_MAX_REPEAT_DISAGREEMENT;

    @Option(names = "--min-repeats", paramLabel = "N",
            description = "Judge a listener's consistency from this many repeats on (default: ${DEFAULT-VALUE}).")
    int minRepeats = CleaningConfig.DEFAULT_MIN_REPEATS;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(db)) {
            throw new NoSuchFileException(db.toString(), null, "no survey database there");
        }
        CleaningConfig config = new CleaningConfig(minListenFraction, minRepeats, maxRepeatDisagreement);
        PrintWriter w = spec.commandLine().getOut();
        try (SurveyStore store = SurveyStore.open(db)) {
            List<StoredAnswer> answers = store.allAnswers();
            Map<String, String> paths = new LinkedHashMap<>();
            store.clipInfo().forEach((id, info) -> paths.put(id, info.path()));
            CleanedSurvey cleaned = SurveyCleaning.clean(answers, paths, config);
            SurveyReport.lines(cleaned, config).forEach(w::println);
            for (Path p : SurveyExport.write(out, cleaned, answers, paths)) {
                w.println("wrote " + p);
            }
            if (cleaned.votes() == 0) {
                spec.commandLine().getErr().println("survey-export: no answer survived cleaning; the triplet files hold"
                        + " only their header");
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }
}
