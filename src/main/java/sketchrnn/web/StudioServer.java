package sketchrnn.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import sketchrnn.data.BadInputException;
import sketchrnn.data.JsonSyntax;

/**
 * The web studio's HTTP server: the page's static files from a fixed allow-list ({@link Assets}) and the
 * JSON API ({@link StudioApi}).
 *
 * <p>Connections are read by {@link GuardedHttp}: each request whole (head within
 * {@link #HEAD_TIMEOUT_MILLIS}, body within {@link #BODY_TIMEOUT_MILLIS}, at most {@link #MAX_CONNECTIONS}
 * connections) on a connection thread of its own, so slow clients never hold the threads that serve.
 * Threads: {@code httpThreads} handle complete requests; model work runs on
 * {@code computeThreads} with at most {@code maxQueued} computations waiting (more: 503 at once). A request
 * whose answer is not ready within the time limit gets 503; its computation, already bounded by the
 * model's {@code max_seq_len}, finishes in the background and is dropped. Every error is JSON
 * {@code {"error": "..."}}: 400 bad request (over a limit, malformed), 403 wrong Host on a loopback
 * server, 404 unknown path, 405 wrong method, 415 a body that is not JSON, 503 busy or too slow, 500
 * an internal error (its stack trace goes to the server's log, never to the client).
 *
 * <p>On a loopback address the server answers only requests whose {@code Host} is a loopback name, so a
 * web page elsewhere cannot reach it through DNS rebinding.
 */
public final class StudioServer implements AutoCloseable {
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Longest a client may take to send a request's head, and then its body. */
    static final long HEAD_TIMEOUT_MILLIS = 10_000;
    static final long BODY_TIMEOUT_MILLIS = 20_000;
    /** Most connections open at once (each reading a request or waiting for its answer). */
    static final int MAX_CONNECTIONS = 512;

    private final GuardedHttp http;
    private final ThreadPoolExecutor httpPool;
    private final ThreadPoolExecutor computePool;
    private final StudioApi api;
    private final Assets assets;
    private final StudioLimits limits;
    private final boolean loopback;
    private final PrintStream log;

    private StudioServer(GuardedHttp http, ThreadPoolExecutor httpPool, ThreadPoolExecutor computePool, StudioApi api,
                         Assets assets, StudioLimits limits, boolean loopback, PrintStream log) {
        this.http = http;
        this.httpPool = httpPool;
        this.computePool = computePool;
        this.api = api;
        this.assets = assets;
        this.limits = limits;
        this.loopback = loopback;
        this.log = log;
    }

    /**
     * Starts serving {@code models} on {@code host:port} (port 0: any free port). The models stay the
     * caller's: close them after {@link #close()}.
     *
     * @param log where internal errors are reported
     */
    public static StudioServer start(String host, int port, StudioModels models, StudioLimits limits, PrintStream log)
            throws IOException {
        return start(host, port, models, limits, log, HEAD_TIMEOUT_MILLIS, BODY_TIMEOUT_MILLIS, MAX_CONNECTIONS);
    }

