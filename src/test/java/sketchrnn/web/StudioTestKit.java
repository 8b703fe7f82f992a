package sketchrnn.web;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;
import sketchrnn.sample.SketchModel;

/** Tiny models, a server on 127.0.0.1 and HTTP helpers for the studio's tests. */
final class StudioTestKit {
    private StudioTestKit() {
    }

    /** A fresh tiny model (max_seq_len as given) written as a checkpoint, as a user would bring it. */
    static Path checkpoint(Path dir, String file, boolean conditional, int maxSeqLen, long seed) {
        HParams hp = HParams.tiny().withConditional(conditional).withMaxSeqLen(maxSeqLen);
        Path p = dir.resolve(file);
        try (SketchRnn net = SketchRnn.create(hp, seed)) {
            ModelState.capture(net, null, 0, Double.POSITIVE_INFINITY, 20.0, List.of("tiny.npz"), seed, Map.of()).write(p);
        }
        return p;
    }

    /** Two tiny models: "vae" (conditional) and "gen" (decoder-only), max_seq_len 60. */
    static StudioModels tinyModels(Path dir) {
        StudioModels m = new StudioModels();
        m.add("vae", SketchModel.load(checkpoint(dir, "vae.ckpt", true, 60, 11)));
        m.add("gen", SketchModel.load(checkpoint(dir, "gen.ckpt", false, 60, 12)));
        return m;
    }

    static StudioServer start(StudioModels models, StudioLimits limits, PrintStream log) throws IOException {
        return StudioServer.start("127.0.0.1", 0, models, limits, log);
    }

    static PrintStream quietLog(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    /** An answer: status, headers, body. */
    record Answer(int status, HttpResponse<byte[]> raw) {
        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonObject json() {
            JsonElement e = JsonParser.parseString(text());
            return e.getAsJsonObject();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The error message of a JSON error answer. */
        String error() {
            return json().get("error").getAsString();
        }
    }

    /** A client for one server (HTTP/1.1). */
    static final class Client {
        private final URI base;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        Client(StudioServer server) {
            this.base = server.uri();
        }

        Answer get(String path) {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET());
        }

        Answer post(String path, String json) {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        Answer method(String method, String path, String body) {
            return send(HttpRequest.newBuilder(base.resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
        }

        Answer send(HttpRequest.Builder b) {
            try {
                HttpResponse<byte[]> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(r.statusCode(), r);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Sends raw bytes over a fresh connection and returns everything the server answers (for requests an HTTP
     * client would refuse to send or would normalise: dot segments, bad request lines).
     */
    static String raw(StudioServer server, byte[] request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                in.transferTo(got);
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // keep what arrived
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static String rawGet(StudioServer server, String path) throws IOException {
        return raw(server, ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A stroke-3 drawing in canvas pixels: an open square of 4 strokes' worth of points, then a line. */
    static String squareJson() {
        return "[[150,150,0],[100,0,0],[0,100,0],[-100,0,0],[0,-60,1],[20,20,0],[60,0,1]]";
    }
}
