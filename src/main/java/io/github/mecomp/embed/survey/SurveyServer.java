package io.github.mecomp.embed.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The listening survey over HTTP: one self-contained page, a JSON API for questions and answers, the clips by
 * id, and an operator page behind a token.
 *
 * <pre>
 * GET  /                 the page; gives a new listener an anonymous id in a cookie
 * GET  /api/next         the listener's current question (the same one until it is answered)
 * POST /api/answer       {"question": id, "token": "...", "odd": 1|2|3}: committed before the reply
 * GET  /audio/ID         a registered clip, with byte ranges
 * GET  /admin?token=T    the operator page; /admin/triplets.csv, /admin/songs.csv, /admin/answers.csv
 * </pre>
 *
 * <p>Every input is checked against a strict form before use: the {@code Host} header against the names the
 * survey answers to, ids and tokens as fixed-length hex, answers as a small JSON object with exactly three
 * fields. Answers need the question's one-time token, which only a same-origin script can read, plus a
 * same-site cookie; a cross-site {@code Origin} is refused. Requests are limited per listener and per address.
 *
 * <p>Served by an embedded Jetty: it reads requests without blocking a thread, so a client that sends its
 * request slowly holds a connection but no worker, and {@link ServerLimits} bound how long it holds even that
 * and how many connections are open at once. Handlers run on a bounded pool of {@link SurveyConfig#threads()}.
 */
public final class SurveyServer implements AutoCloseable {

    /** An answer is about 80 bytes; anything much larger is not one. */
    static final int MAX_BODY_BYTES = 1024;
    /** An oversized body up to this size is read to its end before the refusal, so that the client sees it. */
    static final int MAX_DRAIN_BYTES = 256 * 1024;
    static final String COOKIE = "rater";
    /** Every reply carries it; the survey page replaces it with one that lets its own script and style run. */
    static final String DEFAULT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final int COOKIE_MAX_AGE = 365 * 24 * 3600;
    private static final int LOCK_STRIPES = 64;
    /** Jetty's acceptor and selector threads, on top of the request handlers. */
    private static final int JETTY_THREADS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ANSWER_FIELDS = Set.of("question", "token", "odd");

    private final Server jetty;
    private final ServerConnector connector;
    private final ConnectionDeadlines deadlines;
    private final HostPolicy hosts;
    private final ClipPool pool;
    private final SurveyStore store;
    private final SurveyConfig config;
    private final TripletPicker picker;
    private final RateLimiter perRater;
    private final RateLimiter perAddress;
    private final String adminToken;
    private final String page;
    private final Object[] raterLocks = new Object[LOCK_STRIPES];
    private final AtomicInteger internalErrors = new AtomicInteger();

    private SurveyServer(InetSocketAddress address, HostPolicy hosts, ClipPool pool, SurveyStore store,
                         SurveyConfig config, TripletPicker picker, String page) {
        this.hosts = hosts;
        this.pool = pool;
        this.store = store;
        this.config = config;
        this.picker = picker;
        this.page = page;
        this.perRater = new RateLimiter(config.raterLimit(), System::nanoTime);
        this.perAddress = new RateLimiter(config.addressLimit(), System::nanoTime);
        this.adminToken = Tokens.next();
        for (int i = 0; i < LOCK_STRIPES; i++) {
            raterLocks[i] = new Object();
        }
        ServerLimits limits = config.limits();
        QueuedThreadPool threads = new QueuedThreadPool(config.threads() + JETTY_THREADS,
                Math.min(4, config.threads() + JETTY_THREADS));
        threads.setName("survey-http");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        // Paths are matched as sent, never decoded into file names: let odd ones reach the handler for a 404.
        http.setUriCompliance(UriCompliance.UNSAFE);
        this.connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        this.deadlines = new ConnectionDeadlines(limits);
        connector.addEventListener(deadlines);
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        jetty.setHandler(new GracefulHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                SurveyServer.this.handle(request, response, callback);
                return true;
            }
        }));
        jetty.setErrorHandler(new PlainErrors());
        jetty.setStopTimeout(5_000);
    }

    /**
     * Registers the pool's clips in the store and starts serving, answering to the host names
     * {@link HostPolicy#forBind} gives for the address.
     *
     * @param embeddings vectors by clip id for choosing uncertain triplets; may be empty
     */
    public static SurveyServer start(InetSocketAddress address, ClipPool pool, SurveyStore store,
                                     Map<String, float[]> embeddings, SurveyConfig config) throws IOException {
        return start(address, HostPolicy.forBind(address, List.of()), pool, store, embeddings, config);
    }

    /**
     * Registers the pool's clips in the store and starts serving.
     *
     * @param hosts      the host names requests may name in {@code Host}; others are refused with 421
     * @param embeddings vectors by clip id for choosing uncertain triplets; may be empty
     * @throws BindException naming the address and port when another program listens there
     */
    public static SurveyServer start(InetSocketAddress address, HostPolicy hosts, ClipPool pool, SurveyStore store,
                                     Map<String, float[]> embeddings, SurveyConfig config) throws IOException {
        store.registerClips(pool.clips());
        TripletPicker picker = new TripletPicker(pool.clips().stream().map(SurveyClip::id).toList(), embeddings, config);
        String page;
        try (InputStream in = SurveyServer.class.getResourceAsStream("/survey/page.html")) {
            if (in == null) {
                throw new IllegalStateException("survey page missing from the jar (survey/page.html)");
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SurveyServer server = new SurveyServer(address, hosts, pool, store, config, picker, page);
        try {
            server.jetty.start();
        } catch (Exception e) {
            server.close();
            if (causedBy(e, BindException.class)) {
                String where = address.getHostString() + ":" + address.getPort();
                BindException b = new BindException(where + " is already in use: another survey or another program"
                        + " listens there. Stop it, or choose another port with --port (--port 0 picks a free one).");
                b.initCause(e);
                throw b;
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start the survey's server on " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
        return server;
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The operator's token, printed at start-up; it changes on every start. */
    public String adminToken() {
        return adminToken;
    }

    /** The host names requests may name in their {@code Host} header. */
    public HostPolicy hosts() {
        return hosts;
    }

    public boolean usesEmbeddings() {
        return picker.hasEmbeddings();
    }

    /** Requests that failed on a bug rather than on their input (500): zero in a healthy run. */
    public int internalErrors() {
        return internalErrors.get();
    }

    /** Connections closed so far because their request head or body did not arrive in time. */
    public long connectionsClosedForDeadline() {
        return deadlines.closedForDeadline();
    }

    /** Lets requests under way finish (up to 5 s), then stops listening and closes every connection. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            System.err.println("survey: stopping the server: " + e);
        } finally {
            deadlines.close();
        }
    }

    /** Jetty's own refusals (a malformed request, a head too large) as plain text with the survey's headers. */
    private static final class PlainErrors extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            securityHeaders(fields);
            fields.put("Content-Type", "text/plain; charset=utf-8");
            return ByteBuffer.wrap(((reason == null ? "bad request" : reason) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) {
            securityHeaders(response.getHeaders());
            response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
            String text = (message == null ? "error " + code : message) + "\n";
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    static void securityHeaders(HttpFields.Mutable h) {
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Cache-Control", "no-store");
        h.put("Content-Security-Policy", DEFAULT_CSP);
    }

    /** One request and its reply, with the few operations the handlers use. */
    private static final class Exchange {
        final Request request;
        final Response response;

        Exchange(Request request, Response response) {
            this.request = request;
            this.response = response;
        }

        String method() {
            return request.getMethod();
        }

        /** The path as sent, not decoded: only ever matched against fixed forms. */
        String rawPath() {
            return request.getHttpURI().getPath();
        }

        String rawQuery() {
            return request.getHttpURI().getQuery();
        }

        String header(String name) {
            return request.getHeaders().get(name);
        }

        List<String> headers(String name) {
            return request.getHeaders().getValuesList(name);
        }

        String remoteAddress() {
            return Request.getRemoteAddr(request);
        }

        Connection connection() {
            return request.getConnectionMetaData().getConnection();
        }

        void setHeader(String name, String value) {
            response.getHeaders().put(name, value);
        }

        void addHeader(String name, String value) {
            response.getHeaders().add(name, value);
        }

        boolean committed() {
            return response.isCommitted();
        }

        InputStream body() {
            return Request.asInputStream(request);
        }
    }

    // ---- dispatch ----

    private void handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response);
        Connection connection = ex.connection();
        deadlines.headReceived(connection);
        String path = ex.rawPath();
        boolean api = path.startsWith("/api/");
        Throwable abort = null;
        try {
            securityHeaders(response.getHeaders());
            if (!hosts.allows(ex.header("Host"))) {
                throw misdirected(ex.header("Host"));
            }
            if (!perAddress.tryAcquire(ex.remoteAddress())) {
                throw tooMany();
            }
            String method = ex.method();
            if (path.equals("/")) {
                requireMethod(method, "GET");
                servePage(ex);
            } else if (path.equals("/api/next")) {
                requireMethod(method, "GET");
                next(ex);
            } else if (path.equals("/api/answer")) {
                requireMethod(method, "POST");
                answer(ex);
            } else if (path.startsWith("/audio/")) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    throw notAllowed("GET, HEAD");
                }
                audio(ex, path.substring("/audio/".length()), method.equals("HEAD"));
            } else if (path.equals("/admin") || path.startsWith("/admin/")) {
                requireMethod(method, "GET");
                admin(ex, path);
            } else {
                throw new HttpFailure(404, "not found");
            }
        } catch (HttpFailure f) {
            abort = fail(ex, f, api);
        } catch (IOException | UncheckedIOException e) {
            // Mostly a listener who closed the page mid-reply; a store failure is reported as a 500.
            abort = e;
            if (!ex.committed()) {
                internalErrors.incrementAndGet();
                System.err.println("survey: " + e.getMessage());
                abort = fail(ex, new HttpFailure(500, "the server could not complete the request; try again"), api);
            }
        } catch (RuntimeException e) {
            internalErrors.incrementAndGet();
            System.err.println("survey: internal error on " + ex.method() + " " + path + ": " + e);
            e.printStackTrace();
            abort = e;
            if (!ex.committed()) {
                abort = fail(ex, new HttpFailure(500, "internal error"), api);
            }
        }
        if (abort == null) {
            deadlines.replySent(connection);
            callback.succeeded();
        } else {
            callback.failed(abort);
        }
    }

    /** A request for a host name this survey does not serve: a page on another site, re-pointed at this machine. */
    private HttpFailure misdirected(String host) {
        if (host == null) {
            return new HttpFailure(400, "the request has no Host header");
        }
        String shown = host.length() > 100 ? host.substring(0, 100) + "..." : host;
        shown = shown.replaceAll("[^\\x20-\\x7e]", "?");
        return new HttpFailure(421, "this survey does not answer to the host name " + shown + "; its operator can"
                + " allow it with --allowed-host");
    }

    private static void requireMethod(String method, String allowed) throws HttpFailure {
        if (!method.equals(allowed)) {
            throw notAllowed(allowed);
        }
    }

    private static HttpFailure notAllowed(String allowed) {
        return new HttpFailure(405, "method not allowed; use " + allowed);
    }

    private static HttpFailure tooMany() {
        return new HttpFailure(429, "too many requests; wait a moment");
    }

    /** Sends the refusal; returns what went wrong if it could not be sent (the client is gone). */
    private Throwable fail(Exchange ex, HttpFailure f, boolean api) {
        try {
            if (!ex.committed() && !drainWithinDeadline(ex)) {
                // The rest of the body would be read as the next request: end the connection instead.
                ex.setHeader("Connection", "close");
            }
            if (f.status() == 405) {
                ex.setHeader("Allow", f.getMessage().substring(f.getMessage().indexOf("use ") + 4));
            } else if (f.status() == 429) {
                ex.setHeader("Retry-After", "1");
            } else if (f.status() == 401) {
                ex.setHeader("WWW-Authenticate", "Bearer realm=\"survey operator\"");
            }
            if (api) {
                send(ex, f.status(), "application/json", json(Map.of("error", f.getMessage())));
            } else {
                send(ex, f.status(), "text/plain; charset=utf-8", (f.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    // ---- the page ----

    private void servePage(Exchange ex) throws IOException {
        String rater = raterCookie(ex);
        if (rater == null || !store.raterExists(rater)) {
            rater = Tokens.next();
            store.createRater(rater, System.currentTimeMillis());
            ex.addHeader("Set-Cookie", COOKIE + "=" + rater + "; Path=/; Max-Age=" + COOKIE_MAX_AGE
                    + "; HttpOnly; SameSite=Strict");
        }
        String nonce = Tokens.next();
        ex.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce
                + "'; style-src 'nonce-" + nonce + "'; media-src 'self'; connect-src 'self'; img-src 'self' data:;"
                + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        String html = page.replace("{{NONCE}}", nonce)
                .replace("{{TARGET}}", Integer.toString(config.questionsPerSession()));
        send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    // ---- questions and answers ----

    private String requireRater(Exchange ex) throws HttpFailure, IOException {
        String rater = raterCookie(ex);
        if (rater == null || !store.raterExists(rater)) {
            throw new HttpFailure(403, "no listener cookie: open the survey page first (cookies must be enabled)");
        }
        if (!perRater.tryAcquire(rater)) {
            throw tooMany();
        }
        return rater;
    }

    private void next(Exchange ex) throws HttpFailure, IOException {
        String rater = requireRater(ex);
        Question q;
        // One question at a time per listener, even if the page asks twice at once.
        synchronized (raterLocks[Math.floorMod(rater.hashCode(), LOCK_STRIPES)]) {
            q = store.outstanding(rater);
            if (q != null && !q.clips().stream().allMatch(id -> pool.byId(id) != null)) {
                q = null;  // a clip of it left the folder since it was shown: ask another (the newest unanswered wins)
            }
            if (q == null) {
                TripletPicker.Choice choice = picker.pick(rater, store);
                long listenMs = 0;
                for (String id : choice.clips()) {
                    listenMs += Math.round(1000 * pool.byId(id).excerptLength(config.excerptSeconds()));
                }
                q = store.addQuestion(rater, choice.clips(), choice.kind(), choice.repeatOf(), Tokens.next(),
                        System.currentTimeMillis(), listenMs);
            }
        }
        List<Map<String, Object>> clips = new ArrayList<>();
        String[] labels = {"A", "B", "C"};
        for (int i = 0; i < 3; i++) {
            SurveyClip c = pool.byId(q.clips().get(i));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", labels[i]);
            m.put("url", "/audio/" + c.id());
            m.put("start", round(c.excerptStart(config.excerptSeconds())));
            m.put("length", round(c.excerptLength(config.excerptSeconds())));
            clips.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", q.id());
        body.put("token", q.token());
        body.put("clips", clips);
        body.put("answered", store.answerCount(rater));
        body.put("target", config.questionsPerSession());
        send(ex, 200, "application/json", json(body));
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private void answer(Exchange ex) throws HttpFailure, IOException {
        String rater = requireRater(ex);
        checkOrigin(ex);
        String type = ex.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpFailure(415, "an answer is sent as application/json");
        }
        JsonNode body;
        deadlines.bodyStarted(ex.connection());
        try {
            body = parseBody(ex);
        } catch (IOException e) {
            // The client stopped sending, or was cut off at the body deadline: its failure, not the server's.
            throw new HttpFailure(408, "the answer did not arrive in time; send it again");
        } finally {
            deadlines.bodyReceived(ex.connection());
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ANSWER_FIELDS.contains(name)) {
                throw new HttpFailure(400, "unexpected field in the answer; expected question, token and odd");
            }
        }
        JsonNode token = body.get("token");
        if (token == null || !token.isTextual() || token.asText().isEmpty()) {
            throw new HttpFailure(403, "the answer carries no token; reload the page");
        }
        if (!Tokens.wellFormed(token.asText())) {
            throw new HttpFailure(403, "the answer's token is not valid; reload the page");
        }
        JsonNode question = body.get("question");
        if (question == null || !question.isIntegralNumber() || !question.canConvertToLong() || question.asLong() < 1) {
            throw new HttpFailure(400, "question must be a positive whole number");
        }
        JsonNode odd = body.get("odd");
        if (odd == null || !odd.isIntegralNumber() || odd.asLong() < 1 || odd.asLong() > 3) {
            throw new HttpFailure(400, "odd must be 1, 2 or 3: the position of the clip left out");
        }
        SurveyStore.Outcome outcome = store.answer(question.asLong(), rater, token.asText(), odd.asInt(),
                System.currentTimeMillis());
        switch (outcome) {
            case STORED -> {
                Map<String, Object> reply = new LinkedHashMap<>();
                reply.put("answered", store.answerCount(rater));
                reply.put("target", config.questionsPerSession());
                send(ex, 200, "application/json", json(reply));
            }
            case UNKNOWN_QUESTION -> throw new HttpFailure(404, "no such question");
            case FORGED -> throw new HttpFailure(403, "this answer does not match a question shown to you");
            case ALREADY_ANSWERED -> throw new HttpFailure(409, "this question was answered already");
        }
    }

    /** Browsers send Origin on a POST; one from another site is a cross-site request, whatever else it carries. */
    private static void checkOrigin(Exchange ex) throws HttpFailure {
        String origin = ex.header("Origin");
        if (origin == null) {
            return;
        }
        String host = ex.header("Host");
        URI o;
        try {
            o = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(403, "cross-site answers are refused");
        }
        String originHost = o.getPort() == -1 ? o.getHost() : o.getHost() + ":" + o.getPort();
        if (host == null || originHost == null || !originHost.equalsIgnoreCase(host)) {
            throw new HttpFailure(403, "cross-site answers are refused");
        }
    }

    private static JsonNode parseBody(Exchange ex) throws HttpFailure, IOException {
        String length = ex.header("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new HttpFailure(400, "bad Content-Length");
            }
            if (declared > MAX_BODY_BYTES) {
                if (declared <= MAX_DRAIN_BYTES) {
                    drain(ex);
                }
                throw new HttpFailure(413, "an answer is at most " + MAX_BODY_BYTES + " bytes");
            }
        }
        byte[] bytes;
        InputStream in = ex.body();
        bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            drain(ex);
            throw new HttpFailure(413, "an answer is at most " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new HttpFailure(400, "an answer is a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new HttpFailure(400, "the answer is not valid JSON");
        }
    }

    /**
     * Reads and discards the rest of a moderately oversized body, so that the client, still sending, reads
     * the refusal instead of a connection reset; true when the body ended within {@link #MAX_DRAIN_BYTES}.
     */
    private static boolean drain(Exchange ex) throws IOException {
        InputStream in = ex.body();
        long left = MAX_DRAIN_BYTES;
        byte[] sink = new byte[8192];
        int n = 0;
        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
            left -= n;
        }
        return n < 0;
    }

    /**
     * Reads what is left of a refused request's body (an unread body would end the connection without a
     * word to the client, which then fails its next request); false if it is too large or does not come.
     */
    private boolean drainWithinDeadline(Exchange ex) {
        deadlines.bodyStarted(ex.connection());
        try {
            return drain(ex);
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            deadlines.bodyReceived(ex.connection());
        }
    }

    // ---- audio ----

    private void audio(Exchange ex, String id, boolean head) throws HttpFailure, IOException {
        // Only a registered id reaches the file system; the request never names a path.
        SurveyClip clip = SurveyClip.ID.matcher(id).matches() ? pool.byId(id) : null;
        if (clip == null) {
            throw new HttpFailure(404, "no such clip");
        }
        try (FileChannel file = FileChannel.open(clip.file(), StandardOpenOption.READ)) {
            long size = file.size();
            ByteRange range;
            try {
                range = ByteRange.parse(ex.header("Range"), size);
            } catch (HttpFailure f) {
                ex.setHeader("Content-Range", "bytes */" + size);
                throw f;
            }
            ex.setHeader("Accept-Ranges", "bytes");
            ex.setHeader("Content-Type", clip.contentType());
            ex.setHeader("Cache-Control", "private, max-age=3600");
            long first = 0;
            long length = size;
            int status = 200;
            if (range != null) {
                status = 206;
                first = range.first();
                length = range.length();
                ex.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
            }
            ex.response.setStatus(status);
            ex.setHeader("Content-Length", Long.toString(length));
            if (head) {
                Content.Sink.write(ex.response, true, ByteBuffer.allocate(0));
                return;
            }
            try (OutputStream out = Content.Sink.asOutputStream(ex.response)) {
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                long position = first;
                long remaining = length;
                while (remaining > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                    int n = file.read(buffer, position);
                    if (n < 0) {
                        throw new IOException(clip.file() + " shrank while being sent");
                    }
                    out.write(buffer.array(), 0, n);
                    position += n;
                    remaining -= n;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new HttpFailure(404, "the clip's file is gone");
        }
    }

    // ---- operator ----

    private void admin(Exchange ex, String path) throws HttpFailure, IOException {
        String given = query(ex).get("token");
        String auth = ex.header("Authorization");
        if (given == null && auth != null && auth.startsWith("Bearer ")) {
            given = auth.substring("Bearer ".length()).trim();
        }
        if (given == null || given.isEmpty()) {
            throw new HttpFailure(401, "the operator pages need the token printed at start-up (?token=...)");
        }
        if (!Tokens.equal(adminToken, given)) {
            throw new HttpFailure(403, "wrong operator token");
        }
        List<StoredAnswer> answers = store.allAnswers();
        Map<String, String> paths = new LinkedHashMap<>();
        store.clipInfo().forEach((id, info) -> paths.put(id, info.path()));
        CleaningConfig cleaning = CleaningConfig.defaults();
        switch (path) {
            case "/admin" -> send(ex, 200, "text/html; charset=utf-8",
                    adminPage(SurveyCleaning.clean(answers, paths, cleaning), cleaning).getBytes(StandardCharsets.UTF_8));
            case "/admin/triplets.csv" -> csv(ex, "triplets.csv",
                    SurveyExport.tripletsCsv(SurveyCleaning.clean(answers, paths, cleaning)));
            case "/admin/songs.csv" -> csv(ex, "songs.csv",
                    SurveyExport.songsCsv(SurveyCleaning.clean(answers, paths, cleaning)));
            case "/admin/answers.csv" -> csv(ex, "answers.csv", SurveyExport.answersCsv(answers, paths));
            default -> throw new HttpFailure(404, "not found");
        }
    }

    private void csv(Exchange ex, String name, String text) throws IOException {
        ex.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        send(ex, 200, "text/csv; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private String adminPage(CleanedSurvey cleaned, CleaningConfig cleaning) throws IOException {
        StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Survey operator</title></head><body><h1>Listening survey: operator</h1><table>");
        for (Map.Entry<String, Long> e : store.counts().entrySet()) {
            b.append("<tr><th align=\"left\">").append(Html.escape(e.getKey())).append("</th><td>")
                    .append(e.getValue()).append("</td></tr>");
        }
        b.append("</table><h2>After cleaning</h2><ul>");
        for (String line : SurveyReport.lines(cleaned, cleaning)) {
            b.append("<li>").append(Html.escape(line)).append("</li>");
        }
        String t = Html.escape(URLEncoder.encode(adminToken, StandardCharsets.UTF_8));
        b.append("</ul><h2>Export</h2><ul>")
                .append("<li><a href=\"/admin/triplets.csv?token=").append(t).append("\">triplets.csv</a> (anchor,positive,negative,votes,total)</li>")
                .append("<li><a href=\"/admin/songs.csv?token=").append(t).append("\">songs.csv</a> (song1,song2,song3,anchor,positive,votes,total)</li>")
                .append("<li><a href=\"/admin/answers.csv?token=").append(t).append("\">answers.csv</a> (every answer)</li>")
                .append("</ul><h2>Clips</h2><ol>");
        for (SurveyClip c : pool.clips()) {
            b.append("<li>").append(Html.escape(c.path())).append(String.format(Locale.ROOT, " (%.1f s)", c.seconds()))
                    .append("</li>");
        }
        return b.append("</ol></body></html>").toString();
    }

    // ---- helpers ----

    private static String raterCookie(Exchange ex) {
        List<String> headers = ex.headers("Cookie");
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(COOKIE + "=")) {
                    String value = p.substring(COOKIE.length() + 1);
                    return Tokens.wellFormed(value) ? value : null;
                }
            }
        }
        return null;
    }

    private static Map<String, String> query(Exchange ex) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = ex.rawQuery();
        if (raw == null || raw.length() > 2048) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed escape: treat as absent
                }
            }
        }
        return out;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON of plain maps", e);
        }
    }

    private static void send(Exchange ex, int status, String type, byte[] body) throws IOException {
        ex.response.setStatus(status);
        ex.setHeader("Content-Type", type);
        ex.setHeader("Content-Length", Integer.toString(body.length));
        Content.Sink.write(ex.response, true, ByteBuffer.wrap(body));
    }
}
