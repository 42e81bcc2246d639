package io.github.mecomp.embed.survey;

import io.github.mecomp.embed.data.CsvWriter;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes cleaned votes in the two formats {@link io.github.mecomp.embed.data.HumanTriplets} reads, and every
 * raw answer. Clips are named by their path relative to the clip folder.
 *
 * <p>One row per clip set and choice that got at least one vote, {@code votes} counting the listeners who
 * made that choice and {@code total} those who answered the set: a set that split 3 to 1 gives two rows,
 * so a reader can weigh by votes or keep the majority.
 */
public final class SurveyExport {

    public static final String TRIPLETS_FILE = "triplets.csv";
    public static final String SONGS_FILE = "songs.csv";
    public static final String ANSWERS_FILE = "answers.csv";

    private SurveyExport() {
    }

    /** {@code anchor,positive,negative,votes,total}: the two judged most alike (in path order), then the odd one. */
    public static String tripletsCsv(CleanedSurvey survey) {
        StringBuilder out = new StringBuilder(CsvWriter.line(List.of("anchor", "positive", "negative", "votes", "total")));
        for (TripletVotes t : survey.triplets()) {
            for (int odd = 0; odd < 3; odd++) {
                int votes = t.odd().get(odd);
                if (votes == 0) {
                    continue;
                }
                List<String> alike = alike(t.clips(), odd);
                out.append(CsvWriter.line(List.of(alike.get(0), alike.get(1), t.clips().get(odd),
                        Integer.toString(votes), Integer.toString(t.total()))));
            }
        }
        return out.toString();
    }

    /**
     * {@code song1,song2,song3,anchor,positive,votes,total}: the three clips in path order; anchor and positive
     * are the 1-based positions of the two judged most alike.
     */
    public static String songsCsv(CleanedSurvey survey) {
        StringBuilder out = new StringBuilder(CsvWriter.line(
                List.of("song1", "song2", "song3", "anchor", "positive", "votes", "total")));
        for (TripletVotes t : survey.triplets()) {
            for (int odd = 0; odd < 3; odd++) {
                int votes = t.odd().get(odd);
                if (votes == 0) {
                    continue;
                }
                List<String> positions = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    if (i != odd) {
                        positions.add(Integer.toString(i + 1));
                    }
                }
                out.append(CsvWriter.line(List.of(t.clips().get(0), t.clips().get(1), t.clips().get(2),
                        positions.get(0), positions.get(1), Integer.toString(votes), Integer.toString(t.total()))));
            }
        }
        return out.toString();
    }

    /** Every stored answer, one row each, for analyses of one's own; the listener id is the anonymous cookie. */
    public static String answersCsv(List<StoredAnswer> answers, Map<String, String> paths) {
        StringBuilder out = new StringBuilder(CsvWriter.line(List.of("question", "rater", "kind", "repeat_of",
                "clip_a", "clip_b", "clip_c", "odd", "served_ms", "answered_ms", "elapsed_ms", "listen_ms")));
        for (StoredAnswer a : answers) {
            Question q = a.question();
            out.append(CsvWriter.line(List.of(Long.toString(q.id()), q.rater(), q.kind().column(),
                    q.repeatOf() > 0 ? Long.toString(q.repeatOf()) : "",
                    paths.getOrDefault(q.clips().get(0), q.clips().get(0)),
                    paths.getOrDefault(q.clips().get(1), q.clips().get(1)),
                    paths.getOrDefault(q.clips().get(2), q.clips().get(2)),
                    Integer.toString(a.odd()), Long.toString(q.servedMs()), Long.toString(a.answeredMs()),
                    Long.toString(a.elapsedMs()), Long.toString(q.listenMs()))));
        }
        return out.toString();
    }

    /** Writes the three files into {@code dir}, each atomically; returns their paths. */
    public static List<Path> write(Path dir, CleanedSurvey survey, List<StoredAnswer> answers, Map<String, String> paths)
            throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(writeText(dir.resolve(TRIPLETS_FILE), tripletsCsv(survey)));
        written.add(writeText(dir.resolve(SONGS_FILE), songsCsv(survey)));
        written.add(writeText(dir.resolve(ANSWERS_FILE), answersCsv(answers, paths)));
        return written;
    }

    private static Path writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(text);
            }
        });
        return file;
    }

    private static List<String> alike(List<String> clips, int odd) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < 3; i++) {
            if (i != odd) {
                out.add(clips.get(i));
            }
        }
        return out;
    }
}
