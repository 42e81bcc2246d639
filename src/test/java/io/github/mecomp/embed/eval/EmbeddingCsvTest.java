package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCsvTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsVectorsExactly() throws IOException {
        Map<String, float[]> v = new LinkedHashMap<>();
        v.put("a", new float[] {0.1f, -2.5e-8f, 3f});
        v.put("b", new float[] {Float.MIN_VALUE, 1f / 3, -0f});
        Path file = dir.resolve("v.csv");
        EmbeddingCsv.write(file, v);
        Map<String, float[]> back = EmbeddingCsv.read(file);
        assertEquals(v.keySet(), back.keySet());
        v.forEach((k, x) -> assertArrayEquals(x, back.get(k)));
    }

    @Test
    void rejectsNonNumberNamingLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("v.csv"), "clip_id,e0,e1\na,1,2\nb,3,oops\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> EmbeddingCsv.read(file));
        assertTrue(e.getMessage().contains("v.csv:3"), e.getMessage());
        assertTrue(e.getMessage().contains("e1"), e.getMessage());
    }

    @Test
    void rejectsRepeatedClipAndMissingHeader() throws IOException {
        Path twice = Files.writeString(dir.resolve("t.csv"), "clip_id,e0\na,1\na,2\n");
        assertTrue(assertThrows(DataFormatException.class, () -> EmbeddingCsv.read(twice)).getMessage().contains("twice"));
        Path noHeader = Files.writeString(dir.resolve("h.csv"), "id,e0\na,1\n");
        assertTrue(assertThrows(DataFormatException.class, () -> EmbeddingCsv.read(noHeader)).getMessage().contains("clip_id"));
    }
}
