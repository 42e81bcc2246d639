package io.github.mecomp.embed.survey;

import io.github.mecomp.embed.TestAudio;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A clip folder of short synthesised WAVs, a store and a running server on loopback, for the survey tests. */
final class SurveyFixture implements AutoCloseable {

    static final int RATE = 8_000;

    final Path clips;
    final SurveyStore store;
    final ClipPool pool;
    final SurveyServer server;
    final URI base;

    private SurveyFixture(Path clips, SurveyStore store, ClipPool pool, SurveyServer server) {
        this.clips = clips;
        this.store = store;
        this.pool = pool;
        this.server = server;
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    /** {@code count} clips of {@code seconds} each, sines a fifth apart, in two sub-folders. */
    static Path writeClips(Path dir, int count, double seconds) throws IOException {
        for (int i = 0; i < count; i++) {
            double hz = 220 * Math.pow(1.5, i % 6) * (1 + i / 6);
            TestAudio.writeWav(dir.resolve((i % 2 == 0 ? "even" : "odd") + "/clip-" + i + ".wav"),
                    TestAudio.sine(hz, 0.4, seconds, RATE), RATE);
        }
        return dir;
    }

    static SurveyFixture start(Path dir, int clipCount, SurveyConfig config) throws IOException {
        return start(dir, clipCount, config, Map.of());
    }

    static SurveyFixture start(Path dir, int clipCount, SurveyConfig config, Map<String, float[]> embeddingsByPath)
            throws IOException {
        return start(dir, clipCount, 1.0, config, embeddingsByPath);
    }

    static SurveyFixture start(Path dir, int clipCount, double clipSeconds, SurveyConfig config,
                               Map<String, float[]> embeddingsByPath) throws IOException {
        Path clips = writeClips(dir.resolve("clips"), clipCount, clipSeconds);
        SurveyStore store = SurveyStore.open(dir.resolve("survey.db"));
        ClipPool pool = ClipPool.scan(clips, store.knownClips(clips));
        SurveyServer server = SurveyServer.start(new InetSocketAddress("127.0.0.1", 0), pool, store,
                SurveyEmbeddings.match(embeddingsByPath, pool.clips()), config);
        return new SurveyFixture(clips, store, pool, server);
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One listener: the survey's cookie, kept by hand so that the test sees exactly what is sent. */
    static final class Listener {
        volatile String cookie;
    }

    static Listener listener() {
        return new Listener();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    }

    <T> HttpResponse<T> send(Listener who, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return send(base, who, request, body);
    }

    /** Sends with the listener's cookie and keeps a cookie the server sets. */
    static <T> HttpResponse<T> send(URI base, Listener who, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(20));
        if (who.cookie != null) {
            request.header("Cookie", who.cookie);
        }
        HttpResponse<T> r = CLIENT.send(request.build(), body);
        r.headers().firstValue("Set-Cookie").ifPresent(c -> who.cookie = c.substring(0, c.indexOf(';')));
        return r;
    }

    HttpResponse<String> get(Listener who, String path) throws IOException, InterruptedException {
        return send(who, request(path).GET(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(Listener who, String path, String json) throws IOException, InterruptedException {
        return send(who, request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString());
    }

    long answerCount() throws IOException {
        return store.allAnswers().size();
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
