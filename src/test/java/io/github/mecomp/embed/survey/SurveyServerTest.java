package io.github.mecomp.embed.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mecomp.embed.TestAudio;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SurveyFixture f;

    @BeforeEach
    void start() throws IOException {
        f = SurveyFixture.start(dir, 6, SurveyConfig.defaults().withQuestionsPerSession(4));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private SurveyFixture.Listener newListener() throws Exception {
        SurveyFixture.Listener c = SurveyFixture.listener();
        assertEquals(200, f.get(c, "/").statusCode());
        return c;
    }

    private JsonNode next(SurveyFixture.Listener c) throws Exception {
        HttpResponse<String> r = f.get(c, "/api/next");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String answer(JsonNode q, int odd) {
        return "{\"question\":" + q.get("question").asLong() + ",\"token\":\"" + q.get("token").asText()
                + "\",\"odd\":" + odd + "}";
    }

    @Test
    void pageSetsAnAnonymousCookieAndAStrictContentPolicy() throws Exception {
        HttpResponse<String> r = f.get(SurveyFixture.listener(), "/");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.matches("rater=[0-9a-f]{32}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Strict"), cookie);
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher nonce = Pattern.compile("'nonce-([0-9a-f]{32})'").matcher(csp);
        assertTrue(nonce.find(), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertTrue(r.body().contains("<script nonce=\"" + nonce.group(1) + "\">"), "inline script carries the nonce");
        assertFalse(r.body().contains("{{"), "every placeholder is filled");
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void anAnswerIsStoredAndTheNextQuestionFollows() throws Exception {
        SurveyFixture.Listener c = newListener();
        JsonNode q = next(c);
        assertEquals(3, q.get("clips").size());
        assertEquals(0, q.get("answered").asInt());
        assertEquals(4, q.get("target").asInt());
        assertEquals(q.get("question"), next(c).get("question"), "the same question until it is answered");

        HttpResponse<String> r = f.postJson(c, "/api/answer", answer(q, 2));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, JSON.readTree(r.body()).get("answered").asInt());
        List<StoredAnswer> stored = f.store.allAnswers();
        assertEquals(1, stored.size());
        assertEquals(2, stored.get(0).odd());
        assertEquals(q.get("question").asLong(), stored.get(0).question().id());
        List<String> shown = List.of(q.get("clips").get(0).get("url").asText(), q.get("clips").get(1).get("url").asText(),
                q.get("clips").get(2).get("url").asText());
        assertEquals(shown, stored.get(0).question().clips().stream().map(id -> "/audio/" + id).toList());

        assertNotEquals(q.get("question"), next(c).get("question"));
    }

    @Test
    void audioIsServedByIdWithRangesAndItsContentType() throws Exception {
        SurveyFixture.Listener c = newListener();
        SurveyClip clip = f.pool.clips().get(0);
        byte[] file = Files.readAllBytes(clip.file());

        HttpResponse<byte[]> whole = f.send(c, request("/audio/" + clip.id()), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertEquals("audio/wav", whole.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElseThrow());
        assertArrayEquals(file, whole.body());

        HttpResponse<byte[]> part = f.send(c, request("/audio/" + clip.id()).header("Range", "bytes=100-199"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-199/" + file.length, part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(file, 100, 200), part.body());

        HttpResponse<byte[]> open = f.send(c, request("/audio/" + clip.id()).header("Range", "bytes=" + (file.length - 10) + "-"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, open.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, file.length - 10, file.length), open.body());

        HttpResponse<byte[]> suffix = f.send(c, request("/audio/" + clip.id()).header("Range", "bytes=-4"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, file.length - 4, file.length), suffix.body());

        HttpResponse<byte[]> past = f.send(c, request("/audio/" + clip.id()).header("Range", "bytes=" + file.length + "-"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(416, past.statusCode());
        assertEquals("bytes */" + file.length, past.headers().firstValue("Content-Range").orElseThrow());

        HttpResponse<Void> head = f.send(c, request("/audio/" + clip.id()).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals(Long.toString(file.length), head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void contentTypesFollowTheFormat() {
        assertEquals("audio/mpeg", clipOf(io.github.mecomp.embed.audio.AudioFileFormat.MP3).contentType());
        assertEquals("audio/ogg", clipOf(io.github.mecomp.embed.audio.AudioFileFormat.OGG_VORBIS).contentType());
        assertEquals("audio/flac", clipOf(io.github.mecomp.embed.audio.AudioFileFormat.FLAC).contentType());
    }

    private static SurveyClip clipOf(io.github.mecomp.embed.audio.AudioFileFormat format) {
        return new SurveyClip("0123456789ab", "x", Path.of("x"), format, 1, 1, 1);
    }

    @Test
    void pathsInRequestsNeverReachTheFileSystem() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "secret");
        for (String path : List.of("/audio/../survey.db", "/audio/..%2F..%2Fsecret.txt",
                "/audio/%2e%2e/secret.txt", "/audio/even/clip-0.wav", "/audio/000000000000", "/audio/",
                "/audio/" + f.pool.clips().get(0).id() + "/../x", "/audio/" + f.pool.clips().get(0).id().toUpperCase(),
                "/clips/even/clip-0.wav")) {
            String status = rawStatusLine("GET " + path + " HTTP/1.1");
            assertTrue(status.startsWith("HTTP/1.1 404"), path + " -> " + status);
        }
        // Paths that climb above the root are refused by the HTTP parser before any handler sees them.
        for (String path : List.of("/audio/../../secret.txt", "/../secret.txt")) {
            String status = rawStatusLine("GET " + path + " HTTP/1.1");
            assertTrue(status.startsWith("HTTP/1.1 400"), path + " -> " + status);
        }
    }

    @Test
    void hostileAnswersAreRefusedWithTheRightStatusAndNothingStored() throws Exception {
        SurveyFixture.Listener alice = newListener();
        SurveyFixture.Listener bob = newListener();
        JsonNode qa = next(alice);
        JsonNode qb = next(bob);
        long id = qa.get("question").asLong();
        String token = qa.get("token").asText();

        assertStatus(403, f.postJson(alice, "/api/answer", "{\"question\":" + id + ",\"token\":\"" + "0".repeat(32) + "\",\"odd\":1}"),
                "forged token");
        assertStatus(403, f.postJson(bob, "/api/answer", answer(qa, 1)), "another listener's question and token");
        assertStatus(404, f.postJson(alice, "/api/answer", "{\"question\":999999,\"token\":\"" + token + "\",\"odd\":1}"),
                "unknown question");
        assertStatus(403, f.postJson(alice, "/api/answer", "{\"question\":" + id + ",\"odd\":1}"), "missing token");
        assertStatus(403, f.postJson(alice, "/api/answer", "{\"question\":" + id + ",\"token\":\"<script>alert(1)</script>\",\"odd\":1}"),
                "script as token");
        assertStatus(400, f.postJson(alice, "/api/answer", "{\"question\":" + id + ",\"token\":\"" + token
                + "\",\"odd\":\"<script>alert(1)</script>\"}"), "script as answer");
        assertStatus(400, f.postJson(alice, "/api/answer", "{\"question\":" + id + ",\"token\":\"" + token
                + "\",\"odd\":1,\"note\":\"<img src=x onerror=alert(1)>\"}"), "extra field");
        assertStatus(400, f.postJson(alice, "/api/answer", "{\"question\":" + id + ",\"token\":\"" + token + "\",\"odd\":4}"),
                "odd out of range");
        assertStatus(400, f.postJson(alice, "/api/answer", "{\"question\":-1,\"token\":\"" + token + "\",\"odd\":1}"),
                "negative question");
        assertStatus(400, f.postJson(alice, "/api/answer", "{\"question\":1.5,\"token\":\"" + token + "\",\"odd\":1}"),
                "fractional question");
        assertStatus(400, f.postJson(alice, "/api/answer", "not json"), "not JSON");
        assertStatus(400, f.postJson(alice, "/api/answer", "[1,2,3]"), "not an object");
        assertStatus(413, f.postJson(alice, "/api/answer", "{\"question\":" + id + ",\"token\":\"" + token
                + "\",\"odd\":1,\"pad\":\"" + "x".repeat(4000) + "\"}"), "oversized body");
        assertStatus(415, f.send(alice, request("/api/answer").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("question=" + id + "&token=" + token + "&odd=1")),
                HttpResponse.BodyHandlers.ofString()), "form post");
        assertStatus(403, f.send(SurveyFixture.listener(), request("/api/answer").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(answer(qa, 1))), HttpResponse.BodyHandlers.ofString()),
                "no cookie");
        assertStatus(405, f.get(alice, "/api/answer"), "GET on the answer endpoint");
        assertEquals(0, f.answerCount(), "nothing stored by any refused request");

        // A cross-site page posting with the listener's cookie: the browser sends Origin, which is refused.
        String raw = rawStatusLine("POST /api/answer HTTP/1.1", "Origin: https://evil.example",
                "Cookie: rater=" + qa.get("question").asText("").replaceAll(".*", "0".repeat(32)),
                "Content-Type: application/json");
        assertTrue(raw.startsWith("HTTP/1.1 403"), raw);

        assertStatus(200, f.postJson(alice, "/api/answer", answer(qa, 1)), "the real answer");
        assertStatus(409, f.postJson(alice, "/api/answer", answer(qa, 3)), "replayed answer");
        assertStatus(200, f.postJson(bob, "/api/answer", answer(qb, 2)), "bob's own answer");
        List<StoredAnswer> stored = f.store.allAnswers();
        assertEquals(2, stored.size());
        assertEquals(1, stored.stream().filter(a -> a.question().id() == id).findFirst().orElseThrow().odd(),
                "the replay did not overwrite the first answer");
    }

    @Test
    void chunkedOversizedBodyIsRefused() throws Exception {
        SurveyFixture.Listener alice = newListener();
        JsonNode q = next(alice);
        byte[] big = ("{\"question\":" + q.get("question").asLong() + ",\"pad\":\"" + "y".repeat(100_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // No Content-Length: the server must stop reading at its limit.
        HttpResponse<String> r = f.send(alice, request("/api/answer").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(0, f.answerCount());
    }

    @Test
    void operatorPagesNeedTheTokenAndEscapeNames() throws Exception {
        f.close();
        Path weird = dir.resolve("weird");
        SurveyFixture.writeClips(weird.resolve("clips"), 3, 1.0);
        TestAudio.writeWav(weird.resolve("clips/<script>alert(1)<\u002Fscript>&.wav"), TestAudio.sine(300, 0.4, 1.0, 8000), 8000);
        f = SurveyFixture.start(weird, 0, SurveyConfig.defaults());
        SurveyFixture.Listener c = newListener();
        assertEquals(401, f.get(c, "/admin").statusCode());
        assertEquals(403, f.get(c, "/admin?token=" + "0".repeat(32)).statusCode());
        assertEquals(403, f.get(c, "/admin/answers.csv?token=nope").statusCode());
        HttpResponse<String> page = f.get(c, "/admin?token=" + f.server.adminToken());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;.wav"), page.body());
        assertFalse(page.body().contains("<script>"), "no markup from a file name");
        HttpResponse<String> bearer = f.send(c, request("/admin/triplets.csv")
                .header("Authorization", "Bearer " + f.server.adminToken()), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bearer.statusCode());
        assertEquals("anchor,positive,negative,votes,total\n", bearer.body());
    }

    @Test
    void requestsBeyondTheRateLimitAreRefused() throws Exception {
        f.close();
        f = SurveyFixture.start(dir.resolve("limited"), 5,
                SurveyConfig.defaults().withRateLimits(new RateLimit(0.01, 4), new RateLimit(1000, 1000)));
        SurveyFixture.Listener c = newListener();
        for (int i = 0; i < 4; i++) {
            assertEquals(200, f.get(c, "/api/next").statusCode());
        }
        HttpResponse<String> refused = f.get(c, "/api/next");
        assertEquals(429, refused.statusCode());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        // Another listener has its own allowance.
        assertEquals(200, f.get(newListener(), "/api/next").statusCode());

        f.close();
        f = SurveyFixture.start(dir.resolve("by-address"), 5,
                SurveyConfig.defaults().withRateLimits(new RateLimit(1000, 1000), new RateLimit(0.01, 3)));
        SurveyFixture.Listener d = SurveyFixture.listener();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, f.get(d, "/").statusCode());
        }
        assertEquals(429, f.get(d, "/").statusCode());
    }

    @Test
    void requestsNamingAnotherHostAreRefusedWhateverTheyCarry() throws Exception {
        SurveyFixture.Listener alice = newListener();
        JsonNode q = next(alice);
        int port = f.server.port();
        // A page on evil.example whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name.
        String page = rawHead("GET / HTTP/1.1", "evil.example:" + port);
        assertTrue(page.startsWith("HTTP/1.1 421"), page);
        assertTrue(page.contains("does not answer to the host name evil.example:" + port)
                && page.contains("--allowed-host"), page);
        String post = rawHead("POST /api/answer HTTP/1.1", "evil.example:" + port, alice.cookie.replace("rater=", "Cookie: rater="),
                "Content-Type: application/json", "Content-Length: " + answer(q, 1).length() + "\r\n\r\n" + answer(q, 1));
        assertTrue(post.startsWith("HTTP/1.1 421"), post);
        assertEquals(0, f.answerCount(), "a rebound page cannot answer");
        String admin = rawHead("GET /admin?token=" + f.server.adminToken() + " HTTP/1.1", "evil.example");
        assertTrue(admin.startsWith("HTTP/1.1 421"), admin);

        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port)) {
            String ok = rawHead("GET /audio/" + f.pool.clips().get(0).id() + " HTTP/1.1", host);
            assertTrue(ok.startsWith("HTTP/1.1 200"), host + " -> " + ok);
        }
        String none = rawHead("GET / HTTP/1.0", null);
        assertTrue(none.startsWith("HTTP/1.1 400"), "no Host at all -> " + none);
    }

    @Test
    void everyReplyCarriesAContentSecurityPolicyAndTheUsualHeaders() throws Exception {
        SurveyFixture.Listener c = newListener();
        JsonNode q = next(c);
        String token = f.server.adminToken();
        String host = "127.0.0.1:" + f.server.port();
        List<String> requests = List.of("GET / HTTP/1.1", "GET /api/next HTTP/1.1",
                "GET /audio/" + f.pool.clips().get(0).id() + " HTTP/1.1", "GET /admin?token=" + token + " HTTP/1.1",
                "GET /admin HTTP/1.1", "GET /admin/triplets.csv?token=" + token + " HTTP/1.1",
                "GET /admin/answers.csv?token=" + token + " HTTP/1.1", "GET /nowhere HTTP/1.1",
                "DELETE / HTTP/1.1", "GET /../escape HTTP/1.1");
        for (String r : requests) {
            String head = rawHead(r, host, c.cookie.replace("rater=", "Cookie: rater="));
            checkSecurityHeaders(r, head);
        }
        checkSecurityHeaders("rebound", rawHead("GET / HTTP/1.1", "evil.example"));
        // A head Jetty refuses itself, before any handler.
        checkSecurityHeaders("oversized head", rawHead("GET / HTTP/1.1", host, "X-Pad: " + "p".repeat(20_000)));
        assertTrue(q.has("question"));
    }

    private static void checkSecurityHeaders(String request, String head) {
        String csp = headerValue(head, "Content-Security-Policy");
        assertTrue(csp != null && csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
                request + ":\n" + head);
        assertEquals("nosniff", headerValue(head, "X-Content-Type-Options"), request + ":\n" + head);
        assertEquals("no-referrer", headerValue(head, "Referrer-Policy"), request + ":\n" + head);
        assertEquals("DENY", headerValue(head, "X-Frame-Options"), request + ":\n" + head);
    }

    private static String headerValue(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Test
    void aPortInUseIsNamedWithWhatToDo() throws Exception {
        int taken = f.server.port();
        java.net.BindException e = org.junit.jupiter.api.Assertions.assertThrows(java.net.BindException.class,
                () -> SurveyServer.start(new java.net.InetSocketAddress("127.0.0.1", taken), f.pool, f.store,
                        java.util.Map.of(), SurveyConfig.defaults()));
        assertTrue(e.getMessage().startsWith("127.0.0.1:" + taken + " is already in use"), e.getMessage());
        assertTrue(e.getMessage().contains("--port"), e.getMessage());
        assertEquals(200, f.get(SurveyFixture.listener(), "/").statusCode(), "the first server still serves");
    }

    @Test
    void theFewestAndTheMostHandlerThreadsBothServe() throws Exception {
        for (int threads : new int[] {1, 256}) {
            f.close();
            f = SurveyFixture.start(dir.resolve("threads-" + threads), 3, SurveyConfig.defaults().withThreads(threads));
            assertEquals(200, f.get(SurveyFixture.listener(), "/").statusCode(), threads + " thread(s)");
        }
    }

    private HttpRequest.Builder request(String path) {
        return f.request(path);
    }

    private static void assertStatus(int expected, HttpResponse<String> r, String what) {
        assertEquals(expected, r.statusCode(), what + ": " + r.body());
    }

    /** Sends a request as written, without a client that would normalise the path, and returns the status line. */
    private String rawStatusLine(String requestLine, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1:").append(f.server.port())
                    .append("\r\nConnection: close\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append(requestLine.startsWith("POST") ? "Content-Length: 2\r\n\r\n{}" : "\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.append((char) b);
            }
            return line.toString().trim();
        }
    }

    /**
     * Sends a request as written, with the given {@code Host} (none if null), and returns the reply's status
     * line and headers plus whatever of the body came with them.
     */
    private String rawHead(String requestLine, String host, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(requestLine).append("\r\n");
            if (host != null) {
                req.append("Host: ").append(host).append("\r\n");
            }
            req.append("Connection: close\r\n");
            boolean hasBody = false;
            for (String h : headers) {
                req.append(h).append("\r\n");
                hasBody |= h.startsWith("Content-Length");
            }
            if (!hasBody) {
                req.append("\r\n");
            }
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] reply = s.getInputStream().readNBytes(64 * 1024);
            return new String(reply, StandardCharsets.ISO_8859_1);
        }
    }
}
