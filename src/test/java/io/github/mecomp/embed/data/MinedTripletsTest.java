package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinedTripletsTest {

    @TempDir
    Path dir;

    private static final MinedTriplets MINED = new MinedTriplets(
            List.of(new MinedTriplet(new Triplet("a", "b, live", "c"), "mer4q", "artist"),
                    new MinedTriplet(new Triplet("d", "e", "f \"x\""), "gamemusic", "track")),
            List.of(new MinedTriplet(new Triplet("g", "h", "i"), "mer4q", "genre")));

    @Test
    void writesDatasetRelationAnchorPositiveNegativeColumns() throws IOException {
        Path csv = dir.resolve("mined.csv");
        MINED.write(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("dataset,relation,anchor,positive,negative,part", lines.get(0));
        assertEquals("mer4q,artist,a,\"b, live\",c,train", lines.get(1));
        assertEquals("mer4q,genre,g,h,i,validation", lines.get(3));
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        Path csv = dir.resolve("sub/folder/mined.csv");
        MINED.write(csv);
        assertEquals(MINED, MinedTriplets.read(csv));
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path csv = Fixtures.write(dir, "mined.csv", "old contents\n");
        MINED.write(csv);
        assertEquals(MINED, MinedTriplets.read(csv));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(csv), files.toList());
        }
    }

    @Test
    void countsByDatasetAndRelation() {
        assertEquals(List.of("gamemusic/track", "mer4q/artist"), List.copyOf(MINED.trainCounts().keySet()));
        assertEquals(1, MINED.validationCounts().get("mer4q/genre"));
    }

    @Test
    void rejectsUnknownPartWhenReading() {
        Path csv = Fixtures.write(dir, "bad.csv", "dataset,relation,anchor,positive,negative,part\nm,artist,a,b,c,test\n");
        DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
                () -> MinedTriplets.read(csv));
        assertTrue(e.problem().startsWith("part: expected train or validation"), e.getMessage());
    }
}
