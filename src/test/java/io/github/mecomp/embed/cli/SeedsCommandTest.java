package io.github.mecomp.embed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedsCommandTest {

    @TempDir
    Path dir;

    private final CommandLineRun cli = new CommandLineRun();


    private String[] seeds(Path base) {
        return new String[] {"seeds", "--seeds", "2", "--first-seed", "5", "--out", base.toString(), "--",
            "--data", "fixtures/demo-set", "--epochs", "1", "--triplets-per-epoch", "16", "--batch", "8",
            "--train-windows", "2", "--threads", "1"};
    }

    @Test
    void trainsEachSeedThenTabulatesAndChoosesByValidation() throws IOException {
        Path base = dir.resolve("runs");
        assertEquals(0, cli.run(seeds(base)), cli.err.toString());
        String md = Files.readString(base.resolve("seeds.md"));
        assertTrue(md.contains("| 5") && md.contains("| 6"), md);
        assertTrue(md.contains("test demo-set/artist"), md);
        assertTrue(md.contains("mean ± sd (n = 2)"), md);
        JsonNode json = new ObjectMapper().readTree(base.resolve("seeds.json").toFile());
        double v5 = json.get("runs").get(0).get("validation").get("all").asDouble();
        double v6 = json.get("runs").get(1).get("validation").get("all").asDouble();
        assertEquals(v6 > v5 ? 6 : 5, json.get("chosenSeed").asLong());
        double t5 = json.get("runs").get(0).get("test").get("demo-set/artist").asDouble();
        double t6 = json.get("runs").get(1).get("test").get("demo-set/artist").asDouble();
        assertEquals((t5 + t6) / 2, json.get("test").get("demo-set/artist").get("mean").asDouble(), 1e-12);
        assertEquals(Math.abs(t5 - t6) / Math.sqrt(2), json.get("test").get("demo-set/artist").get("sd").asDouble(),
                1e-12);

        // a second call reads the finished runs; a run without its summary is resumed, not restarted
        Files.delete(base.resolve("seed-6/summary.json"));
        cli.out.getBuffer().setLength(0);
        assertEquals(0, cli.run(seeds(base)), cli.err.toString());
        assertTrue(cli.out.toString().contains("seed 5: finished already"), cli.out.toString());
        assertTrue(cli.out.toString().contains("--seed 6 --out " + base.resolve("seed-6") + " --resume"), cli.out.toString());
        assertEquals(md, Files.readString(base.resolve("seeds.md")));
        // seeds 5 and 6 mined their own splits: the table says that validation cannot tell them apart
        assertTrue(md.contains("Each seed mined its own validation split"), md);
        assertFalse(json.get("sharedValidation").asBoolean());
        assertFalse(Files.readString(base.resolve("seed-5/triplets.csv"))
                .equals(Files.readString(base.resolve("seed-6/triplets.csv"))));
    }

    @Test
    void oneMiningSeedGivesEverySeedTheSameValidationTriplets() throws IOException {
        Path base = dir.resolve("shared");
        String[] args = seeds(base);
        String[] withMining = java.util.Arrays.copyOf(args, args.length + 2);
        withMining[args.length] = "--mining-seed";
        withMining[args.length + 1] = "9";
        assertEquals(0, cli.run(withMining), cli.err.toString());
        assertEquals(Files.readString(base.resolve("seed-5/triplets.csv")),
                Files.readString(base.resolve("seed-6/triplets.csv")));
        JsonNode json = new ObjectMapper().readTree(base.resolve("seeds.json").toFile());
        assertTrue(json.get("sharedValidation").asBoolean());
        assertEquals(9, json.get("runs").get(1).get("miningSeed").asLong());
        assertEquals(9, new ObjectMapper().readTree(base.resolve("seed-6/summary.json").toFile())
                .get("data").get("miningSeed").asLong());
        assertFalse(Files.readString(base.resolve("seeds.md")).contains("Each seed mined its own"));
    }

    @Test
    void refusesOptionsItSetsItself() {
        assertEquals(2, cli.run("seeds", "--out", dir.toString(), "--", "--data", "x", "--seed", "3"));
        assertTrue(cli.err.toString().contains("--seed is set by seeds"), cli.err.toString());
    }
}
