package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris on loopback: connections that trickle their request head a byte at a time must neither stall
 * other listeners nor stay open past the header deadline. The count of slow connections can be raised for a
 * measurement with {@code -Dsurvey.slowClients=N}.
 */
class SurveySlowClientTest {

    private static final int SLOW_CLIENTS = Integer.getInteger("survey.slowClients", 16);
    private static final Duration HEADER_DEADLINE = Duration.ofSeconds(2);
    private static final long BYTE_EVERY_MS = 100;

    @TempDir
    Path dir;

    @Test
    void tricklingRequestHeadsNeitherStallOthersNorOutliveTheHeaderDeadline() throws Exception {
        SurveyConfig config = SurveyConfig.defaults()
                .withRateLimits(new RateLimit(1000, 1000), new RateLimit(10_000, 10_000))
                .withLimits(ServerLimits.defaults().withHeaderTimeout(HEADER_DEADLINE));
        try (SurveyFixture f = SurveyFixture.start(dir, 6, config)) {
            SurveyFixture.Listener me = SurveyFixture.listener();
            assertEquals(200, f.get(me, "/").statusCode());
            List<Double> quiet = timeNormalRequests(f, me);

            List<Socket> slow = new ArrayList<>();
            List<Long> closedAfterMs = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            byte[] head = ("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + f.server.port() + "\r\nX-Slow: "
                    + "a".repeat(100_000)).getBytes(StandardCharsets.ISO_8859_1);
            long opened = System.nanoTime();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = new Socket("127.0.0.1", f.server.port());
                s.setSoTimeout(50);
                slow.add(s);
            }
            Thread trickler = new Thread(() -> trickle(slow, head, stop, opened, closedAfterMs), "slowloris");
            trickler.setDaemon(true);
            trickler.start();
            try {
                Thread.sleep(500);  // every slow connection has started its head
                List<Double> latencies = timeNormalRequests(f, me);
                double worst = Collections.max(latencies);
                System.out.printf(Locale.ROOT, "survey slow-client test: a normal request answered in %s ms alone;"
                        + " with %d trickling connections in %s ms (worst %.1f ms)%n", format(quiet), SLOW_CLIENTS,
                        format(latencies), worst);
                assertTrue(worst < 2000, "a normal request waited " + worst + " ms behind slow clients");

                long limit = HEADER_DEADLINE.toMillis() + 3000;
                while (closedAfterMs.size() < SLOW_CLIENTS && (System.nanoTime() - opened) / 1_000_000 < limit + 1000) {
                    Thread.sleep(50);
                }
                List<Long> closed = List.copyOf(closedAfterMs);
                System.out.printf(Locale.ROOT, "survey slow-client test: %d of %d slow connections closed by the server,"
                        + " after %s ms%n", closed.size(), SLOW_CLIENTS,
                        closed.isEmpty() ? "-" : Collections.min(closed) + "-" + Collections.max(closed));
                assertEquals(SLOW_CLIENTS, closed.size(), "every slow connection is closed after the header deadline");
                assertTrue(Collections.max(closed) <= limit, "closed after " + closed + " ms; deadline "
                        + HEADER_DEADLINE.toMillis() + " ms");
                assertTrue(Collections.min(closed) >= HEADER_DEADLINE.toMillis() - 200,
                        "closed before the deadline: " + closed);
            } finally {
                stop.set(true);
                trickler.join(5000);
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    /** Five questions fetched one after another (the same one each time: it is not answered), in milliseconds. */
    private static List<Double> timeNormalRequests(SurveyFixture f, SurveyFixture.Listener me) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = f.send(me, f.request("/api/next").timeout(Duration.ofSeconds(5)).GET(),
                    HttpResponse.BodyHandlers.ofString());
            ms.add((System.nanoTime() - t) / 1e6);
            assertEquals(200, r.statusCode(), r.body());
        }
        return ms;
    }

