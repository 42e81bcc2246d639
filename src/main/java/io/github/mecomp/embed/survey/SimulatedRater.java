package io.github.mecomp.embed.survey;

import io.github.mecomp.embed.data.CsvWriter;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A stand-in for survey listeners whose notion of similarity is known: shown three clips, it names the two
 * most alike by one number per clip (a {@link ClipProperty}), perceived with noise. Its answers, in the
 * survey's export format, let the whole human-feedback loop (survey answers, fine-tuning, held-out accuracy)
 * be tested and measured without real listeners.
 *
 * <p>Each judgement perceives every clip's value as {@code value + noise * spread * N(0, 1)}, where spread is
 * the standard deviation of the values over all clips (so that the noise means the same for any property),
 * and picks the pair whose perceived values are closest (Thurstone's model of comparative judgement).
 */
public final class SimulatedRater {

    /** The columns of {@link #write}: MECOMP's survey format with a vote count. */
    public static final List<String> COLUMNS = List.of("song1", "song2", "song3", "anchor", "positive", "votes");

    /**
     * One row of a survey export: three clips as presented, the 1-based positions of the two judged most
     * alike (anchor before positive), and how many judgements gave this answer.
     */
    public record Answer(String song1, String song2, String song3, int anchor, int positive, int votes) {

        public List<String> songs() {
            return List.of(song1, song2, song3);
        }

        /** The answer as a triplet: the pair judged alike, the third clip as the negative. */
        public Triplet triplet() {
            return new Triplet(songs().get(anchor - 1), songs().get(positive - 1), songs().get(5 - anchor - positive));
        }
    }

    /**
     * @param answers          the rows of the export
     * @param questions        distinct sets of three clips asked about
     * @param judgements       answers given (questions times raters)
     * @param propertyAccuracy the triplet accuracy, over all judgements, of the property itself as a
     *                         one-number embedding: about what a model that learnt the rater's notion
     *                         exactly would score on these answers
     */
    public record Survey(List<Answer> answers, int questions, int judgements, double propertyAccuracy) {

        public Survey {
            answers = List.copyOf(answers);
        }
    }

    private final Map<String, Double> values;
    private final double noise;
    private final double spread;

    /**
     * @param values by clip id
     * @param noise  the standard deviation of the perception noise, as a share of the values' spread; 0 for
     *               a rater that always picks the truly closest pair
     */
    public SimulatedRater(Map<String, Double> values, double noise) {
        if (values.size() < 3) {
            throw new IllegalArgumentException("simulated rater: needs at least 3 clips, got " + values.size());
        }
        if (!(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("simulated rater: noise must be finite and >= 0, got " + noise);
        }
        values.forEach((id, v) -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("simulated rater: clip " + id + " has no finite value (" + v + ")");
            }
        });
        this.values = new TreeMap<>(values);
        this.noise = noise;
        double mean = values.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        this.spread = Math.sqrt(values.values().stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(0));
    }

    /**
     * Asks {@code raters} judgements of each of {@code questions} distinct sets of three clips, drawn at
     * random; identical answers to a question are merged into one row with their votes.
     *
     * @throws IllegalArgumentException if there are not that many distinct sets of three clips
     */
    public Survey ask(int questions, int raters, long seed) {
        if (questions < 1 || raters < 1) {
            throw new IllegalArgumentException("simulated rater: questions and raters must be >= 1, got "
                    + questions + " and " + raters);
        }
        List<String> ids = new ArrayList<>(values.keySet());
        long n = ids.size();
        if (questions > n * (n - 1) * (n - 2) / 6) {
            throw new IllegalArgumentException("simulated rater: " + n + " clips make only " + n * (n - 1) * (n - 2) / 6
                    + " distinct sets of three, asked for " + questions);
        }
        Random random = new Random(seed);
        Set<Set<String>> asked = new HashSet<>();
        List<Answer> answers = new ArrayList<>();
        long agreeing = 0;
        while (asked.size() < questions) {
            List<String> songs = new ArrayList<>(3);
            while (songs.size() < 3) {
                String id = ids.get(random.nextInt(ids.size()));
                if (!songs.contains(id)) {
                    songs.add(id);
                }
            }
            if (!asked.add(Set.copyOf(songs))) {
                continue;
            }
            Map<Integer, Integer> votesByPair = new LinkedHashMap<>();
            for (int r = 0; r < raters; r++) {
                votesByPair.merge(judge(songs, random), 1, Integer::sum);
            }
            for (Map.Entry<Integer, Integer> e : votesByPair.entrySet()) {
                Answer a = new Answer(songs.get(0), songs.get(1), songs.get(2), e.getKey() / 10, e.getKey() % 10,
                        e.getValue());
                answers.add(a);
                Triplet t = a.triplet();
                if (Math.abs(values.get(t.anchor()) - values.get(t.positive()))
                        < Math.abs(values.get(t.anchor()) - values.get(t.negative()))) {
                    agreeing += a.votes();
                }
            }
        }
        int judgements = questions * raters;
        return new Survey(answers, questions, judgements, agreeing / (double) judgements);
    }

    /** One judgement: the pair of positions judged most alike, as {@code 10 * anchor + positive}. */
    private int judge(List<String> songs, Random random) {
        double[] perceived = new double[3];
        for (int i = 0; i < 3; i++) {
            perceived[i] = values.get(songs.get(i)) + noise * spread * random.nextGaussian();
        }
        int[][] pairs = {{1, 2}, {1, 3}, {2, 3}};
        int best = 0;
        double closest = Double.POSITIVE_INFINITY;
        for (int p = 0; p < pairs.length; p++) {
            double d = Math.abs(perceived[pairs[p][0] - 1] - perceived[pairs[p][1] - 1]);
            if (d < closest) {
                closest = d;
                best = p;
            }
        }
        return 10 * pairs[best][0] + pairs[best][1];
    }

    /** Writes answers as CSV with {@link #COLUMNS}, readable by {@code HumanTriplets.read}; atomically. */
    public static void write(Path csv, List<Answer> answers) throws IOException {
        AtomicFiles.write(csv, temp -> {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write(CsvWriter.line(COLUMNS));
                for (Answer a : answers) {
                    out.write(CsvWriter.line(List.of(a.song1(), a.song2(), a.song3(), Integer.toString(a.anchor()),
                            Integer.toString(a.positive()), Integer.toString(a.votes()))));
                }
            }
        });
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "simulated rater over %d clips, noise %.2f of the spread %.4g",
                values.size(), noise, spread);
    }
}