    /** As {@link #start(String, int, StudioModels, StudioLimits, PrintStream)} with the connection limits given. */
    static StudioServer start(String host, int port, StudioModels models, StudioLimits limits, PrintStream log,
                              long headTimeoutMillis, long bodyTimeoutMillis, int maxConnections) throws IOException {
        if (models.isEmpty()) {
            throw new BadInputException("no models to serve");
        }
        if (port < 0 || port > 65535) {
            throw new BadInputException("port " + port + " is outside 0..65535");
        }
        InetAddress address = InetAddress.getByName(host);
        Assets assets = Assets.load();
        for (String id : models.ids()) {
            models.units(id); // measure each model's sketch size now, not during someone's first request
        }
        ThreadPoolExecutor httpPool = new ThreadPoolExecutor(limits.httpThreads(), limits.httpThreads(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads("studio-http-"));
        ThreadPoolExecutor computePool = new ThreadPoolExecutor(limits.computeThreads(), limits.computeThreads(), 30,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(limits.maxQueued()), threads("studio-compute-"));
        StudioServer[] self = new StudioServer[1];
        GuardedHttp http;
        try {
            http = new GuardedHttp(new InetSocketAddress(address, port), httpPool, ex -> self[0].handle(ex),
                    limits.maxBodyBytes(), headTimeoutMillis, bodyTimeoutMillis, limits.timeLimit().toMillis() + 5000,
                    maxConnections);
        } catch (IOException e) {
            httpPool.shutdown();
            computePool.shutdown();
            throw new BadInputException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        StudioServer server = new StudioServer(http, httpPool, computePool, new StudioApi(models, limits, computePool), assets,
                limits, address.isLoopbackAddress(), log);
        self[0] = server;
        return server;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The address the server listens on (with the actual port). */
    public InetSocketAddress address() {
        return http.address();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    // ---- one exchange ----

    private void handle(HttpExchange ex) {
        long start = System.nanoTime();
        Reply reply;
        try {
            reply = route(ex, start);
        } catch (ApiException e) {
            reply = Reply.error(e.status(), e.getMessage());
        } catch (RuntimeException | Error e) {
            reply = internalError(ex, e);
        }
        send(ex, reply);
    }

    private Reply route(HttpExchange ex, long start) {
        checkHost(ex.getRequestHeaders());
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        if (path == null) {
            throw new ApiException(404, "no such page");
        }
        if (path.equals("/api/models")) {
            allow(ex, method, "GET");
            return api.models();
        }
        if (StudioApi.POST_PATHS.contains(path)) {
            allow(ex, method, "POST");
            return post(ex, path, start);
        }
        if (path.startsWith("/api/")) {
            throw new ApiException(404, "no such endpoint: " + shorten(path));
        }
        Assets.Asset asset = assets.get(path);
        if (asset == null) {
            throw new ApiException(404, "no such page: " + shorten(path));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new ApiException(405, method + " is not allowed here; use GET");
        }
        return new Reply(200, asset.contentType(), asset.body(), null);
    }

    private static void allow(HttpExchange ex, String method, String allowed) {
        if (!method.equals(allowed)) {
            ex.getResponseHeaders().set("Allow", allowed);
            throw new ApiException(405, method + " is not allowed here; use " + allowed);
        }
    }

    private void checkHost(Headers headers) {
        if (!loopback) {
            return;
        }
        String host = headers.getFirst("Host");
        if (host == null) {
            return;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end < 0 ? name : name.substring(0, end + 1);
        } else if (name.indexOf(':') >= 0) {
            name = name.substring(0, name.indexOf(':'));
        }
        if (!(name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}"))) {
            throw new ApiException(403, "this studio answers only to loopback host names (127.0.0.1, localhost)");
        }
    }

    private Reply post(HttpExchange ex, String path, long start) {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new ApiException(415, "the body must be JSON (Content-Type: application/json), not " + shorten(type));
        }
        JsonObject body = parse(readBody(ex));
        StudioApi.Job job;
        try {
            job = api.prepare(path, body);
        } catch (BadInputException | IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return compute(job, start);
    }

    private Reply compute(StudioApi.Job job, long start) {
        Future<Reply> future;
        try {
            future = job.start(computePool);
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "the server is busy (" + limits.maxQueued() + " computations waiting); try again");
        }
        long limitNanos = limits.timeLimit().toNanos();
        try {
            long left = limitNanos - (System.nanoTime() - start);
            Reply reply = future.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            if (System.nanoTime() - start > limitNanos) {
                throw new TimeoutException(); // done, but late (this thread was not scheduled in time): same answer
            }
            return reply;
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new ApiException(503, "the model took longer than the time limit of " + limits.timeLimit().toMillis()
                    + " ms; ask for fewer sketches or try again");
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is shutting down");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException a) {
                throw a;
            }
            if (cause instanceof BadInputException b) {
                throw ApiException.badRequest(b.getMessage());
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private byte[] readBody(HttpExchange ex) {
        int max = limits.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long n;
            try {
                n = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("bad Content-Length: " + shorten(declared));
            }
            if (n > max) {
                throw ApiException.badRequest("the request body of " + n + " bytes is over the limit of " + max + " bytes");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (InputStream in = ex.getRequestBody()) {
            for (int r; (r = in.read(buf)) >= 0; ) {
                out.write(buf, 0, r);
                if (out.size() > max) {
                    throw ApiException.badRequest("the request body is over the limit of " + max + " bytes");
                }
            }
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
        return out.toByteArray();
    }

    /** The body as a JSON object; anything else is a 400. */
    static JsonObject parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the request body is not UTF-8 text");
        }
        if (text.isBlank()) {
            throw ApiException.badRequest("the request body is empty; expected a JSON object");
        }
        JsonElement e;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(64);
            e = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw ApiException.badRequest("not valid JSON: text after the value");
            }
        } catch (JsonParseException | IOException | IllegalStateException | StackOverflowError x) {
            throw ApiException.badRequest("the request body is not valid JSON: " + JsonSyntax.describe(x)
                    + "; expected a JSON object {...}");
        }
        if (!e.isJsonObject()) {
            throw ApiException.badRequest("the request body must be a JSON object {...}");
        }
        return e.getAsJsonObject();
    }

    private Reply internalError(HttpExchange ex, Throwable e) {
        synchronized (log) {
            log.println("studio: internal error on " + ex.getRequestMethod() + " " + shorten(String.valueOf(ex.getRequestURI())) + ":");
            e.printStackTrace(log);
        }
        return Reply.error(500, "internal error (details in the server's log)");
    }

    private void send(HttpExchange ex, Reply reply) {
        try (ex) {
            Headers h = ex.getResponseHeaders();
            h.set("Content-Type", reply.contentType());
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Cache-Control", "no-store");
            h.set("Referrer-Policy", "no-referrer");
            if (reply.contentType().startsWith("text/html")) {
                h.set("Content-Security-Policy", CSP);
            }
            if (reply.filename() != null) {
                h.set("Content-Disposition", "attachment; filename=\"" + reply.filename() + "\"");
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(reply.status(), head ? -1 : (reply.body().length == 0 ? -1 : reply.body().length));
            if (!head && reply.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
    }

    private static String shorten(String s) {
        String t = s.replaceAll("[\\p{Cntrl}]", "?");
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }

    /** Stops listening, lets running computations finish (up to the time limit), and frees the threads. */
    @Override
    public void close() {
        http.close();
        httpPool.shutdownNow();
        computePool.shutdown();
        try {
            if (!computePool.awaitTermination(limits.timeLimit().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                computePool.shutdownNow();
            }
            httpPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
