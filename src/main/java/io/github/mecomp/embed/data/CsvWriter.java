package io.github.mecomp.embed.data;

import java.util.List;

/**
 * Formats CSV records that {@link CsvReader} reads back unchanged. Values a spreadsheet would run as a formula
 * get a leading apostrophe, which the reader removes again (see {@link SpreadsheetFormulas}).
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    /** One record and its line break; fields quoted only where RFC 4180 requires it. */
    public static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = SpreadsheetFormulas.escape(fields.get(i));
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        return out.append('\n').toString();
    }
}
