package sketchrnn.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import sketchrnn.data.AtomicFiles;
import sketchrnn.data.BadInputException;
import sketchrnn.model.HParams;

/**
 * A self-describing training checkpoint: hyperparameters, weights, optimizer state, step, best
 * validation cost, scale factor and data set names, so that a model can be used or its training
 * resumed from this one file.
 *
 * <p>File layout: a zip with {@code checkpoint.json} (everything but the numbers), {@code weights.f32}
 * (every parameter's float32 values, little-endian, in the order of {@code parameters} in the JSON)
 * and, when the optimizer state is kept, {@code adam_m.f32} and {@code adam_v.f32} in the same order.
 * Written to a temporary file and renamed, so a crash never leaves a half-written checkpoint.
 *
 * @param hparams       the model's hyperparameters
 * @param step          training steps completed
 * @param bestValidCost the best validation cost seen up to {@code step} (infinity before the first)
 * @param scaleFactor   divides data offsets into model units (docs/model.md §3, step 3)
 * @param data          the data sets the model was trained on (file names)
 * @param seed          the run's seed
 * @param metrics       the latest metrics (losses) worth showing, by name
 * @param shapes        parameter shapes by name, in model order
 * @param weights       parameter values by name (row-major)
 * @param optimizer     Adam's state, or null when not kept
 */
public record Checkpoint(HParams hparams, long step, double bestValidCost, double scaleFactor, List<String> data,
                         long seed, Map<String, Double> metrics, Map<String, long[]> shapes,
                         Map<String, float[]> weights, OptimizerState optimizer) {

    public static final String FORMAT = "sketchrnn-checkpoint";
    public static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (float[] w : weights.values()) {
            n += w.length;
        }
        return n;
    }

    /** This checkpoint without the optimizer state (for a compact copy of the weights). */
    public Checkpoint withoutOptimizer() {
        return new Checkpoint(hparams, step, bestValidCost, scaleFactor, data, seed, metrics, shapes, weights, null);
    }

    /** Writes the checkpoint atomically. */
    public void write(Path file) {
        JsonObject meta = new JsonObject();
        meta.addProperty("format", FORMAT);
        meta.addProperty("version", VERSION);
        meta.addProperty("created", Instant.now().toString());
        meta.add("hparams", JsonParser.parseString(hparams.toJson()));
        meta.addProperty("step", step);
        meta.addProperty("best_valid_cost", Double.isFinite(bestValidCost) ? bestValidCost : null);
        meta.addProperty("scale_factor", scaleFactor);
        JsonArray ds = new JsonArray();
        data.forEach(ds::add);
        meta.add("data", ds);
        meta.addProperty("seed", seed);
        JsonObject ms = new JsonObject();
        metrics.forEach((k, v) -> ms.addProperty(k, Double.isFinite(v) ? v : null));
        meta.add("metrics", ms);
        JsonArray ps = new JsonArray();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            JsonObject p = new JsonObject();
            p.addProperty("name", e.getKey());
            JsonArray shape = new JsonArray();
            for (long d : e.getValue()) {
                shape.add(d);
            }
            p.add("shape", shape);
            ps.add(p);
        }
        meta.add("parameters", ps);
        if (optimizer != null) {
            meta.addProperty("adam_iterations", optimizer.iterations());
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("checkpoint.json"));
            zip.write(GSON.toJson(meta).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            writeFloats(zip, "weights.f32", weights);
            if (optimizer != null) {
                writeFloats(zip, "adam_m.f32", optimizer.m());
                writeFloats(zip, "adam_v.f32", optimizer.v());
            }
            zip.finish();
        });
    }

    private void writeFloats(ZipOutputStream zip, String name, Map<String, float[]> values) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        for (String k : shapes.keySet()) {
            float[] v = values.get(k);
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            zip.write(buf.array());
        }
        zip.closeEntry();
    }

    /** Reads a checkpoint; a file that is not one gives a {@link BadInputException} naming it. */
    public static Checkpoint read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such checkpoint file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry metaEntry = zip.getEntry("checkpoint.json");
            if (metaEntry == null) {
                throw new BadInputException(file + ": not a sketchrnn checkpoint (no checkpoint.json inside)");
            }
            JsonObject meta;
            try (InputStream in = zip.getInputStream(metaEntry)) {
                JsonElement root = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (!root.isJsonObject() || !FORMAT.equals(str(root.getAsJsonObject(), "format"))) {
                    throw new BadInputException(file + ": not a sketchrnn checkpoint (format is not " + FORMAT + ")");
                }
                meta = root.getAsJsonObject();
            }
            int version = meta.get("version").getAsInt();
            if (version > VERSION) {
                throw new BadInputException(file + ": checkpoint version " + version + " is newer than this program reads (" + VERSION + ")");
            }
            HParams hp = HParams.fromJson(meta.get("hparams").toString());
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (JsonElement p : meta.getAsJsonArray("parameters")) {
                JsonObject o = p.getAsJsonObject();
                JsonArray s = o.getAsJsonArray("shape");
                long[] shape = new long[s.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = s.get(i).getAsLong();
                }
                shapes.put(o.get("name").getAsString(), shape);
            }
            Map<String, float[]> weights = readFloats(zip, file, "weights.f32", shapes);
            OptimizerState adam = null;
            if (meta.has("adam_iterations") && zip.getEntry("adam_m.f32") != null) {
                adam = new OptimizerState(meta.get("adam_iterations").getAsLong(),
                        readFloats(zip, file, "adam_m.f32", shapes), readFloats(zip, file, "adam_v.f32", shapes));
            }
            List<String> data = new ArrayList<>();
            if (meta.has("data")) {
                meta.getAsJsonArray("data").forEach(e -> data.add(e.getAsString()));
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (meta.has("metrics")) {
                meta.getAsJsonObject("metrics").entrySet().forEach(e ->
                        metrics.put(e.getKey(), e.getValue().isJsonNull() ? Double.NaN : e.getValue().getAsDouble()));
            }
            JsonElement best = meta.get("best_valid_cost");
            return new Checkpoint(hp, meta.get("step").getAsLong(),
                    best == null || best.isJsonNull() ? Double.POSITIVE_INFINITY : best.getAsDouble(),
                    meta.get("scale_factor").getAsDouble(), data,
                    meta.has("seed") ? meta.get("seed").getAsLong() : 0L, metrics, shapes, weights, adam);
        } catch (ZipException e) {
            throw new BadInputException(file + ": not a sketchrnn checkpoint (not a zip file: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read checkpoint: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) {
                throw e;
            }
            throw new BadInputException(file + ": damaged checkpoint: " + e, e);
        }
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static Map<String, float[]> readFloats(ZipFile zip, Path file, String name, Map<String, long[]> shapes)
            throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new BadInputException(file + ": damaged checkpoint: " + name + " is missing");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(zip.getInputStream(entry))) {
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                long n = 1;
                for (long d : e.getValue()) {
                    n *= d;
                }
                byte[] bytes = new byte[Math.toIntExact(n * 4)];
                try {
                    in.readFully(bytes);
                } catch (java.io.EOFException eof) {
                    throw new BadInputException(file + ": damaged checkpoint: " + name + " ends inside parameter " + e.getKey());
                }
                float[] v = new float[(int) n];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                out.put(e.getKey(), v);
            }
            if (in.read() != -1) {
                throw new BadInputException(file + ": damaged checkpoint: " + name + " is longer than its parameters");
            }
        }
        return out;
    }
}
