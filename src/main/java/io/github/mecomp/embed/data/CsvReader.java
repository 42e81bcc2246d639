package io.github.mecomp.embed.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict reader of RFC 4180 CSV in UTF-8: comma-separated, fields optionally in double quotes, a quote
 * inside a quoted field written twice, quoted fields may hold commas and line breaks. Records end with CRLF,
 * LF or CR; a UTF-8 byte order mark is skipped; empty lines are skipped.
 *
 * <p>Strict means that anything a lenient reader would have to guess about is an error naming file and
 * line: a quote inside an unquoted field, text after a closing quote, a quoted field still open at the end
 * of the file, bytes that are not UTF-8. Guessing there silently shifts columns, and a shifted column in a
 * labels file is a wrong label that nobody sees.
 *
 * <p>A value that {@link CsvWriter} escaped so that spreadsheets do not run it as a formula ({@code '=x}) is read
 * back as it was ({@code =x}); see {@link SpreadsheetFormulas} for the rule.
 *
 * <p>Records are read one at a time so that large files (FMA's {@code tracks.csv} is hundreds of MB) are
 * never held in memory whole.
 */
public final class CsvReader implements Closeable {

    private static final int EOF = -1;
    private static final char BOM = '\uFEFF';

    private final Path file;
    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    /** Line of the next unread character. */
    private int line = 1;
    private boolean started;

    private CsvReader(Path file, Reader in) {
        this.file = file;
        this.in = in;
    }

    /** Opens a file for reading record by record; close it when done. */
    public static CsvReader open(Path file) throws IOException {
        // A decoder that reports bad bytes instead of replacing them with U+FFFD: a mangled artist name
        // would otherwise become a label silently.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvReader(file, Channels.newReader(Files.newByteChannel(file), decoder, -1));
    }

    /** Every record of a file, the header (if any) included. */
    public static List<CsvRecord> readAll(Path file) throws IOException {
        try (CsvReader reader = open(file)) {
            List<CsvRecord> records = new ArrayList<>();
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
            return records;
        }
    }

    /**
     * Reads a file whose first record is a header of unique, non-blank column names (trimmed) and whose
     * every other record has as many fields as the header.
     *
     * @throws DataFormatException if the file is empty, a column name is blank or repeated, or a record's
     *                             field count differs from the header's
     */
    public static CsvTable readTable(Path file) throws IOException {
        try (CsvReader reader = open(file)) {
            CsvRecord header = reader.next();
            if (header == null) {
                throw new DataFormatException(file, 1, "empty file: expected a header row");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).trim();
                if (name.isEmpty()) {
                    throw new DataFormatException(file, header.line(), "column " + (i + 1) + " has no name");
                }
                if (names.contains(name)) {
                    throw new DataFormatException(file, header.line(), "column '" + name + "' appears twice");
                }
                names.add(name);
            }
            List<CsvRecord> rows = new ArrayList<>();
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                if (r.size() != names.size()) {
                    throw new DataFormatException(file, r.line(), "expected " + names.size()
                            + " fields as in the header, found " + r.size());
                }
                rows.add(r);
            }
            return new CsvTable(file, new CsvRecord(header.line(), names), rows);
        }
    }

    /** The file being read, for error messages. */
    public Path file() {
        return file;
    }

    /** The next record, or {@code null} at the end of the file. */
    public CsvRecord next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == BOM) {
                read();
            }
        }
        skipEmptyLines();
        if (peek() == EOF) {
            return null;
        }
        int recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            field.setLength(0);
            int end = peek() == '"' ? readQuoted(field) : readUnquoted(field);
            fields.add(SpreadsheetFormulas.unescape(field.toString()));
            if (end != ',') {
                return new CsvRecord(recordLine, fields);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads a quoted field into {@code out}; returns what ended it: a comma, a line break or EOF. */
    private int readQuoted(StringBuilder out) throws IOException {
        int openedOn = line;
        read(); // the opening quote
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new DataFormatException(file, openedOn, "quoted field is never closed");
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    out.append('"');
                    continue;
                }
                int after = peek();
                if (after == ',' || after == '\r' || after == '\n' || after == EOF) {
                    return consumeDelimiter();
                }
                throw new DataFormatException(file, line,
                        "unexpected '" + (char) after + "' after a closing quote (a quote inside a quoted field"
                                + " is written twice: \"\")");
            }
            if (c == '\r' || c == '\n') {
                line++;
                // A line break inside quotes is data; keep it as the file wrote it, CRLF included.
                out.append((char) c);
                if (c == '\r' && peek() == '\n') {
                    read();
                    out.append('\n');
                }
                continue;
            }
            out.append((char) c);
        }
    }

    /** Reads an unquoted field into {@code out}; returns what ended it: a comma, a line break or EOF. */
    private int readUnquoted(StringBuilder out) throws IOException {
        while (true) {
            int c = peek();
            if (c == ',' || c == '\r' || c == '\n' || c == EOF) {
                return consumeDelimiter();
            }
            if (c == '"') {
                throw new DataFormatException(file, line,
                        "quote inside an unquoted field (quote the whole field and write the quote twice)");
            }
            out.append((char) read());
        }
    }

    /** Consumes the comma or line break after a field and returns it ({@code '\n'} for any line break). */
    private int consumeDelimiter() throws IOException {
        int c = read();
        if (c == '\r' || c == '\n') {
            line++;
            if (c == '\r' && peek() == '\n') {
                read();
            }
            return '\n';
        }
        return c;
    }

    private void skipEmptyLines() throws IOException {
        for (int c = peek(); c == '\r' || c == '\n'; c = peek()) {
            consumeDelimiter();
        }
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, line, "not valid UTF-8 text");
        }
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
