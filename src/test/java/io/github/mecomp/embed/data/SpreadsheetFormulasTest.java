package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mecomp.embed.eval.EmbeddingCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values a spreadsheet would run as formulas are written inert, and read back exactly as they were. */
class SpreadsheetFormulasTest {

    @TempDir
    Path dir;

    private static final List<String> TRICKY = List.of(
            "=HYPERLINK(\"http://x\",\"click\")", "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\r=x", "'=already quoted",
            "''@two", "'", "'Round Midnight.mp3", "-0.25", "+3e-5", "-Infinity", "NaN", "-", "=", "", "plain",
            "a,b", "say \"hi\"", "line\nbreak", "rock/=weird name.mp3");

    @Test
    void formulaLikeValuesGetOneApostropheAndNumbersNone() {
        assertEquals("'=1+1", SpreadsheetFormulas.escape("=1+1"));
        assertEquals("'+cmd", SpreadsheetFormulas.escape("+cmd"));
        assertEquals("'-2+3", SpreadsheetFormulas.escape("-2+3"));
        assertEquals("'@SUM(A1)", SpreadsheetFormulas.escape("@SUM(A1)"));
        assertEquals("'\tx", SpreadsheetFormulas.escape("\tx"));
        assertEquals("''=x", SpreadsheetFormulas.escape("'=x"), "an apostrophe already there is kept");
        assertEquals("-0.25", SpreadsheetFormulas.escape("-0.25"));
        assertEquals("-1.0E-4", SpreadsheetFormulas.escape("-1.0E-4"));
        assertEquals("'Round Midnight", SpreadsheetFormulas.escape("'Round Midnight"));
        assertEquals("'Round Midnight", SpreadsheetFormulas.unescape("'Round Midnight"));
    }

    @Test
    void everyValueRoundTripsThroughWriterAndReader() throws IOException {
        StringBuilder csv = new StringBuilder(CsvWriter.line(List.of("value", "other")));
        for (String v : TRICKY) {
            csv.append(CsvWriter.line(List.of(v, "x")));
        }
        Path file = Files.writeString(dir.resolve("t.csv"), csv);
        CsvTable table = CsvReader.readTable(file);
        assertEquals(TRICKY, table.rows().stream().map(r -> r.get(0)).toList());
    }

    @Test
    void noWrittenCellStartsAsAFormula() throws IOException {
        for (String v : TRICKY) {
            String cell = CsvWriter.line(List.of(v));
            String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
            if (SpreadsheetFormulas.isFormulaLike(v)) {
                assertEquals('\'', unquoted.charAt(0), cell);
            }
        }
    }

    @Test
    void anEmbeddingsCsvKeepsFormulaLikeSongNamesAndNegativeNumbers() throws IOException {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        vectors.put("=cmd|' /C calc'!A0.mp3", new float[] {-0.5f, 1e-4f});
        vectors.put("@evil/+song.flac", new float[] {-7.25f, -3f});
        Path file = dir.resolve("emb.csv");
        EmbeddingCsv.write(file, vectors);
        String text = Files.readString(file);
        assertEquals(List.of("clip_id,e0,e1", "'=cmd|' /C calc'!A0.mp3,-0.5,1.0E-4", "'@evil/+song.flac,-7.25,-3.0"),
                text.lines().toList());
        Map<String, float[]> back = EmbeddingCsv.read(file);
        assertEquals(List.copyOf(vectors.keySet()), List.copyOf(back.keySet()));
        assertArrayEquals(vectors.get("@evil/+song.flac"), back.get("@evil/+song.flac"));
    }
}
