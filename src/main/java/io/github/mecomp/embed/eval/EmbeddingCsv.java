package io.github.mecomp.embed.eval;

import io.github.mecomp.embed.data.CsvReader;
import io.github.mecomp.embed.data.CsvRecord;
import io.github.mecomp.embed.data.CsvTable;
import io.github.mecomp.embed.data.CsvWriter;
import io.github.mecomp.embed.data.DataFormatException;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors in a CSV file, one row per clip: a {@code clip_id} column first, then one column per dimension.
 * This is how precomputed features (MECOMP's, another tool's) enter an evaluation.
 */
public final class EmbeddingCsv {

    private EmbeddingCsv() {
    }

    /**
     * @throws DataFormatException naming the line and column of a bad header, a missing or non-finite value,
     *                             or a repeated clip id
     */
    public static Map<String, float[]> read(Path file) throws IOException {
        CsvTable table = CsvReader.readTable(file);
        List<String> columns = table.columns();
        if (columns.size() < 2 || !columns.get(0).equals("clip_id")) {
            throw table.error(table.header(), "expected a header 'clip_id,<dim 0>,<dim 1>,...', got " + columns);
        }
        int dims = columns.size() - 1;
        Map<String, float[]> out = new LinkedHashMap<>();
        for (CsvRecord row : table.rows()) {
            List<String> f = row.fields();
            if (f.size() != dims + 1) {
                throw table.error(row, "expected " + (dims + 1) + " fields, got " + f.size());
            }
            float[] v = new float[dims];
            for (int d = 0; d < dims; d++) {
                String column = columns.get(d + 1);
                try {
                    v[d] = Float.parseFloat(f.get(d + 1).trim());
                } catch (NumberFormatException e) {
                    throw table.error(row, column, "not a number: '" + f.get(d + 1) + "'");
                }
                if (!Float.isFinite(v[d])) {
                    throw table.error(row, column, "not finite: '" + f.get(d + 1) + "'");
                }
            }
            String id = f.get(0).trim();
            if (out.put(id, v) != null) {
                throw table.error(row, "clip_id", "'" + id + "' appears twice");
            }
        }
        return out;
    }

    /** Writes atomically: a reader never sees half a file. Ids with commas or quotes are quoted (RFC 4180). */
    public static void write(Path file, Map<String, float[]> vectors) throws IOException {
        int dims = vectors.isEmpty() ? 0 : vectors.values().iterator().next().length;
        List<String> header = new ArrayList<>();
        header.add("clip_id");
        for (int d = 0; d < dims; d++) {
            header.add("e" + d);
        }
        write(file, header, vectors);
    }

    /**
     * Writes with the given header ({@code clip_id} first, then one name per dimension, e.g. bliss's feature
     * names).
     */
    public static void write(Path file, List<String> header, Map<String, float[]> vectors) throws IOException {
        if (header.isEmpty() || !header.get(0).equals("clip_id")) {
            throw new IllegalArgumentException("the first column must be clip_id, got " + header);
        }
        int dims = header.size() - 1;
        AtomicFiles.write(file, tmp -> {
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(CsvWriter.line(header));
                List<String> row = new ArrayList<>(dims + 1);
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    if (e.getValue().length != dims) {
                        throw new IllegalArgumentException("'" + e.getKey() + "' has " + e.getValue().length
                                + " values, the header " + dims);
                    }
                    row.clear();
                    row.add(e.getKey());
                    for (float x : e.getValue()) {
                        row.add(Float.toString(x));
                    }
                    out.write(CsvWriter.line(row));
                }
            }
        });
    }
}
