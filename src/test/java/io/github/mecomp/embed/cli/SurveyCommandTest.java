package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.audio.AudioFileFormat;
import io.github.mecomp.embed.data.HumanTriplet;
import io.github.mecomp.embed.data.HumanTriplets;
import io.github.mecomp.embed.data.Triplet;
import io.github.mecomp.embed.survey.Question;
import io.github.mecomp.embed.survey.SurveyClip;
import io.github.mecomp.embed.survey.SurveyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyCommandTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    private static SurveyClip clip(String path) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
        return new SurveyClip(HexFormat.of().formatHex(hash, 0, 6), path, Path.of(path), AudioFileFormat.WAV, 25, 1, 1);
    }

    @Test
    void exportWritesCleanedVotesThatHumanTripletsReads() throws Exception {
        Path db = dir.resolve("survey.db");
        List<SurveyClip> clips = List.of(clip("a.wav"), clip("b.wav"), clip("c.wav"));
        List<String> ids = clips.stream().map(SurveyClip::id).toList();
        try (SurveyStore store = SurveyStore.open(db)) {
            store.registerClips(clips);
            int[] odds = {3, 3, 1};   // two listeners leave out c, one leaves out a
            long[] elapsed = {60_000, 50_000, 2_000};  // the third answered in 2 s: too fast, dropped
            for (int i = 0; i < 3; i++) {
                String rater = "listener" + i;
                store.createRater(rater, 0);
                Question q = store.addQuestion(rater, ids, Question.Kind.RANDOM, 0, "tok", 1_000, 75_000);
                assertEquals(SurveyStore.Outcome.STORED, store.answer(q.id(), rater, "tok", odds[i], 1_000 + elapsed[i]));
            }
        }
        Path outDir = dir.resolve("export");
        assertEquals(0, cli.run("survey-export", "--db", db.toString(), "--out", outDir.toString()), cli.err.toString());
        assertTrue(cli.out.toString().contains("dropped as too fast (under 50% of the listening time): 1"), cli.out.toString());
        assertTrue(cli.out.toString().contains("votes: 2 on 1 clip sets"), cli.out.toString());
        List<HumanTriplet> expected = List.of(new HumanTriplet(new Triplet("a.wav", "b.wav", "c.wav"), 2));
        assertEquals(expected, HumanTriplets.read(outDir.resolve("triplets.csv")));
        assertEquals(expected, HumanTriplets.read(outDir.resolve("songs.csv")));
        assertEquals(4, Files.readAllLines(outDir.resolve("answers.csv")).size(), "header and every answer");
    }

    @Test
    void exportOfAMissingDatabaseIsAClearError() {
        assertEquals(1, cli.run("survey-export", "--db", dir.resolve("none.db").toString(), "--out", dir.toString()));
        assertTrue(cli.err.toString().contains("none.db") && cli.err.toString().contains("no survey database"), cli.err.toString());
    }

    @Test
    void surveyNeedsThreeClips() throws IOException {
        TestAudio.writeWav(dir.resolve("clips/one.wav"), TestAudio.sine(440, 0.5, 1.0, 8000), 8000);
        Files.writeString(dir.resolve("clips/broken.mp3"), "not audio");
        assertEquals(1, cli.run("survey", "--clips", dir.resolve("clips").toString(), "--db", dir.resolve("s.db").toString(),
                "--port", "0"));
        assertTrue(cli.err.toString().contains("broken.mp3"), "the bad file is listed: " + cli.err);
        assertTrue(cli.err.toString().contains("has 1 usable clip(s); a triplet survey needs at least 3"), cli.err.toString());
    }

    @Test
    void aPortInUseIsNamedWithTheOptionToChangeIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            TestAudio.writeWav(dir.resolve("clips/c" + i + ".wav"), TestAudio.sine(300 + 100 * i, 0.5, 1.0, 8000), 8000);
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertEquals(1, cli.run("survey", "--clips", dir.resolve("clips").toString(), "--db",
                    dir.resolve("s.db").toString(), "--port", Integer.toString(port)));
            assertTrue(cli.err.toString().contains("survey: error: 127.0.0.1:" + port + " is already in use")
                    && cli.err.toString().contains("--port"), cli.err.toString());
        }
    }

    @Test
    void anAllowedHostThatIsNotAHostNameIsRefusedBeforeAnythingStarts() {
        assertEquals(1, cli.run("survey", "--clips", dir.resolve("clips").toString(), "--db", dir.resolve("s.db").toString(),
                "--port", "0", "--allowed-host", "https://survey.example.org/"));
        assertTrue(cli.err.toString().contains("--allowed-host https://survey.example.org/ is not a host name"), cli.err.toString());
        assertTrue(Files.notExists(dir.resolve("s.db")), "no database created for a refused start");
    }
}
