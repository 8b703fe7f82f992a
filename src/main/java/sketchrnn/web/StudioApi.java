package sketchrnn.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sketchrnn.data.Sketch;
import sketchrnn.render.Panel;
import sketchrnn.render.PngRenderer;
import sketchrnn.render.RenderOptions;
import sketchrnn.render.SvgRenderer;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SketchModel;

/**
 * The studio's JSON API, apart from HTTP: each POST request is checked at once (mistakes are 400s that
 * name the field) and turned into a {@link Job} that does the model work, which the server runs on its
 * compute threads under the time limit. See docs/usage-web.md for the requests and answers.
 *
 * <p>Sketches travel as stroke-3 arrays {@code [[dx, dy, p], ...]}, by default in the page's canvas pixels
 * ({@code "units": "px"}, converted by the model's {@link PixelUnits}), or in the model's data units
 * ({@code "units": "data"}, passed through unchanged).
 */
final class StudioApi {
    /** Model work that answers a request; runs on a compute thread. */
    interface Job {
        Reply run();

        /** Starts the work on the compute pool; the answer arrives in the future. */
        default java.util.concurrent.Future<Reply> start(java.util.concurrent.ExecutorService pool) {
            return pool.submit(this::run);
        }
    }

    /** The most endings of concurrent completion requests computed in one call. */
    static final int MAX_COMBINED_ENDINGS = 256;

    static final double DEFAULT_TEMPERATURE = 0.4;
    static final int DEFAULT_SAMPLE_COUNT = 8;
    static final int DEFAULT_ENDINGS = 4;
    static final int DEFAULT_STEPS = 8;
    static final int MAX_RENDER_CELL = 512;
    private static final List<String> UNITS = List.of("px", "data");

    private final StudioModels models;
    private final StudioLimits limits;
    private final CompletionCombiner combiner;

    StudioApi(StudioModels models, StudioLimits limits, java.util.concurrent.Executor compute) {
        this.combiner = new CompletionCombiner(compute, limits.computeThreads(), limits.maxQueued(), MAX_COMBINED_ENDINGS);
        this.models = models;
        this.limits = limits;
    }

    /** The POST endpoints, by path. */
    static final Set<String> POST_PATHS = Set.of("/api/sample", "/api/complete", "/api/reconstruct",
            "/api/interpolate", "/api/render");

    /** Checks a POST request and prepares its work; throws {@link ApiException} for a bad request. */
    Job prepare(String path, JsonObject body) {
        return switch (path) {
            case "/api/sample" -> sample(body);
            case "/api/complete" -> complete(body);
            case "/api/reconstruct" -> reconstruct(body);
            case "/api/interpolate" -> interpolate(body);
            case "/api/render" -> render(body);
            default -> throw new ApiException(404, "no such endpoint: " + path);
        };
    }

    /** {@code GET /api/models}: the models, the limits and the canvas scale. */
    Reply models() {
        JsonObject out = new JsonObject();
        JsonArray list = new JsonArray();
        for (Map.Entry<String, SketchModel> e : models.all().entrySet()) {
            SketchModel m = e.getValue();
            JsonObject o = new JsonObject();
            o.addProperty("id", e.getKey());
            o.addProperty("name", m.name());
            o.addProperty("conditional", m.conditional());
            o.addProperty("scale_factor", m.scaleFactor());
            PixelUnits u = models.units(e.getKey());
            o.addProperty("data_units_per_px", u.dataUnitsPerPixel());
            o.addProperty("typical_size", u.typicalSize());
            o.addProperty("typical_size_measured", u.measured());
            o.add("hparams", m.hparams().toJson());
            list.add(o);
        }
        out.add("models", list);
        JsonObject l = new JsonObject();
        l.addProperty("max_body_bytes", limits.maxBodyBytes());
        l.addProperty("max_points", limits.maxPoints());
        l.addProperty("max_count", limits.maxCount());
        l.addProperty("max_steps", limits.maxSteps());
        l.addProperty("time_limit_ms", limits.timeLimit().toMillis());
        out.add("limits", l);
        JsonObject canvas = new JsonObject();
        canvas.addProperty("size_px", PixelUnits.CANVAS_PX);
        canvas.addProperty("fill", PixelUnits.FILL);
        canvas.addProperty("rdp_epsilon_px", PixelUnits.RDP_EPSILON_PX);
        out.add("canvas", canvas);
        return Reply.ok(out);
    }

    // ---- the endpoints ----

    private Job sample(JsonObject body) {
        RequestFields f = new RequestFields(body, Set.of("model", "count", "temperature", "seed", "greedy", "units"));
        String id = modelId(f);
        SketchModel m = model(id);
        int count = f.integer("count", DEFAULT_SAMPLE_COUNT, 1, limits.maxCount());
        Sampling s = sampling(f);
        PixelUnits px = pixels(f, id);
        return () -> timed(m, s, px, o -> {
            o.add("sketches", sketches(m.sample(count, s.options()), px));
        }, id);
    }

