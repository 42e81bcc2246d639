package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.survey.ClipPool;
import io.github.mecomp.embed.survey.HostPolicy;
import io.github.mecomp.embed.survey.RateLimit;
import io.github.mecomp.embed.survey.SurveyConfig;
import io.github.mecomp.embed.survey.SurveyEmbeddings;
import io.github.mecomp.embed.survey.SurveyServer;
import io.github.mecomp.embed.survey.SurveyStore;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves the listening survey until stopped. */
@Command(name = "survey", mixinStandardHelpOptions = true,
        description = {
            "Serves the listening survey: each listener hears three clips and picks the two that sound most",
            "alike. Answers go to a SQLite file, each committed before the page moves on. The operator page",
            "(/admin) and its exports need the token printed at start-up. Stop with Ctrl-C; export with",
            "survey-export."})
final class SurveyCommand implements Callable<Integer> {

    @Option(names = "--clips", required = true, paramLabel = "DIR",
            description = "Folder of clips (mp3, ogg, flac, wav; 20-30 s each is best), searched recursively.")
    Path clips;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "SQLite file for the answers (created if missing).")
    Path db;

    @Option(names = "--port", paramLabel = "P", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every network).")
    String bind = "127.0.0.1";

    @Option(names = "--allowed-host", paramLabel = "NAME", split = ",",
            description = {"Host name listeners use to reach the survey (repeatable, or comma-separated), e.g. the",
                "public name behind a reverse proxy. Requests naming another host are refused (421), which stops",
                "DNS rebinding. Always allowed: the --bind address; on loopback localhost, 127.0.0.1 and [::1];",
                "on 0.0.0.0 also this machine's addresses and host name."})
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--embeddings", paramLabel = "CSV",
            description = "Vectors of the current model (clip_id = clip path or name) to ask the triplets it is least sure of.")
    Path embeddings;

    @Option(names = "--questions", paramLabel = "N", description = "Answers per session (default: ${DEFAULT-VALUE}).")
    int questions = SurveyConfig.DEFAULT_QUESTIONS;

    @Option(names = "--excerpt", paramLabel = "SECONDS",
            description = "Longest part of a clip played; longer files play from the middle (default: ${DEFAULT-VALUE}).")
    double excerpt = SurveyConfig.DEFAULT_EXCERPT_SECONDS;

    @Option(names = "--repeat-share", paramLabel = "F", description = "Share of repeats (default: ${DEFAULT-VALUE}).")
    double repeatShare = SurveyConfig.DEFAULT_REPEAT_SHARE;

    @Option(names = "--shared-share", paramLabel = "F",
            description = "Share of triplets other listeners answered (default: ${DEFAULT-VALUE}).")
    double sharedShare = SurveyConfig.DEFAULT_SHARED_SHARE;

    @Option(names = "--uncertain-share", paramLabel = "F",
            description = "Share of triplets the model is least sure of, with --embeddings (default: ${DEFAULT-VALUE}).")
    double uncertainShare = SurveyConfig.DEFAULT_UNCERTAIN_SHARE;

    @Option(names = "--rate", paramLabel = "PER_S",
            description = "Requests per second per listener (default: ${DEFAULT-VALUE}); ten times that per address.")
    double rate = SurveyConfig.DEFAULT_RATER_LIMIT.perSecond();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the question choice (default: ${DEFAULT-VALUE}).")
    long seed = SurveyConfig.DEFAULT_SEED;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SurveyConfig config = SurveyConfig.defaults()
                .withQuestionsPerSession(questions)
                .withExcerptSeconds(excerpt)
                .withShares(repeatShare, sharedShare, uncertainShare)
                .withRateLimits(new RateLimit(rate, SurveyConfig.DEFAULT_RATER_LIMIT.burst()),
                        new RateLimit(rate * 10, SurveyConfig.DEFAULT_ADDRESS_LIMIT.burst()))
                .withSeed(seed);
        InetSocketAddress address = new InetSocketAddress(bind, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("--bind " + bind + " is not an address of this machine (use 127.0.0.1,"
                    + " 0.0.0.0 or one of its network addresses)");
        }
        HostPolicy hosts = HostPolicy.forBind(address, allowedHosts);
        SurveyStore store = SurveyStore.open(db);
        try {
            out.println("survey: reading clips in " + clips + " ...");
            out.flush();
            ClipPool pool = ClipPool.scan(clips, store.knownClips(clips.toAbsolutePath().normalize()));
            FailureReport.print(err, "survey", pool.failures());
            if (pool.size() < 3) {
                err.println("survey: error: " + clips + " has " + pool.size()
                        + " usable clip(s); a triplet survey needs at least 3 (mp3, ogg, flac or wav)");
                return ExitCodes.FAILED;
            }
            Map<String, float[]> vectors = Map.of();
            if (embeddings != null) {
                vectors = SurveyEmbeddings.match(EmbeddingCsv.read(embeddings), pool.clips());
                out.println("survey: " + vectors.size() + " of " + pool.size() + " clips have a vector in " + embeddings);
                if (vectors.size() < 3) {
                    err.println("survey: warning: fewer than 3 clips matched a clip_id in " + embeddings
                            + " (expected the clip's path, or its name, with or without extension); asking no uncertain triplets");
                }
            }
            SurveyServer server = SurveyServer.start(address, hosts, pool, store, vectors, config);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                server.close();
                store.close();
                stopped.countDown();
            }, "survey-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            String host = bind.equals("0.0.0.0") ? "localhost" : bind;
            out.println("survey: " + pool.size() + " clips, answers in " + store.file());
            out.println("survey: listeners open  http://" + host + ":" + server.port() + "/");
            out.println("survey: operator page   http://" + host + ":" + server.port() + "/admin?token=" + server.adminToken());
            out.println("survey: answers to the host names " + String.join(", ", hosts.names())
                    + " (add one with --allowed-host)");
            out.println("survey: stop with Ctrl-C; every acknowledged answer is already on disk");
            out.flush();
            stopped.await();
            return ExitCodes.OK;
        } catch (Exception e) {
            store.close();
            throw e;
        }
    }
}
