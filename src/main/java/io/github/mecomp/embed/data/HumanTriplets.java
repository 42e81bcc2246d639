package io.github.mecomp.embed.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads human similarity judgements in either of two formats, told apart by the header:
 *
 * <ul>
 *   <li>{@code anchor,positive,negative}: clip ids, the anchor judged closer to the positive;</li>
 *   <li>{@code song1,song2,song3,anchor,positive}: MECOMP's earlier format. {@code anchor} and
 *       {@code positive} are the 1-based positions (1, 2 or 3) of the two songs judged most alike; the
 *       remaining song is the negative.</li>
 * </ul>
 *
 * Other columns are ignored, except {@code votes}, a whole number of at least 1 kept as
 * {@link HumanTriplet#votes()}.
 */
public final class HumanTriplets {

    private static final String[] SONGS = {"song1", "song2", "song3"};

    private HumanTriplets() {
    }

    /**
     * @throws DataFormatException if the header fits neither format, or a row names a bad position, the
     *                             same position twice, an empty id, the same clip twice, or bad votes
     */
    public static List<HumanTriplet> read(Path csv) throws IOException {
        CsvTable table = CsvReader.readTable(csv);
        boolean positional = table.hasColumn("song1") || table.hasColumn("song2") || table.hasColumn("song3");
        if (positional) {
            if (table.hasColumn("negative")) {
                throw new DataFormatException(csv, table.header().line(), "header mixes both formats"
                        + " (song1..song3 and negative); expected anchor,positive,negative"
                        + " or song1,song2,song3,anchor,positive");
            }
            table.requireColumns("song1", "song2", "song3", "anchor", "positive");
        } else {
            table.requireColumns(EvaluationTasks.COLUMNS);
        }
        if (table.rows().isEmpty()) {
            throw new DataFormatException(csv, table.header().line(), "no judgements below the header");
        }
        List<HumanTriplet> judgements = new ArrayList<>(table.rows().size());
        for (CsvRecord row : table.rows()) {
            Triplet triplet = positional
                    ? fromPositions(table, row)
                    : EvaluationTasks.triplet(table, row, "anchor", "positive", "negative");
            judgements.add(new HumanTriplet(triplet, votes(table, row)));
        }
        return judgements;
    }

    private static Triplet fromPositions(CsvTable table, CsvRecord row) throws DataFormatException {
        int anchor = position(table, row, "anchor");
        int positive = position(table, row, "positive");
        if (anchor == positive) {
            throw table.error(row, "positive", "must differ from anchor (both are " + anchor + ")");
        }
        // Positions are 1, 2 and 3, which add up to 6: the one left over is the negative.
        int negative = 6 - anchor - positive;
        return EvaluationTasks.triplet(table, row, SONGS[anchor - 1], SONGS[positive - 1], SONGS[negative - 1]);
    }

    private static int position(CsvTable table, CsvRecord row, String column) throws DataFormatException {
        String value = table.value(row, column).trim();
        return switch (value) {
            case "1" -> 1;
            case "2" -> 2;
            case "3" -> 3;
            default -> throw table.error(row, column,
                    "expected the position of a song, 1, 2 or 3 (1-based), got '" + value + "'");
        };
    }

    private static int votes(CsvTable table, CsvRecord row) throws DataFormatException {
        if (!table.hasColumn("votes")) {
            return 1;
        }
        String value = table.value(row, "votes").trim();
        try {
            int votes = Integer.parseInt(value);
            if (votes >= 1) {
                return votes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw table.error(row, "votes", "expected a whole number of at least 1, got '" + value + "'");
    }
}
