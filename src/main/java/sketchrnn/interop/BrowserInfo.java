package sketchrnn.interop;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import sketchrnn.data.BadInputException;

/**
 * The first element of a browser model file (docs/model.md §12): what the model is and how to scale its inputs.
 *
 * <p>{@code mode} follows the runtimes exactly: the number {@code 2} or the string {@code "gen"} mean a
 * decoder-only model; anything else (Google's VAE files use {@value #VAE_MODE}) means a full VAE.
 * {@code version} below 6 means the runtime applies {@code tanh} to z before the initial-state layer; a file
 * without a version is treated as current, as the runtimes do.
 *
 * @param name         the model's name (QuickDraw class, e.g. {@code "bird"})
 * @param mode         the {@code mode} field as written in the file ({@link JsonNull} when absent)
 * @param version      the format version, when present
 * @param maxSeqLen    the longest sketch of the training data, in points (the sampling cap)
 * @param scaleFactor  converts model units to data units: inputs are divided by it, outputs multiplied
 * @param rLoss        reconstruction loss on the evaluation set, when recorded
 * @param klLoss       KL loss on the evaluation set, when recorded
 * @param trainingSize number of training sketches, when recorded
 * @param otherFields  every other info field, kept as written, in file order
 */
public record BrowserInfo(
        String name,
        JsonElement mode,
        OptionalInt version,
        int maxSeqLen,
        double scaleFactor,
        OptionalDouble rLoss,
        OptionalDouble klLoss,
        OptionalLong trainingSize,
        Map<String, JsonElement> otherFields) {

    /** The {@code mode} of decoder-only files. */
    public static final int GEN_MODE = 2;
    /**
     * The {@code mode} written for VAE files: 0, the value {@code @magenta/sketch} documents for VAE models
     * ({@code SketchRNNInfo.mode}: "0 for VAE") and one of the two values sketch-rnn-js reads as a VAE.
     */
    public static final int VAE_MODE = 0;
    /** The format version this project writes. */
    public static final int CURRENT_VERSION = 6;

    private static final Set<String> KNOWN = Set.of("name", "mode", "version", "max_seq_len", "scale_factor",
            "r_loss", "kl_loss", "training_size");

    public BrowserInfo {
        Objects.requireNonNull(name, "name");
        mode = mode == null ? JsonNull.INSTANCE : mode.deepCopy();
        if (!(maxSeqLen > 0)) {
            throw new IllegalArgumentException("max_seq_len must be positive, got " + maxSeqLen);
        }
        if (!(scaleFactor > 0) || !Double.isFinite(scaleFactor)) {
            throw new IllegalArgumentException("scale_factor must be a positive number, got " + scaleFactor);
        }
        Map<String, JsonElement> copy = new LinkedHashMap<>();
        otherFields.forEach((k, v) -> {
            if (KNOWN.contains(k)) {
                throw new IllegalArgumentException("'" + k + "' is a known info field, not an other field");
            }
            copy.put(k, v.deepCopy());
        });
        otherFields = Collections.unmodifiableMap(copy);
    }

    /** The info of a model this project exports: current version, mode from {@code decoderOnly}, no extras. */
    public static BrowserInfo forExport(boolean decoderOnly, ExportInfo export) {
        return new BrowserInfo(export.name(), new JsonPrimitive(decoderOnly ? GEN_MODE : VAE_MODE),
                OptionalInt.of(CURRENT_VERSION), export.maxSeqLen(), export.scaleFactor(), export.rLoss(),
                export.klLoss(), export.trainingSize(), Map.of());
    }

    /** True when the runtimes read this as a decoder-only model: mode is the number 2 or the string "gen". */
    public boolean decoderOnly() {
        if (mode instanceof JsonPrimitive p) {
            if (p.isNumber()) {
                return p.getAsDouble() == GEN_MODE;
            }
            return p.isString() && p.getAsString().equals("gen");
        }
        return false;
    }

    /** True for files older than version 6, whose VAE applies tanh to z before the initial-state layer. */
    public boolean tanhZ() {
        return version.isPresent() && version.getAsInt() < 6;
    }

    /** The mode as the file spells it, for messages ({@code missing} when absent). */
    public String modeText() {
        return mode.isJsonNull() ? "missing" : mode.toString();
    }

    /**
     * Reads the info object of a file.
     *
     * @param source      the file, for messages
     * @param defaultName the name to use when the file has none
     * @throws BadInputException naming the file and the field when a field is missing or invalid
     */
    public static BrowserInfo fromJson(JsonElement json, String source, String defaultName) {
        if (!json.isJsonObject()) {
            throw new BadInputException(source + ": element 0 (info) must be a JSON object, found " + kind(json));
        }
        JsonObject o = json.getAsJsonObject();
        String name = defaultName;
        if (o.has("name")) {
            JsonElement n = o.get("name");
            if (!(n instanceof JsonPrimitive p && p.isString())) {
                throw new BadInputException(source + ": info.name must be a string, found " + n);
            }
            name = n.getAsString();
        }
        OptionalInt version = o.has("version")
                ? OptionalInt.of((int) integer(o, "version", source, Integer.MIN_VALUE)) : OptionalInt.empty();
        if (!o.has("max_seq_len")) {
            throw new BadInputException(source + ": info.max_seq_len is missing; expected the longest sketch length, a positive integer");
        }
        int maxSeqLen = (int) integer(o, "max_seq_len", source, 1);
        if (maxSeqLen > sketchrnn.model.ModelConfig.MAX_SEQ_LEN) {
            // a sampling cap of 1e9 points would be allocated (and drawn) before anything checked it
            throw new BadInputException(source + ": info.max_seq_len is " + maxSeqLen + "; expected at most "
                    + sketchrnn.model.ModelConfig.MAX_SEQ_LEN + " points");
        }
        if (!o.has("scale_factor")) {
            throw new BadInputException(source + ": info.scale_factor is missing; expected a positive number (model units to data units)");
        }
        double scale = number(o, "scale_factor", source);
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new BadInputException(source + ": info.scale_factor is " + o.get("scale_factor") + "; expected a positive number");
        }
        OptionalDouble rLoss = o.has("r_loss") ? OptionalDouble.of(number(o, "r_loss", source)) : OptionalDouble.empty();
        OptionalDouble klLoss = o.has("kl_loss") ? OptionalDouble.of(number(o, "kl_loss", source)) : OptionalDouble.empty();
        OptionalLong trainingSize = o.has("training_size")
                ? OptionalLong.of(integer(o, "training_size", source, 0)) : OptionalLong.empty();
        Map<String, JsonElement> others = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                others.put(e.getKey(), e.getValue());
            }
        }
        return new BrowserInfo(name, o.has("mode") ? o.get("mode") : JsonNull.INSTANCE, version, maxSeqLen, scale,
                rLoss, klLoss, trainingSize, others);
    }

    /** The info object as written: mode, version, max_seq_len, name, scale_factor, losses, then other fields. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        if (!mode.isJsonNull()) {
            o.add("mode", mode.deepCopy());
        }
        version.ifPresent(v -> o.addProperty("version", v));
        o.addProperty("max_seq_len", maxSeqLen);
        o.addProperty("name", name);
        o.addProperty("scale_factor", scaleFactor);
        rLoss.ifPresent(v -> o.addProperty("r_loss", v));
        klLoss.ifPresent(v -> o.addProperty("kl_loss", v));
        trainingSize.ifPresent(v -> o.addProperty("training_size", v));
        otherFields.forEach((k, v) -> o.add(k, v.deepCopy()));
        return o;
    }

    private static double number(JsonObject o, String key, String source) {
        JsonElement v = o.get(key);
        if (v instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (Double.isFinite(d)) {
                return d;
            }
        }
        throw new BadInputException(source + ": info." + key + " is " + v + "; expected a number");
    }

    private static long integer(JsonObject o, String key, String source, long min) {
        JsonElement v = o.get(key);
        if (v instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (d == Math.rint(d) && d >= min && d <= Integer.MAX_VALUE) {
                return (long) d;
            }
        }
        String expected = min == 1 ? "a positive integer" : min == 0 ? "an integer >= 0" : "an integer";
        throw new BadInputException(source + ": info." + key + " is " + v + "; expected " + expected);
    }

    static String kind(JsonElement e) {
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array of " + e.getAsJsonArray().size();
        }
        return e.isJsonNull() ? "null" : e.toString();
    }
}
