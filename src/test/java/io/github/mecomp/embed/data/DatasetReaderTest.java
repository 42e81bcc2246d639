package io.github.mecomp.embed.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    private static final String HEADER = "clip_id,file,artist,split\n";

    @TempDir
    Path dir;

    private Path set(String labels) {
        Path set = dir.resolve("myset");
        Fixtures.write(set, "labels.csv", labels);
        return set;
    }

    private static DataFormatException readFails(Path set) {
        return assertThrows(DataFormatException.class, () -> DatasetReader.read(set));
    }

    @Test
    void readsMer4qLikeSet() throws IOException {
        Path root = Fixtures.resource("mer4q-like");
        Dataset set = DatasetReader.read(root);

        assertEquals("mer4q-like", set.name());
        assertEquals(root.toAbsolutePath().normalize(), set.root());
        assertEquals(37, set.clips().size());
        assertEquals(11, set.clips(Split.TEST).size());
        Clip royales = set.clip("MT0000001003");
        assertEquals("The \"5\" Royales", royales.label("artist").orElseThrow());
        assertEquals("Song 3, part 0", royales.label("title").orElseThrow());
        assertEquals(Split.TRAIN, royales.split());
        assertEquals(root.toAbsolutePath().normalize().resolve("clips/MT0000001003.mp3"), royales.file());
        assertEquals(List.of("artist", "genre"), List.copyOf(set.tasks().keySet()));
        assertEquals(4, set.tasks().get("artist").size());
        assertEquals(List.of("artist", "genres", "moods", "quadrant", "title"), List.copyOf(set.labelColumns()));
    }

    @Test
    void readsGamemusicLikeSet() throws IOException {
        Dataset set = DatasetReader.read(Fixtures.resource("gamemusic-like"));
        assertEquals(46, set.clips().size());
        assertEquals(List.of("soundtrack", "track"), List.copyOf(set.tasks().keySet()));
        assertEquals("Composer, Jr.", set.clip("asc-music--track_0.a").label("composer").orElseThrow());
        assertTrue(set.clip("asc-music--track_1.a").label("composer").isEmpty());
    }

    @Test
    void trimsLabelValuesAndKeepsEveryOtherColumnAsLabel() throws IOException {
        Dataset set = DatasetReader.read(set("clip_id,file,split,artist,mood\n a , a.ogg , train ,  Nina  ,\n"));
        Clip clip = set.clip("a");
        assertEquals(Map.of("artist", "Nina", "mood", ""), clip.labels());
        assertEquals(set.root().resolve("a.ogg"), clip.file());
    }

    @Test
    void normalisesFilePaths() throws IOException {
        Dataset set = DatasetReader.read(set(HEADER + "a,clips/./x/../a.ogg,n,train\n"));
        assertEquals(set.root().resolve("clips/a.ogg"), set.clip("a").file());
    }

    @Test
    void rejectsFilePathEscapingTheSetFolder() {
        DataFormatException e = readFails(set(HEADER + "a,a.ogg,n,train\nb,clips/../../b.ogg,n,train\n"));
        assertEquals(3, e.line());
        assertEquals("file: 'clips/../../b.ogg' points outside the set folder", e.problem());
    }

    @Test
    void rejectsAbsoluteFilePath() {
        DataFormatException e = readFails(set(HEADER + "a,/etc/passwd,n,train\n"));
        assertTrue(e.problem().startsWith("file: must be relative"), e.getMessage());
    }

    @Test
    void rejectsMissingRequiredColumn() {
        DataFormatException e = readFails(set("clip_id,file,artist\na,a.ogg,n\n"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("labels.csv:1: missing required column 'split'"), e.getMessage());
    }

    @Test
    void rejectsDuplicateClipId() {
        DataFormatException e = readFails(set(HEADER + "a,a.ogg,n,train\nb,b.ogg,n,train\na,c.ogg,n,test\n"));
        assertEquals(4, e.line());
        assertEquals("clip_id: duplicate 'a' (first on line 2)", e.problem());
    }

    @Test
    void rejectsBadSplitValue() {
        DataFormatException e = readFails(set(HEADER + "a,a.ogg,n,training\n"));
        assertEquals(2, e.line());
        assertTrue(e.problem().startsWith("split: "), e.getMessage());
        assertTrue(e.problem().contains("'training'"), e.getMessage());
    }

    @Test
    void rejectsBlankClipId() {
        DataFormatException e = readFails(set(HEADER + " ,a.ogg,n,train\n"));
        assertEquals("clip_id: empty", e.problem());
    }

    @Test
    void rejectsEmptyLabelsFileAndLabelsWithoutClips() {
        assertTrue(readFails(set("")).problem().startsWith("empty file"));
        assertTrue(readFails(set(HEADER)).problem().startsWith("no clips"));
    }

    @Test
    void rejectsMissingLabelsFile() throws IOException {
        Files.createDirectories(dir.resolve("nolabels"));
        assertThrows(NoSuchFileException.class, () -> DatasetReader.read(dir.resolve("nolabels")));
        assertThrows(NoSuchFileException.class, () -> DatasetReader.read(dir.resolve("absent")));
    }

    private Path setWithTriplets(String triplets) {
        Path set = set(HEADER + "a,a.ogg,x,test\nb,b.ogg,x,test\nc,c.ogg,y,test\nt,t.ogg,z,train\n");
        Fixtures.write(set, "triplets/artist.csv", triplets);
        return set;
    }

    @Test
    void readsTasksSortedByNameAndIgnoresOtherFiles() throws IOException {
        Path set = setWithTriplets("anchor,positive,negative\na,b,c\n");
        Fixtures.write(set, "triplets/album.csv", "anchor,positive,negative\nb,a,c\nc,a,b\n");
        Fixtures.write(set, "triplets/README.md", "not a task");
        Dataset dataset = DatasetReader.read(set);
        assertEquals(List.of("album", "artist"), List.copyOf(dataset.tasks().keySet()));
        assertEquals(List.of(new Triplet("b", "a", "c"), new Triplet("c", "a", "b")), dataset.tasks().get("album"));
    }

    @Test
    void hasNoTasksWithoutTripletsFolder() throws IOException {
        assertEquals(Map.of(), DatasetReader.read(set(HEADER + "a,a.ogg,n,train\n")).tasks());
    }

    @Test
    void rejectsTripletNamingUnknownClip() {
        DataFormatException e = readFails(setWithTriplets("anchor,positive,negative\na,b,c\na,nope,c\n"));
        assertTrue(e.getMessage().contains("artist.csv:3: positive: unknown clip 'nope'"), e.getMessage());
    }

    @Test
    void rejectsTripletNamingTrainClip() {
        DataFormatException e = readFails(setWithTriplets("anchor,positive,negative\na,b,t\n"));
        assertTrue(e.getMessage().contains("artist.csv:2: negative: clip 't' is in the train split"), e.getMessage());
    }

    @Test
    void rejectsTripletRepeatingAClip() {
        DataFormatException e = readFails(setWithTriplets("anchor,positive,negative\na,b,a\n"));
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("three different clips"), e.getMessage());
    }

    @Test
    void rejectsTripletFileWithoutTripletsOrColumns() {
        assertTrue(readFails(setWithTriplets("")).problem().startsWith("empty file"));
        assertTrue(readFails(setWithTriplets("anchor,positive,negative\n")).problem().startsWith("no triplets"));
        DataFormatException e = readFails(setWithTriplets("anchor,positive\na,b\n"));
        assertTrue(e.problem().startsWith("missing required column 'negative'"), e.getMessage());
    }

    @Test
    void listsMissingAudioFiles() throws IOException {
        Path set = set(HEADER + "a,clips/a.ogg,n,train\nb,clips/b.ogg,n,train\n");
        Fixtures.write(set, "clips/a.ogg", "audio");
        Dataset dataset = DatasetReader.read(set);
        assertEquals(List.of(dataset.root().resolve("clips/b.ogg")), dataset.missingFiles());
    }
}