    private Job complete(JsonObject body) {
        RequestFields f = new RequestFields(body, Set.of("model", "sketch", "count", "temperature", "seed", "greedy",
                "units"));
        String id = modelId(f);
        SketchModel m = model(id);
        PixelUnits px = pixels(f, id);
        Sketch prefix = input(f, "sketch", m, px, 1);
        int count = f.integer("count", DEFAULT_ENDINGS, 1, limits.maxCount());
        Sampling s = sampling(f);
        Job alone = () -> timed(m, s, px, o -> {
            o.add("prefix", sketch(prefix, px));
            o.add("sketches", sketches(m.complete(prefix, count, s.options()), px));
        }, id);
        return new Job() {
            @Override
            public Reply run() {
                return alone.run();
            }

            @Override
            public java.util.concurrent.Future<Reply> start(java.util.concurrent.ExecutorService pool) {
                long t0 = System.nanoTime(); // concurrent requests are computed together (CompletionCombiner)
                return combiner.submit(m, prefix, count, s.options(), endings -> reply(m, s, px, id, t0, o -> {
                    o.add("prefix", sketch(prefix, px));
                    o.add("sketches", sketches(endings, px));
                }));
            }
        };
    }

    private Job reconstruct(JsonObject body) {
        RequestFields f = new RequestFields(body, Set.of("model", "sketch", "count", "temperature", "seed", "greedy",
                "units"));
        String id = modelId(f);
        SketchModel m = conditionalModel(id, "reconstruct");
        PixelUnits px = pixels(f, id);
        Sketch in = input(f, "sketch", m, px, 0);
        int count = f.integer("count", DEFAULT_ENDINGS, 1, limits.maxCount());
        Sampling s = sampling(f);
        return () -> timed(m, s, px, o -> {
            o.add("input", sketch(in, px));
            o.add("sketches", sketches(m.reconstruct(in, count, s.options()), px));
        }, id);
    }

    private Job interpolate(JsonObject body) {
        RequestFields f = new RequestFields(body, Set.of("model", "from", "to", "steps", "temperature", "seed",
                "greedy", "spherical", "units"));
        String id = modelId(f);
        SketchModel m = conditionalModel(id, "interpolate");
        PixelUnits px = pixels(f, id);
        Sketch from = input(f, "from", m, px, 0);
        Sketch to = input(f, "to", m, px, 0);
        int steps = f.integer("steps", DEFAULT_STEPS, 2, limits.maxSteps());
        boolean spherical = f.bool("spherical", true);
        Sampling s = sampling(f);
        return () -> timed(m, s, px, o -> {
            List<float[]> ends = m.encodeAll(List.of(from, to));
            List<float[]> zs = SketchModel.interpolate(ends.get(0), ends.get(1), steps, spherical);
            o.addProperty("spherical", spherical);
            o.add("sketches", sketches(m.decode(zs, s.options()), px));
        }, id);
    }