    /** Sends one byte of the head to each open connection in turn, and notes when the server closes one. */
    private static void trickle(List<Socket> sockets, byte[] head, AtomicBoolean stop, long opened, List<Long> closedAfterMs) {
        boolean[] closed = new boolean[sockets.size()];
        byte[] sink = new byte[4096];
        for (int pos = 0; !stop.get() && pos < head.length; pos++) {
            for (int i = 0; i < sockets.size(); i++) {
                if (closed[i]) {
                    continue;
                }
                Socket s = sockets.get(i);
                try {
                    s.getOutputStream().write(head[pos]);
                    s.getOutputStream().flush();
                    InputStream in = s.getInputStream();
                    // The server may answer 408 before closing: read whatever it sent, up to the end.
                    while (in.available() > 0 && in.read(sink) > 0) {
                        // discard
                    }
                    if (readsEnd(s, in)) {
                        closed[i] = true;
                        closedAfterMs.add((System.nanoTime() - opened) / 1_000_000);
                    }
                } catch (IOException e) {
                    closed[i] = true;
                    closedAfterMs.add((System.nanoTime() - opened) / 1_000_000);
                }
            }
            try {
                Thread.sleep(BYTE_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean readsEnd(Socket s, InputStream in) throws IOException {
        try {
            s.setSoTimeout(1);
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static String format(List<Double> ms) {
        StringBuilder b = new StringBuilder();
        for (double v : ms) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v));
        }
        return b.toString();
    }

    @Test
    void aTricklingAnswerBodyIsCutAtTheBodyDeadlineAndStoresNothing() throws Exception {
        Duration bodyDeadline = Duration.ofSeconds(1);
        SurveyConfig config = SurveyConfig.defaults()
                .withRateLimits(new RateLimit(1000, 1000), new RateLimit(10_000, 10_000))
                .withLimits(ServerLimits.defaults().withBodyTimeout(bodyDeadline));
        try (SurveyFixture f = SurveyFixture.start(dir, 6, config)) {
            SurveyFixture.Listener me = SurveyFixture.listener();
            assertEquals(200, f.get(me, "/").statusCode());
            String q = f.get(me, "/api/next").body();
            String body = q.substring(0, q.indexOf(",\"clips\"")) + ",\"odd\":1}";
            try (Socket s = new Socket("127.0.0.1", f.server.port())) {
                s.getOutputStream().write(("POST /api/answer HTTP/1.1\r\nHost: 127.0.0.1:" + f.server.port()
                        + "\r\nCookie: " + me.cookie + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                long headSent = System.nanoTime();
                byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
                long closedAfterMs = -1;
                // All but the last byte, slowly: the answer is never complete.
                for (int i = 0; i < bytes.length - 1 && closedAfterMs < 0; i++) {
                    try {
                        s.getOutputStream().write(bytes[i]);
                        s.getOutputStream().flush();
                        if (readsEnd(s, s.getInputStream())) {
                            closedAfterMs = (System.nanoTime() - headSent) / 1_000_000;
                        }
                    } catch (IOException e) {
                        closedAfterMs = (System.nanoTime() - headSent) / 1_000_000;
                    }
                    Thread.sleep(BYTE_EVERY_MS);
                }
                System.out.printf(Locale.ROOT, "survey slow-client test: a trickling answer body was cut after %d ms"
                        + " (deadline %d ms)%n", closedAfterMs, bodyDeadline.toMillis());
                assertTrue(closedAfterMs >= bodyDeadline.toMillis() - 200 && closedAfterMs <= bodyDeadline.toMillis() + 2000,
                        "closed after " + closedAfterMs + " ms");
            }
            assertEquals(0, f.answerCount(), "an answer that never arrived whole is not stored");
            assertEquals(0, f.server.internalErrors(), "a slow client is not a server error");
            assertEquals(200, f.get(me, "/api/next").statusCode(), "the listener can still answer");
        }
    }
}
