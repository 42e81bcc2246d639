package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code survey} command in its own process, killed with SIGKILL while listeners answer. */
class SurveyKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("listeners open\\s+http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void killingTheServerMidSurveyLosesNoAcknowledgedAnswer() throws Exception {
        Path clips = SurveyFixture.writeClips(dir.resolve("clips"), 8, 1.0);
        Path db = dir.resolve("survey.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.github.mecomp.embed.cli.Main", "survey", "--clips", clips.toString(), "--db", db.toString(),
                "--port", "0", "--rate", "1000").redirectErrorStream(true).start();
        try {
            int port = awaitPort(p);
            // A fixture-shaped view of the child's server, for its HTTP helpers only.
            Listeners view = new Listeners(port);
            ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
            CountDownLatch answering = new CountDownLatch(2);
            Thread[] listeners = new Thread[2];
            for (int i = 0; i < listeners.length; i++) {
                listeners[i] = new Thread(() -> {
                    SurveyFixture.Listener me = SurveyFixture.listener();
                    try {
                        view.get(me, "/");
                        while (true) {
                            JsonNode q = JSON.readTree(view.get(me, "/api/next").body());
                            HttpResponse<String> r = view.postJson(me, "/api/answer", "{\"question\":"
                                    + q.get("question").asLong() + ",\"token\":\"" + q.get("token").asText() + "\",\"odd\":2}");
                            if (r.statusCode() == 200) {
                                acknowledged.add(q.get("question").asLong());
                                if (acknowledged.size() >= 10) {
                                    answering.countDown();
                                }
                            }
                        }
                    } catch (Exception e) {
                        // the server was killed
                        answering.countDown();
                    }
                });
                listeners[i].start();
            }
            assertTrue(answering.await(60, TimeUnit.SECONDS), "listeners did not get going");
            p.destroyForcibly();  // SIGKILL: no shutdown hook, no close
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            for (Thread t : listeners) {
                t.join(30_000);
            }
            Set<Long> acked = Set.copyOf(acknowledged);
            try (SurveyStore store = SurveyStore.open(db)) {
                Set<Long> stored = store.allAnswers().stream().map(a -> a.question().id()).collect(Collectors.toSet());
                assertTrue(stored.containsAll(acked), "every acknowledged answer survived: acked " + acked.size()
                        + ", stored " + stored.size());
                assertTrue(stored.size() <= acked.size() + listeners.length,
                        "at most one unacknowledged answer in flight per listener");
                assertTrue(acked.size() >= 10, "answers were given: " + acked.size());
                assertEquals(SurveyStore.SCHEMA_VERSION, store.schemaVersion());
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static int awaitPort(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.currentTimeMillis() + 60_000;
        String line;
        while (System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = URL.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (Exception e) {
                        // process gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the survey command did not start:\n" + seen);
    }

    /** The HTTP helpers of {@link SurveyFixture} pointed at another process's server. */
    private static final class Listeners {
        private final java.net.URI base;

        Listeners(int port) {
            base = java.net.URI.create("http://127.0.0.1:" + port);
        }

        HttpResponse<String> get(SurveyFixture.Listener who, String path) throws Exception {
            return SurveyFixture.send(base, who, java.net.http.HttpRequest.newBuilder(base.resolve(path)).GET(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postJson(SurveyFixture.Listener who, String path, String json) throws Exception {
            return SurveyFixture.send(base, who, java.net.http.HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString());
        }
    }
}
