package sketchrnn.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import sketchrnn.data.BadInputException;
import sketchrnn.data.JsonSketchFile;
import sketchrnn.data.Sketch;

/**
 * Load on the studio: starts a server on 127.0.0.1 (any free port), then {@code clients} concurrent clients
 * ({@link HttpClient}, HTTP/1.1) send {@code requests} completion requests in all, each asking for
 * {@code count} endings of the same unfinished drawing, and we time each answer.
 */
public final class ServeBenchmark {
    /** What was asked. */
    public record Options(int requests, int clients, int count, double temperature, int warmup) {
        public Options {
            if (requests < 1 || clients < 1 || count < 1 || warmup < 0) {
                throw new BadInputException("--requests, --clients and --count must be positive, --warmup >= 0");
            }
            if (!(temperature > 0 && temperature <= 2)) {
                throw new BadInputException("--temperature " + temperature + " is outside (0, 2]");
            }
        }
    }

    /** What was measured; latencies in milliseconds. */
    public record Result(String model, int requests, int clients, int count, int errors, String firstError,
                         double p50, double p95, double max, double mean, double seconds, int endingPoints) {
        /** One JSON line. */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"bench\": \"serve\", \"model\": \"%s\", \"requests\": %d, \"clients\": %d,"
                    + " \"count\": %d, \"errors\": %d, \"p50_ms\": %.1f, \"p95_ms\": %.1f, \"max_ms\": %.1f,"
                    + " \"mean_ms\": %.1f, \"requests_per_s\": %.2f, \"mean_ending_points\": %.1f, \"cores\": %d%s}",
                    model, requests, clients, count, errors, p50, p95, max, mean, requests / seconds,
                    (double) endingPoints / Math.max(1, (requests - errors) * count),
                    Runtime.getRuntime().availableProcessors(),
                    firstError == null ? "" : ", \"first_error\": \"" + firstError.replace("\\", "\\\\").replace("\"", "'") + "\"");
        }
    }

    private ServeBenchmark() {
    }

    /** An unfinished drawing in canvas pixels: a head (a closed loop) and one ear, about 200 px across. */
    static Sketch prefix() {
        List<double[][]> strokes = new ArrayList<>();
        double[][] head = new double[41][];
        for (int i = 0; i <= 40; i++) {
            double a = 2 * Math.PI * i / 40;
            head[i] = new double[] {256 + 100 * Math.cos(a), 260 + 85 * Math.sin(a)};
        }
        strokes.add(head);
        strokes.add(new double[][] {{190, 200}, {170, 140}, {215, 180}});
        return sketchrnn.data.Polylines.of(strokes).toSketch();
    }

    /** Serves the first model of {@code models} and runs the load; the server is stopped before returning. */
    public static Result run(StudioModels models, StudioLimits limits, Options o) throws IOException, InterruptedException {
        String model = models.ids().get(0);
        String body = "{\"model\": \"" + model + "\", \"count\": " + o.count() + ", \"temperature\": " + o.temperature()
                + ", \"sketch\": " + JsonSketchFile.toJson(prefix()) + "}";
        try (StudioServer server = StudioServer.start("127.0.0.1", 0, models, limits, new PrintStream(OutputStream.nullOutputStream()))) {
            URI uri = server.uri().resolve("/api/complete");
            ExecutorService pool = Executors.newFixedThreadPool(o.clients());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            try {
                for (int i = 0; i < o.warmup(); i++) {
                    send(client, uri, body, i);
                }
                List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger next = new AtomicInteger();
                AtomicInteger errors = new AtomicInteger();
                AtomicInteger points = new AtomicInteger();
                String[] firstError = new String[1];
                ExecutorService clients = Executors.newFixedThreadPool(o.clients());
                long t0 = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < o.clients(); c++) {
                    running.add(clients.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < o.requests(); ) {
                            long s = System.nanoTime();
                            Outcome r = send(client, uri, body, o.warmup() + i);
                            latencies.add((System.nanoTime() - s) / 1e6);
                            if (r.error() != null) {
                                errors.incrementAndGet();
                                synchronized (firstError) {
                                    if (firstError[0] == null) {
                                        firstError[0] = r.error();
                                    }
                                }
                            } else {
                                points.addAndGet(r.points());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                clients.shutdown();
                double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                return new Result(model, o.requests(), o.clients(), o.count(), errors.get(), firstError[0],
                        percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1],
                        Arrays.stream(sorted).average().orElse(0), seconds, points.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private record Outcome(String error, int points) {
    }

    private static Outcome send(HttpClient client, URI uri, String body, int seed) {
        String withSeed = body.substring(0, body.length() - 1) + ", \"seed\": " + seed + "}";
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(withSeed)).build();
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return new Outcome("HTTP " + r.statusCode() + ": " + r.body().strip(), 0);
            }
            int n = 0;
            for (com.google.gson.JsonElement e : com.google.gson.JsonParser.parseString(r.body()).getAsJsonObject()
                    .getAsJsonArray("sketches")) {
                n += e.getAsJsonArray().size();
            }
            return new Outcome(null, n);
        } catch (IOException e) {
            return new Outcome(e.toString(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("interrupted", 0);
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
