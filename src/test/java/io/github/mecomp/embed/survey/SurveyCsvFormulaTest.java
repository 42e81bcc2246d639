package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.HumanTriplet;
import io.github.mecomp.embed.data.HumanTriplets;
import io.github.mecomp.embed.data.Triplet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The survey's exports open safely in a spreadsheet, and train reads them back with the clip paths intact. */
class SurveyCsvFormulaTest {

    @TempDir
    Path dir;

    private static final String A = "=HYPERLINK(\"http://evil\",\"x\").mp3";
    private static final String B = "@SUM(1+1).ogg";
    private static final String C = "-2+3 live.flac";

    private static CleanedSurvey survey() {
        // two listeners found C the odd one: A and B are alike
        return new CleanedSurvey(List.of(new TripletVotes(List.of(A, B, C), List.of(0, 0, 2))), 2, 0, List.of(), 0,
                0, 2, List.of(), null);
    }

    @Test
    void exportedCellsNeverStartAsAFormula() {
        for (String csv : List.of(SurveyExport.tripletsCsv(survey()), SurveyExport.songsCsv(survey()))) {
            for (String line : csv.lines().skip(1).toList()) {
                for (String cell : line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                    String value = cell.startsWith("\"") ? cell.substring(1) : cell;
                    assertTrue(!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) < 0, "cell " + cell + " in " + csv);
                }
            }
        }
    }

    @Test
    void bothExportsReadBackAsTheClipPaths() throws IOException {
        Triplet expected = new Triplet(A, B, C);
        for (String csv : List.of(SurveyExport.tripletsCsv(survey()), SurveyExport.songsCsv(survey()))) {
            List<HumanTriplet> read = HumanTriplets.read(Files.writeString(dir.resolve("t.csv"), csv));
            assertEquals(1, read.size(), csv);
            Triplet t = read.get(0).triplet();
            assertEquals(C, t.negative(), csv);
            assertEquals(java.util.Set.of(A, B), java.util.Set.of(t.anchor(), t.positive()), csv);
            assertEquals(2, read.get(0).votes());
        }
    }
}
