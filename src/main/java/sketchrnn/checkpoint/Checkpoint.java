package sketchrnn.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
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
import sketchrnn.data.InputLimits;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;

/**
 * A self-describing training checkpoint: hyperparameters, weights, optimizer state, step, best
 * validation cost, scale factor and data set names, so that a model can be used or its training
 * resumed from this one file.
 *
 * <p>File layout: a zip with {@code checkpoint.json} (everything but the numbers), {@code weights.f32}
 * (every parameter's float32 values, little-endian, in the order of {@code parameters} in the JSON)
 * and, when the optimizer state is kept, {@code adam_m.f32} and {@code adam_v.f32} in the same order. A
 * compact copy to ship ({@link #writeHalf}) holds {@code weights.f16} instead: the same values rounded to
 * IEEE half precision (binary16, round to nearest even), half the bytes; such files are version 2.
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
    /** The version of files holding half-precision weights ({@code weights.f16}); this program reads 1 and 2. */
    public static final int HALF_VERSION = 2;
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

    /**
     * This checkpoint, weights only, each weight rounded to half precision: the values that {@link #writeHalf}
     * stores, so that a model can be scored as it will ship.
     */
    public Checkpoint roundedToHalf() {
        requireHalfRange();
        Map<String, float[]> rounded = new LinkedHashMap<>();
        weights.forEach((k, v) -> {
            float[] r = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                r[i] = Half.toFloat(Half.fromFloat(v[i]));
            }
            rounded.put(k, r);
        });
        return new Checkpoint(hparams, step, bestValidCost, scaleFactor, data, seed, metrics, shapes, rounded, null);
    }

    private void requireHalfRange() {
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            for (float v : e.getValue()) {
                if (!(Math.abs(v) <= Half.MAX)) {
                    throw new BadInputException("parameter " + e.getKey() + " holds " + v + ", beyond half precision's"
                            + " range (65504): keep it in float32 (pack --precision float)");
                }
            }
        }
    }

    /** Writes the checkpoint atomically. */
    public void write(Path file) {
        write(file, false);
    }

    /**
     * Writes a weights-only checkpoint atomically with its weights in half precision ({@code weights.f16}), for a
     * model to ship: half the size, every weight within a relative 2^-11 of its float32 value (weights under
     * 2^-24 in magnitude become 0). Read it back to use the values the file holds.
     *
     * @throws IllegalStateException if the checkpoint keeps optimizer state (resuming needs float32)
     * @throws BadInputException     if a weight is beyond the half-precision range (65504)
     */
    public void writeHalf(Path file) {
        if (optimizer != null) {
            throw new IllegalStateException("half-precision checkpoints hold weights only");
        }
        requireHalfRange();
        write(file, true);
    }

    private void write(Path file, boolean half) {
        JsonObject meta = new JsonObject();
        meta.addProperty("format", FORMAT);
        meta.addProperty("version", half ? HALF_VERSION : VERSION);
        meta.addProperty("created", Instant.now().toString());
        meta.add("hparams", hparams.toJson());
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
            if (half) {
                writeHalves(zip, weights);
            } else {
                writeFloats(zip, "weights.f32", weights);
            }
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

    private void writeHalves(ZipOutputStream zip, Map<String, float[]> values) throws IOException {
        zip.putNextEntry(new ZipEntry("weights.f16"));
        for (String k : shapes.keySet()) {
            float[] v = values.get(k);
            ByteBuffer buf = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : v) {
                buf.putShort(Half.fromFloat(x));
            }
            zip.write(buf.array());
        }
        zip.closeEntry();
    }

    /** The most bytes of {@code checkpoint.json}: 16 MiB (it holds hyperparameters and parameter names). */
    static final long MAX_META_BYTES = 16L << 20;

    /**
     * Reads a checkpoint and verifies it: every entry against the CRC-32 the zip records (a flipped byte
     * is found, not used), every declared size against the file and the memory budget before it is
     * allocated, the parameter names and shapes against the hyperparameters, every weight and optimizer
     * value finite, the scale factor finite and positive. A file that is not a sound checkpoint gives a
     * {@link BadInputException} naming it and what is wrong.
     */
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
            byte[] metaBytes = InputLimits.readZipEntry(zip, metaEntry, MAX_META_BYTES, file.toString());
            JsonElement root;
            try {
                root = JsonParser.parseString(new String(metaBytes, StandardCharsets.UTF_8));
            } catch (com.google.gson.JsonParseException e) {
                throw damaged(file, "checkpoint.json is not valid JSON");
            }
            if (!root.isJsonObject() || !FORMAT.equals(str(root.getAsJsonObject(), "format"))) {
                throw new BadInputException(file + ": not a sketchrnn checkpoint (format is not " + FORMAT + ")");
            }
            meta = root.getAsJsonObject();
            long version = number(file, meta, "version");
            if (version > HALF_VERSION || version < 1) {
                throw new BadInputException(file + ": checkpoint version " + version + " is not one this program reads (1.."
                        + HALF_VERSION + ")");
            }
            if (!(meta.get("hparams") instanceof JsonObject hpJson)) {
                throw damaged(file, "checkpoint.json has no \"hparams\" object");
            }
            HParams hp;
            try {
                hp = HParams.fromJson(hpJson);
            } catch (BadInputException e) {
                throw damaged(file, e.getMessage());
            }
            Map<String, long[]> shapes = shapes(file, meta, hp);
            long step = number(file, meta, "step");
            if (step < 0) {
                throw damaged(file, "step " + step + " is negative");
            }
            double scale = real(file, meta, "scale_factor");
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw damaged(file, "scale factor " + scale + " is not a positive finite number");
            }
            Map<String, float[]> weights = version == HALF_VERSION
                    ? readFloats(zip, file, "weights.f16", shapes, false, 2)
                    : readFloats(zip, file, "weights.f32", shapes, false, 4);
            OptimizerState adam = null;
            if (meta.has("adam_iterations") && zip.getEntry("adam_m.f32") != null) {
                long iterations = number(file, meta, "adam_iterations");
                if (iterations < 0) {
                    throw damaged(file, "adam_iterations " + iterations + " is negative");
                }
                adam = new OptimizerState(iterations, readFloats(zip, file, "adam_m.f32", shapes, false, 4),
                        readFloats(zip, file, "adam_v.f32", shapes, true, 4));
            }
            List<String> data = new ArrayList<>();
            if (meta.get("data") instanceof JsonArray ds) {
                ds.forEach(e -> data.add(e.isJsonPrimitive() ? e.getAsString() : String.valueOf(e)));
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (meta.get("metrics") instanceof JsonObject ms) {
                ms.entrySet().forEach(e -> metrics.put(e.getKey(),
                        e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isNumber()
                                ? e.getValue().getAsDouble() : Double.NaN));
            }
            JsonElement best = meta.get("best_valid_cost");
            double bestValid = best == null || best.isJsonNull() ? Double.POSITIVE_INFINITY : real(file, meta, "best_valid_cost");
            long seed = meta.has("seed") ? number(file, meta, "seed") : 0L;
            return new Checkpoint(hp, step, bestValid, scale, data, seed, metrics, shapes, weights, adam);
        } catch (ZipException e) {
            throw new BadInputException(file + ": not a sketchrnn checkpoint (not a zip file: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read checkpoint: " + e.getMessage(), e);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // a JSON value of the wrong type and the like: name the file, not Java's exception
            throw damaged(file, "checkpoint.json does not have the expected structure");
        }
    }

    private static BadInputException damaged(Path file, String what) {
        return new BadInputException(file + ": damaged checkpoint: " + what);
    }

    private static long number(Path file, JsonObject meta, String key) {
        JsonElement e = meta.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw damaged(file, "\"" + key + "\" is " + (e == null ? "missing" : "not a number") + " in checkpoint.json");
        }
        double d = e.getAsDouble();
        if (d != Math.rint(d) || Math.abs(d) > 0x1p62) {
            throw damaged(file, "\"" + key + "\" is " + e + "; expected a whole number");
        }
        return e.getAsLong();
    }

    private static double real(Path file, JsonObject meta, String key) {
        JsonElement e = meta.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw damaged(file, "\"" + key + "\" is " + (e == null ? "missing" : "not a number") + " in checkpoint.json");
        }
        return e.getAsDouble();
    }

    /** The declared parameter shapes, which must be exactly those of a model with these hyperparameters. */
    private static Map<String, long[]> shapes(Path file, JsonObject meta, HParams hp) {
        if (!(meta.get("parameters") instanceof JsonArray ps)) {
            throw damaged(file, "checkpoint.json has no \"parameters\" list");
        }
        Map<String, long[]> expected = SketchRnn.parameterShapes(hp.model());
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (JsonElement p : ps) {
            if (!(p instanceof JsonObject o) || !(o.get("shape") instanceof JsonArray s) || str(o, "name") == null) {
                throw damaged(file, "a parameter entry is not {\"name\": ..., \"shape\": [...]}");
            }
            String name = str(o, "name");
            if (s.size() > 4) {
                throw damaged(file, "parameter " + name + " has " + s.size() + " dimensions");
            }
            long[] shape = new long[s.size()];
            for (int i = 0; i < shape.length; i++) {
                JsonElement d = s.get(i);
                if (!d.isJsonPrimitive() || !d.getAsJsonPrimitive().isNumber() || d.getAsDouble() != Math.rint(d.getAsDouble())
                        || d.getAsDouble() < 0 || d.getAsDouble() > Integer.MAX_VALUE) {
                    throw damaged(file, "parameter " + name + " has a bad dimension " + d);
                }
                shape[i] = d.getAsLong();
            }
            long[] want = expected.get(name);
            if (want == null) {
                throw damaged(file, "parameter " + name + " is not part of a model with its hyperparameters");
            }
            if (!java.util.Arrays.equals(want, shape)) {
                throw damaged(file, "parameter " + name + " has shape " + java.util.Arrays.toString(shape)
                        + ", its hyperparameters give " + java.util.Arrays.toString(want));
            }
            if (shapes.put(name, shape) != null) {
                throw damaged(file, "parameter " + name + " is listed twice");
            }
        }
        for (String name : expected.keySet()) {
            if (!shapes.containsKey(name)) {
                throw damaged(file, "parameter " + name + " is missing");
            }
        }
        return shapes;
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    /** Reads {@code name}: float32 values ({@code bytesPerValue} 4) or half-precision ones (2), in shape order. */
    private static Map<String, float[]> readFloats(ZipFile zip, Path file, String name, Map<String, long[]> shapes,
                                                  boolean nonNegative, int bytesPerValue) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw damaged(file, name + " is missing");
        }
        long values = 0;
        for (long[] shape : shapes.values()) {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            values = Math.addExact(values, n);
        }
        long want = values * bytesPerValue;
        long limit = InputLimits.budget(InputLimits.MAX_INFLATED_BYTES);
        if (values * 4 > limit) {
            throw damaged(file, "its parameters declare " + InputLimits.bytes(values * 4) + " of weights, over the limit of "
                    + InputLimits.bytes(limit));
        }
        if (entry.getSize() >= 0 && entry.getSize() != want) {
            throw damaged(file, name + " holds " + entry.getSize() + " bytes, its parameters need " + want);
        }
        // bounded by what the parameters need (one byte more tells a longer entry), checked against its CRC-32
        byte[] bytes = InputLimits.readZipEntry(zip, entry, want + 1, file.toString());
        if (bytes.length != want) {
            throw damaged(file, name + " holds " + bytes.length + " bytes, its parameters need " + want);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            float[] v = new float[(int) n];
            if (bytesPerValue == 2) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Half.toFloat(buf.getShort());
                }
            } else {
                buf.asFloatBuffer().get(v);
                buf.position(buf.position() + v.length * 4);
            }
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i]) || (nonNegative && v[i] < 0)) {
                    throw damaged(file, name + ": value " + i + " of parameter " + e.getKey() + " is " + v[i]
                            + "; expected a finite number" + (nonNegative ? " >= 0" : ""));
                }
            }
            out.put(e.getKey(), v);
        }
        return out;
    }
}
