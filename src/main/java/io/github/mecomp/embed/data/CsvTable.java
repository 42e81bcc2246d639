package io.github.mecomp.embed.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file read whole, with a header of unique column names. See {@link CsvReader#readTable(Path)}.
 *
 * @param file   where it was read from, for error messages
 * @param header the column names, trimmed, with the header's line number
 * @param rows   every record after the header, each with as many fields as the header
 */
public record CsvTable(Path file, CsvRecord header, List<CsvRecord> rows) {

    public CsvTable {
        rows = List.copyOf(rows);
    }

    public List<String> columns() {
        return header.fields();
    }

    public boolean hasColumn(String column) {
        return columns().contains(column);
    }

    /**
     * @throws DataFormatException naming the header line and the first missing column
     */
    public void requireColumns(String... required) throws DataFormatException {
        for (String column : required) {
            if (!hasColumn(column)) {
                throw new DataFormatException(file, header.line(),
                        "missing required column '" + column + "' (columns: " + String.join(",", columns()) + ")");
            }
        }
    }

    /** A row's value in a column, as written (not trimmed). */
    public String value(CsvRecord row, String column) {
        int index = columns().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(file + " has no column '" + column + "'");
        }
        return row.get(index);
    }

    /** An error about a field: {@code <file>:<line>: <column>: <problem>}. */
    public DataFormatException error(CsvRecord row, String column, String problem) {
        return new DataFormatException(file, row.line(), column + ": " + problem);
    }

    /** An error about a whole row. */
    public DataFormatException error(CsvRecord row, String problem) {
        return new DataFormatException(file, row.line(), problem);
    }
}
