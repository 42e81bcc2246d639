package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private List<CsvRecord> read(String text) throws IOException {
        return CsvReader.readAll(Fixtures.write(dir, "f.csv", text));
    }

    @Test
    void readsQuotedFieldsWithCommasAndDoubledQuotes() throws IOException {
        List<CsvRecord> records = read("a,b,c\n\"Earth, Wind & Fire\",\"The \"\"5\"\" Royales\",\"\"\n");
        assertEquals(List.of("Earth, Wind & Fire", "The \"5\" Royales", ""), records.get(1).fields());
    }

    @Test
    void keepsLineBreaksInsideQuotesAndCountsLinesFromTheRecordStart() throws IOException {
        List<CsvRecord> records = read("id,bio\n1,\"two\r\nlines\"\n2,\"three\nmore\nlines\"\n3,x\n");
        assertEquals("two\r\nlines", records.get(1).get(1));
        assertEquals(List.of(1, 2, 4, 7), records.stream().map(CsvRecord::line).toList());
    }

    @Test
    void acceptsCrlfAndSkipsByteOrderMark() throws IOException {
        List<CsvRecord> records = read("\uFEFFclip_id,split\r\nx,train\r\n");
        assertEquals(List.of("clip_id", "split"), records.get(0).fields());
        assertEquals(List.of("x", "train"), records.get(1).fields());
        assertEquals(2, records.size());
    }

    @Test
    void acceptsLoneCarriageReturnsAndMissingFinalLineBreak() throws IOException {
        List<CsvRecord> records = read("a,b\rc,d");
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), records.stream().map(CsvRecord::fields).toList());
        assertEquals(2, records.get(1).line());
    }

    @Test
    void skipsEmptyLinesButKeepsEmptyFields() throws IOException {
        List<CsvRecord> records = read("a,b,c\n\n,,\nx,,\n\n");
        assertEquals(List.of("", "", ""), records.get(1).fields());
        assertEquals(3, records.get(1).line());
        assertEquals(List.of("x", "", ""), records.get(2).fields());
        assertEquals(3, records.size());
    }

    @Test
    void streamsRecordByRecord() throws IOException {
        Path file = Fixtures.write(dir, "f.csv", "a\nb\n");
        try (CsvReader reader = CsvReader.open(file)) {
            assertEquals("a", reader.next().get(0));
            assertEquals("b", reader.next().get(0));
            assertNull(reader.next());
            assertNull(reader.next());
        }
    }

    @Test
    void readsLargeFileAcrossBufferBoundaries() throws IOException {
        StringBuilder text = new StringBuilder("id,text\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",\"quoted, with \"\"quotes\"\" ").append(i).append("\"\n");
        }
        List<CsvRecord> records = read(text.toString());
        assertEquals(20_001, records.size());
        assertEquals("quoted, with \"quotes\" 19999", records.get(20_000).get(1));
        assertEquals(20_001, records.get(20_000).line());
    }

    @Test
    void rejectsQuoteInsideUnquotedField() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("a,b\nx,y\"z\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith(dir.resolve("f.csv") + ":2: quote inside an unquoted field"),
                e.getMessage());
    }

    @Test
    void rejectsTextAfterClosingQuote() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("a,b\n\"x\"y,z\n"));
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("after a closing quote"), e.getMessage());
    }

    @Test
    void rejectsUnclosedQuoteNamingTheLineItOpened() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> read("a,b\nx,\"open\n\n\nend\n"));
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("never closed"), e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, new byte[] {'a', '\n', 'B', 'j', (byte) 0xF6, 'r', 'k', '\n'});
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.readAll(file));
        assertTrue(e.problem().contains("UTF-8"), e.getMessage());
    }

    @Test
    void tableTrimsColumnNamesAndChecksFieldCounts() throws IOException {
        CsvTable table = CsvReader.readTable(Fixtures.write(dir, "t.csv", " clip_id , split\nx,train\n"));
        assertEquals(List.of("clip_id", "split"), table.columns());
        assertEquals("train", table.value(table.rows().get(0), "split"));

        Fixtures.write(dir, "bad.csv", "a,b\n1,2\n1,2,3\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvReader.readTable(dir.resolve("bad.csv")));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("expected 2 fields"), e.getMessage());
    }

    @Test
    void tableRejectsRepeatedOrBlankColumnNames() {
        Fixtures.write(dir, "dup.csv", "a,b,a\n");
        assertTrue(assertThrows(DataFormatException.class, () -> CsvReader.readTable(dir.resolve("dup.csv")))
                .problem().contains("'a' appears twice"));
        Fixtures.write(dir, "blank.csv", "a,,c\n");
        assertTrue(assertThrows(DataFormatException.class, () -> CsvReader.readTable(dir.resolve("blank.csv")))
                .problem().contains("column 2 has no name"));
    }

    @Test
    void tableRejectsEmptyFile() {
        Fixtures.write(dir, "empty.csv", "");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvReader.readTable(dir.resolve("empty.csv")));
        assertTrue(e.problem().startsWith("empty file"), e.getMessage());
    }

    @Test
    void writerOutputReadsBackUnchanged() throws IOException {
        List<String> fields = List.of("plain", "with, comma", "with \"quote\"", "two\nlines", "");
        List<CsvRecord> records = read(CsvWriter.line(fields) + CsvWriter.line(List.of("x", "y", "z", "w", "v")));
        assertEquals(fields, records.get(0).fields());
        assertEquals(3, records.get(1).line());
    }
}