    /**
     * {@code POST /api/render}: a picture of panels (a sketch, optionally with an ending drawn in the
     * highlight colour) as SVG or PNG, drawn by the render package.
     */
    private Job render(JsonObject body) {
        RequestFields f = new RequestFields(body, Set.of("format", "panels", "columns", "cell_size", "name"));
        String format = f.string("format", "svg", List.of("svg", "png"));
        JsonArray array = f.array("panels");
        int maxPanels = Math.max(limits.maxCount(), limits.maxSteps()) + 1;
        if (array.isEmpty() || array.size() > maxPanels) {
            throw ApiException.badRequest("'panels' has " + array.size() + " panels; 1.." + maxPanels + " are allowed");
        }
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            panels.add(panel(array.get(i), "panels[" + i + "]"));
        }
        int columns = f.integer("columns", 0, 0, maxPanels);
        int cell = f.integer("cell_size", 256, 32, MAX_RENDER_CELL);
        String name = f.has("name") ? f.string("name") : "sketch";
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ApiException.badRequest("'name' must be 1..64 of the characters A-Z a-z 0-9 . _ -");
        }
        RenderOptions o = RenderOptions.DEFAULTS.withCellSize(cell).withColumns(columns)
                .withLineWidth(Math.max(1.5, cell / 128.0));
        return () -> {
            if (format.equals("svg")) {
                return new Reply(200, "image/svg+xml; charset=utf-8",
                        SvgRenderer.render(panels, o).getBytes(StandardCharsets.UTF_8), name + ".svg");
            }
            return new Reply(200, "image/png", PngRenderer.encode(panels, o), name + ".png");
        };
    }

    private Panel panel(JsonElement e, String where) {
        if (!e.isJsonObject()) {
            throw ApiException.badRequest(where + " must be an object {\"sketch\": [...], \"ending\": [...]}");
        }
        RequestFields p = new RequestFields(e.getAsJsonObject(), Set.of("sketch", "ending", "caption"));
        Sketch sketch = p.sketch("sketch", limits.maxPoints());
        String caption = p.has("caption") ? p.string("caption") : null;
        if (caption != null && caption.length() > 80) {
            throw ApiException.badRequest(where + ": 'caption' is longer than 80 characters");
        }
        if (p.has("ending")) {
            return Panel.completion(sketch, p.sketch("ending", limits.maxPoints()), caption);
        }
        return Panel.of(sketch, caption);
    }

    // ---- helpers ----

    private record Sampling(SamplingOptions options, long seed) {
    }

    private interface Body {
        void fill(JsonObject out);
    }

    /**
     * Runs the model work and answers with the common fields and the time taken. Requests on the same model
     * run in parallel: SketchModel's calls are safe from several threads (each uses its own NDManager and its
     * own random streams; the parameters are only read).
     */
    private Reply timed(SketchModel m, Sampling s, PixelUnits px, Body body, String id) {
        return reply(m, s, px, id, System.nanoTime(), body);
    }

    /** As {@link #timed}, the time counted from {@code t0}. */
    private Reply reply(SketchModel m, Sampling s, PixelUnits px, String id, long t0, Body body) {
        JsonObject o = new JsonObject();
        o.addProperty("model", id);
        o.addProperty("units", px != null ? "px" : "data");
        o.addProperty("temperature", s.options().temperature());
        o.addProperty("greedy", s.options().greedy());
        o.addProperty("seed", s.seed());
        body.fill(o);
        o.addProperty("ms", Math.round((System.nanoTime() - t0) / 1e6));
        return Reply.ok(o);
    }

    private static String modelId(RequestFields f) {
        return f.string("model");
    }

    private SketchModel model(String id) {
        SketchModel m = models.get(id);
        if (m == null) {
            throw ApiException.badRequest("unknown model '" + id + "'; available: " + String.join(", ", models.ids()));
        }
        return m;
    }

    private SketchModel conditionalModel(String id, String what) {
        SketchModel m = model(id);
        if (!m.conditional()) {
            throw ApiException.badRequest("model '" + id + "' is decoder-only: it has no encoder, so it cannot " + what
                    + " a drawing; choose a conditional (VAE) model");
        }
        return m;
    }

    /** The request's pixel scale, or null when it speaks the model's data units. */
    private PixelUnits pixels(RequestFields f, String id) {
        return f.string("units", "px", UNITS).equals("px") ? models.units(id) : null;
    }

    private static Sampling sampling(RequestFields f) {
        double t = f.number("temperature", DEFAULT_TEMPERATURE, 0, 2);
        boolean greedy = f.bool("greedy", false);
        Long given = f.optionalLong("seed");
        long seed = given != null ? given : SamplingOptions.freshSeed();
        SamplingOptions o = SamplingOptions.defaults().withTemperature(t).withGreedy(greedy).withSeed(seed);
        return new Sampling(o, seed);
    }

    /**
     * A sketch of the request in the model's data units; pixels are converted and simplified. It must leave
     * {@code room} steps of the model's {@code max_seq_len}.
     */
    private Sketch input(RequestFields f, String name, SketchModel m, PixelUnits px, int room) {
        Sketch raw = f.sketch(name, limits.maxPoints());
        Sketch s = px != null ? px.drawingToData(raw) : raw;
        if (s.size() < 2) {
            throw ApiException.badRequest("'" + name + "' has only one point" + (px != null ? " after simplification" : "")
                    + "; draw a little more (a sketch needs at least 2 points)");
        }
        int max = m.hparams().model().maxSeqLen() - room;
        if (s.size() > max) {
            throw ApiException.badRequest(String.format(Locale.ROOT,
                    "'%s' has %d points%s; the model reads at most %d", name, s.size(),
                    px != null ? " after simplification" : "", max));
        }
        return s;
    }

    private static JsonArray sketches(List<Sketch> list, PixelUnits px) {
        JsonArray a = new JsonArray();
        for (Sketch s : list) {
            a.add(sketch(s, px));
        }
        return a;
    }

    /** A sketch as stroke-3 JSON (numbers rounded to 0.01), in pixels when {@code px} is given, else in data units. */
    static JsonArray sketch(Sketch data, PixelUnits px) {
        Sketch s = px != null ? px.dataToPixels(data) : data;
        JsonArray a = new JsonArray();
        for (int i = 0; i < s.size(); i++) {
            JsonArray p = new JsonArray();
            p.add(round(s.dx(i)));
            p.add(round(s.dy(i)));
            p.add(s.penLifted(i) ? 1 : 0);
            a.add(p);
        }
        return a;
    }

    private static Number round(float v) {
        double r = Math.round(v * 100.0) / 100.0;
        return r == Math.rint(r) ? (Number) (long) r : (Number) r;
    }
}
