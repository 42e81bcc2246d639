package io.github.mecomp.embed.data;

import java.util.List;

/**
 * One record of a CSV file.
 *
 * @param line   1-based line on which the record starts (a quoted field may carry it over several lines)
 * @param fields the fields as written, quotes removed, not trimmed
 */
public record CsvRecord(int line, List<String> fields) {

    public CsvRecord {
        fields = List.copyOf(fields);
    }

    public int size() {
        return fields.size();
    }

    public String get(int index) {
        return fields.get(index);
    }
}
