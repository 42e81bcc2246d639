package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmaReaderTest {

    private static final Path FMA = Fixtures.resource("fma");

    @TempDir
    Path dir;

    private static List<String> ids(Dataset set) {
        return set.clips().stream().map(Clip::id).toList();
    }

    @Test
    void readsFmaTwoRowHeader() throws IOException {
        Dataset small = FmaReader.read(FMA, "small");

        assertEquals("fma_small", small.name());
        assertEquals(FMA.toAbsolutePath().normalize(), small.root());
        Clip food = small.clip("2");
        assertEquals(Map.of("artist", "AWOL", "artist_id", "1", "album", "AWOL - A Way Of Life", "album_id", "1",
                "genre", "Hip-Hop", "title", "Food"), food.labels());
        assertEquals(Split.TRAIN, food.split());
        assertEquals(Map.of(), small.tasks());
    }

    @Test
    void keepsQuotedFieldsWithCommasQuotesAndLineBreaksInTheirColumns() throws IOException {
        Clip ed = FmaReader.read(FMA, "small").clip("134");
        // The first rows carry a multi-line, comma-laden artist bio: a shifted column would show here.
        assertEquals("\"Ed, Edd\" n Eddy", ed.label("artist").orElseThrow());
        assertEquals("Ed, Edd \"n\" Eddy", ed.label("title").orElseThrow());
        assertEquals("Rock", ed.label("genre").orElseThrow());
    }

    @Test
    void keepsSubsetsNested() throws IOException {
        List<String> small = ids(FmaReader.read(FMA, "small"));
        List<String> medium = ids(FmaReader.read(FMA, "medium"));
        List<String> large = ids(FmaReader.read(FMA, "large"));
        List<String> full = ids(FmaReader.read(FMA, "FULL"));

        assertEquals(19, small.size());
        assertEquals(22, medium.size());
        assertEquals(24, large.size());
        assertTrue(medium.containsAll(small));
        assertTrue(large.containsAll(medium));
        assertEquals(large, full);
        assertTrue(medium.contains("3") && !small.contains("3"));
        assertTrue(large.contains("20") && !medium.contains("20"));
    }

    @Test
    void mapsTrainingAndValidationToTrainAndTestToTest() throws IOException {
        Dataset small = FmaReader.read(FMA, "small");
        assertEquals(Split.TRAIN, small.clip("5").split()); // validation in FMA
        assertEquals(Split.TRAIN, small.clip("2").split()); // training in FMA
        assertEquals(Split.TEST, small.clip("180").split());
        assertEquals(List.of("180", "181", "190", "200"),
                small.clips(Split.TEST).stream().map(Clip::id).toList());
    }

    @Test
    void placesAudioByZeroPaddedTrackId() throws IOException {
        Path root = FMA.toAbsolutePath().normalize();
        assertEquals(root.resolve("fma_small/000/000002.mp3"), FmaReader.read(FMA, "small").clip("2").file());
        assertEquals(root.resolve("fma_large/155/155066.mp3"), FmaReader.read(FMA, "large").clip("155066").file());
        assertEquals(root.resolve("fma_full/001/001340.mp3"), FmaReader.audioFile(root, FmaSubset.FULL, 1340));
    }

    @Test
    void fallsBackToAlbumIdWhereTheTitleIsBlankAndKeepsBlankGenres() throws IOException {
        Dataset large = FmaReader.read(FMA, "large");
        assertEquals("7", large.clip("46").label("album").orElseThrow());
        assertTrue(large.clip("20").label("genre").isEmpty());
    }

    @Test
    void readsTasksOnlyFromAGivenTripletsFolder() throws IOException {
        Path triplets = Fixtures.write(dir, "fma-triplets/genre.csv", "anchor,positive,negative\n180,200,190\n")
                .getParent();
        Dataset set = FmaReader.read(FMA, "small", triplets);
        assertEquals(Map.of("genre", List.of(new Triplet("180", "200", "190"))), set.tasks());

        Fixtures.write(triplets, "bad.csv", "anchor,positive,negative\n180,2,190\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> FmaReader.read(FMA, "small", triplets));
        assertTrue(e.problem().startsWith("positive: clip '2' is in the train split"), e.getMessage());
    }

    @Test
    void rejectsUnknownSubset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FmaReader.read(FMA, "tiny"));
        assertTrue(e.getMessage().contains("'tiny'"), e.getMessage());
    }

    /** A copy of the fixture with one text replaced, to break it in one place. */
    private Path brokenCopy(String from, String to) throws IOException {
        String text = Files.readString(FMA.resolve(FmaReader.TRACKS_FILE));
        assertTrue(text.contains(from), from);
        Fixtures.write(dir, "fma/" + FmaReader.TRACKS_FILE, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
        return dir.resolve("fma");
    }

    @Test
    void rejectsMissingTrackIdRow() throws IOException {
        Path root = brokenCopy("track_id,,", "id,,");
        DataFormatException e = assertThrows(DataFormatException.class, () -> FmaReader.read(root, "small"));
        assertEquals(1, e.line());
        assertTrue(e.problem().contains("track_id"), e.getMessage());
    }

    @Test
    void rejectsMissingColumn() throws IOException {
        Path root = brokenCopy(",split,subset,", ",split,part,");
        DataFormatException e = assertThrows(DataFormatException.class, () -> FmaReader.read(root, "small"));
        assertEquals(2, e.line());
        assertTrue(e.problem().startsWith("missing required column 'set.subset'"), e.getMessage());
    }

    @Test
    void rejectsBadSplitAndSubsetValues() throws IOException {
        Path badSplit = brokenCopy(",training,small,", ",train,small,");
        DataFormatException e = assertThrows(DataFormatException.class, () -> FmaReader.read(badSplit, "small"));
        assertEquals(4, e.line()); // the first track's record starts on line 4 (its bio spans two lines)
        assertTrue(e.problem().startsWith("set.split: expected training, validation or test, got 'train'"),
                e.getMessage());

        Path badSubset = brokenCopy(",training,small,", ",training,tiny,");
        e = assertThrows(DataFormatException.class, () -> FmaReader.read(badSubset, "large"));
        assertTrue(e.problem().startsWith("set.subset: "), e.getMessage());
    }

    @Test
    void rejectsRowOfWrongWidthAndBadTrackId() throws IOException {
        Path wide = brokenCopy("\n10,", "\n10,extra,");
        assertTrue(assertThrows(DataFormatException.class, () -> FmaReader.read(wide, "small"))
                .problem().contains("fields as in the header"));
        Path badId = brokenCopy("\n10,", "\nten,");
        assertTrue(assertThrows(DataFormatException.class, () -> FmaReader.read(badId, "small"))
                .problem().startsWith("track_id: expected a whole number, got 'ten'"));
    }
}
