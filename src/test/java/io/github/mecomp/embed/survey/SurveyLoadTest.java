package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 simulated listeners answering at once on loopback for a bounded time; every acknowledged answer must be
 * in the database and nothing may fail. Prints the latency figures (no timed assertion: the machine is shared).
 */
class SurveyLoadTest {

    private static final int LISTENERS = 50;
    private static final long RUN_MS = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void fiftyListenersAnsweringAtOnceLoseNothing() throws Exception {
        SurveyConfig config = SurveyConfig.defaults()
                // Simulated listeners answer as fast as they can, far above any person's pace.
                .withRateLimits(new RateLimit(10_000, 10_000), new RateLimit(100_000, 100_000));
        try (SurveyFixture f = SurveyFixture.start(dir, 30, config)) {
            // One listener alone first: the latency without queueing, and a warm server for the crowd.
            ConcurrentLinkedQueue<Long> aloneNanos = new ConcurrentLinkedQueue<>();
            SurveyFixture.Listener alone = SurveyFixture.listener();
            f.get(alone, "/");
            for (int i = 0; i < 40; i++) {
                JsonNode q = JSON.readTree(f.get(alone, "/api/next").body());
                long t = System.nanoTime();
                HttpResponse<String> a = f.postJson(alone, "/api/answer", "{\"question\":" + q.get("question").asLong()
                        + ",\"token\":\"" + q.get("token").asText() + "\",\"odd\":1}");
                aloneNanos.add(System.nanoTime() - t);
                assertEquals(200, a.statusCode(), a.body());
            }
            long before = f.answerCount();
            ConcurrentLinkedQueue<Long> nextNanos = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> answerNanos = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicLong acknowledged = new AtomicLong();
            CountDownLatch ready = new CountDownLatch(LISTENERS);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(LISTENERS);
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < LISTENERS; i++) {
                runs.add(pool.submit(() -> {
                    SurveyFixture.Listener me = SurveyFixture.listener();
                    try {
                        f.get(me, "/");
                        ready.countDown();
                        go.await();
                        long end = System.currentTimeMillis() + RUN_MS;
                        int odd = 1;
                        while (System.currentTimeMillis() < end) {
                            long t0 = System.nanoTime();
                            HttpResponse<String> n = f.get(me, "/api/next");
                            nextNanos.add(System.nanoTime() - t0);
                            if (n.statusCode() != 200) {
                                failures.add("next " + n.statusCode() + " " + n.body());
                                continue;
                            }
                            JsonNode q = JSON.readTree(n.body());
                            String body = "{\"question\":" + q.get("question").asLong() + ",\"token\":\""
                                    + q.get("token").asText() + "\",\"odd\":" + odd + "}";
                            odd = odd % 3 + 1;
                            long t1 = System.nanoTime();
                            HttpResponse<String> a = f.postJson(me, "/api/answer", body);
                            answerNanos.add(System.nanoTime() - t1);
                            if (a.statusCode() == 200) {
                                acknowledged.incrementAndGet();
                            } else {
                                failures.add("answer " + a.statusCode() + " " + a.body());
                            }
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                        ready.countDown();
                    }
                    return null;
                }));
            }
            assertTrue(ready.await(60, TimeUnit.SECONDS), "listeners did not get their cookies");
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> r : runs) {
                r.get(60, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();

            assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(5, failures.size())), "no request failed");
            long stored = f.answerCount() - before;
            assertEquals(acknowledged.get(), stored, "every acknowledged answer is in the database, and nothing else");
            assertEquals(0, f.server.internalErrors());
            assertTrue(stored >= LISTENERS, "each listener answered at least once: " + stored);
            System.out.printf(Locale.ROOT, "survey load test: 1 listener alone: answer (committed) p50 %.1f ms"
                            + " p99 %.1f ms over %d answers%n",
                    percentile(aloneNanos, 50), percentile(aloneNanos, 99), aloneNanos.size());
            System.out.printf(Locale.ROOT, "survey load test: %d listeners at once, %.1f s, %d answers stored (%.0f/s);"
                            + " next p50 %.1f ms p99 %.1f ms; answer (committed) p50 %.1f ms p99 %.1f ms%n",
                    LISTENERS, seconds, stored, stored / seconds, percentile(nextNanos, 50), percentile(nextNanos, 99),
                    percentile(answerNanos, 50), percentile(answerNanos, 99));
        }
    }

    private static double percentile(ConcurrentLinkedQueue<Long> nanos, double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
