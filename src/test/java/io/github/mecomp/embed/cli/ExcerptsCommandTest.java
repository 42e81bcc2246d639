package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.AudioLoader;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.DatasetReader;
import io.github.mecomp.embed.data.LabelRoles;
import io.github.mecomp.embed.data.Relation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** excerpts: a plain music folder to a data set of same-track excerpts that train --data reads. */
class ExcerptsCommandTest {

    private static final int RATE = 8000;

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();

    /** A song whose every sample says where it is, so that an excerpt can be traced to its place in the song. */
    private static float[] song(double seconds, double hz) {
        float[] x = TestAudio.sine(hz, 0.5, seconds, RATE);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) (0.5 + 0.5 * i / x.length);
        }
        return x;
    }

    private Path library() throws IOException {
        Path music = dir.resolve("music");
        TestAudio.writeWav(music.resolve("Artist A/Album 1/long song.wav"), song(27, 220), RATE);  // 5 blocks of 5 s
        TestAudio.writeWav(music.resolve("Artist A/Album 1/short.wav"), song(12, 330), RATE);      // 2 blocks
        TestAudio.writeWav(music.resolve("Artist B/jingle.wav"), song(3, 440), RATE);             // under one block
        TestAudio.writeWav(music.resolve("Artist B/silence.wav"), new float[RATE * 8], RATE);
        Files.writeString(music.resolve("Artist B/broken.mp3"), "not audio at all");
        Files.copy(Path.of("fixtures/demo-set/clips/a1c1.ogg"), music.resolve("demo.ogg"));
        return music;
    }

    @Test
    void cutsEverySongIntoExcerptsThatTheDatasetReaderAndTheMinerTakeAsTracks() throws IOException {
        Path music = library();
        Path out = dir.resolve("mine");
        assertEquals(0, cli.run("excerpts", music.toString(), "--out", out.toString(), "--seconds", "5",
                "--sample-rate", String.valueOf(RATE), "--threads", "2"), cli.err.toString());

        Dataset set = DatasetReader.read(out);
        Map<String, Clip> clips = set.clips().stream().collect(Collectors.toMap(Clip::id, Function.identity()));
        // 27 s: blocks 1..3 (intro and outro left out); 12 s: both blocks; 3 s: whole; demo clip: 3 s, whole
        assertEquals(Set.of("Artist_A--Album_1--long_song--x1", "Artist_A--Album_1--long_song--x2",
                "Artist_A--Album_1--long_song--x3", "Artist_A--Album_1--short--x1", "Artist_A--Album_1--short--x2",
                "Artist_B--jingle--x1", "demo--x1"), clips.keySet());
        Clip second = clips.get("Artist_A--Album_1--long_song--x2");
        assertEquals("Artist_A--Album_1--long_song", second.label("track_id").orElseThrow());
        assertEquals("Artist A/Album 1/long song.wav", second.label("source_file").orElseThrow());
        assertEquals("10.00", second.label("excerpt_start_s").orElseThrow());
        assertTrue(set.clips().stream().allMatch(c -> c.split() == io.github.mecomp.embed.data.Split.TRAIN));

        // each excerpt is the song's own samples at its place
        AudioLoader loader = new AudioLoader(RATE);
        float[] whole = loader.load(music.resolve("Artist A/Album 1/long song.wav")).samples();
        PcmAudio excerpt = loader.load(second.file());
        assertEquals(5 * RATE, excerpt.length());
        for (int i = 0; i < excerpt.length(); i++) {
            assertEquals(whole[10 * RATE + i], excerpt.samples()[i], 1.0 / 32767, "sample " + i);
        }
        assertEquals(3 * RATE, loader.load(clips.get("Artist_B--jingle--x1").file()).length(), "kept whole");

        LabelRoles roles = LabelRoles.defaultsFor(set);
        assertEquals("track_id", roles.groupColumn());
        assertEquals(Set.of(Relation.TRACK), roles.relations().keySet());
        Path mined = dir.resolve("mined.csv");
        assertEquals(0, cli.run("triplets", "--data", out.toString(), "--out", mined.toString(),
                "--validation-fraction", "0"), cli.err.toString());
        List<String> lines = Files.readAllLines(mined);
        assertTrue(lines.size() > 1 && lines.stream().skip(1).allMatch(l -> l.contains(",track,")), lines.toString());

        String err = cli.err.toString();
        assertTrue(err.contains("2 file(s) could not be used") && err.contains("broken.mp3")
                && err.contains("silence.wav") && err.contains("silent"), err);
        // 5 excerpts of 5 s and two clips of 3 s kept whole: 31 s
        assertTrue(cli.out.toString().contains("7 excerpt(s) of 4 of 6 songs (0.5 min of audio)"), cli.out.toString());
    }

    @Test
    void foldersBecomeAlbumsOnlyWhenAsked() throws IOException {
        Path music = library();
        Path out = dir.resolve("albums");
        assertEquals(0, cli.run("excerpts", music.toString(), "--out", out.toString(), "--seconds", "5",
                "--sample-rate", String.valueOf(RATE), "--album-from-folder", "--threads", "1"), cli.err.toString());
        Dataset set = DatasetReader.read(out);
        Map<String, String> albums = set.clips().stream()
                .collect(Collectors.toMap(Clip::id, c -> c.label("album").orElseThrow()));
        assertEquals("Artist A/Album 1", albums.get("Artist_A--Album_1--short--x2"));
        assertEquals("Artist B", albums.get("Artist_B--jingle--x1"));
        assertEquals("music", albums.get("demo--x1"), "a song at the top: the folder's own name");
        LabelRoles roles = LabelRoles.defaultsFor(set);
        assertEquals("album", roles.groupColumn());
        assertEquals(Set.of(Relation.ALBUM, Relation.TRACK), roles.relations().keySet());
    }

    @Test
    void aDataSetWrittenInsideTheMusicFolderIsNotReadAsSongsAgain() throws IOException {
        Path music = library();
        Path out = music.resolve("excerpts");
        String[] args = {"excerpts", music.toString(), "--out", out.toString(), "--seconds", "5", "--sample-rate",
            String.valueOf(RATE), "--threads", "1"};
        assertEquals(0, cli.run(args), cli.err.toString());
        List<String> first = Files.readAllLines(out.resolve("labels.csv"));
        cli.out.getBuffer().setLength(0);
        assertEquals(0, cli.run(args), cli.err.toString());
        assertEquals(first, Files.readAllLines(out.resolve("labels.csv")), "a second run gives the same set");
        assertTrue(cli.out.toString().contains("of 4 of 6 songs"), cli.out.toString());
    }

    @Test
    void nothingToCutIsAFailureThatLeavesNoLabels() throws IOException {
        Path music = Files.createDirectories(dir.resolve("music"));
        Files.writeString(music.resolve("broken.ogg"), "");
        Path out = dir.resolve("out");
        assertEquals(1, cli.run("excerpts", music.toString(), "--out", out.toString()));
        assertFalse(Files.exists(out.resolve("labels.csv")));
        assertTrue(cli.err.toString().contains("broken.ogg"), cli.err.toString());
    }

    @Test
    void badSettingsAreNamed() throws IOException {
        Path music = library();
        assertEquals(2, cli.run("excerpts", music.toString(), "--out", dir.resolve("o").toString(), "--per-song", "0"));
        assertTrue(cli.err.toString().contains("excerpts per song"), cli.err.toString());
        assertEquals(2, cli.run("excerpts", music.toString(), "--out", dir.resolve("o").toString(), "--sample-rate", "100"));
        assertTrue(cli.err.toString().contains("--sample-rate"), cli.err.toString());
    }
}
