package sketchrnn.interop;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import sketchrnn.data.AtomicFiles;
import sketchrnn.data.BadInputException;
import sketchrnn.model.ModelConfig;

/**
 * Reads and writes the published browser model files, {@code .gen.json} (decoder only) and {@code .vae.json}
 * (full VAE): a JSON array {@code [info, shapes, weights]} where {@code weights[k]} is the base64 of
 * little-endian int16 values (see {@link Int16Codec}) filling {@code shapes[k]} row-major (docs/model.md §12).
 *
 * <p>Every problem with a file is a {@link BadInputException} whose one-line message names the file and what
 * was expected. Files are written atomically.
 */
public final class BrowserModelFile {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private BrowserModelFile() {
    }

    /**
     * Reads a {@code .gen.json} or {@code .vae.json} file.
     *
     * @throws BadInputException naming the file when it cannot be read or is not a valid browser model
     */
    public static BrowserModel read(Path file) {
        String source = file.toString();
        String text;
        try {
            sketchrnn.data.InputLimits.check(Files.size(file), sketchrnn.data.InputLimits.MAX_TEXT_BYTES, source, "a file size");
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(source + ": no such file; expected a browser model (.gen.json or .vae.json)", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException(source + ": not UTF-8 text; expected a browser model's JSON", e);
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(text, source, defaultName(file));
    }

    /**
     * Parses a browser model.
     *
     * @param source      what to call it in messages (the file)
     * @param defaultName the model name to use when the info has none
     * @throws BadInputException naming {@code source} when it is not a valid browser model
     */
    public static BrowserModel parse(String text, String source, String defaultName) {
        JsonElement root = parseJson(text, source);
        if (!root.isJsonArray() || root.getAsJsonArray().size() != 3) {
            throw new BadInputException(source + ": expected a JSON array [info, shapes, weights], found "
                    + BrowserInfo.kind(root));
        }
        JsonArray top = root.getAsJsonArray();
        BrowserInfo info = BrowserInfo.fromJson(top.get(0), source, defaultName);
        BrowserLayout layout = BrowserLayout.of(!info.decoderOnly());
        JsonArray shapesJson = array(top.get(1), 1, "shapes", source);
        JsonArray weightsJson = array(top.get(2), 2, "weights", source);
        String expectCount = "; expected " + layout.arrayCount() + " for a "
                + (layout.conditional() ? "VAE file (info.mode is " + info.modeText()
                        + "; decoder-only files have mode 2 or \"gen\")"
                        : "decoder-only file (info.mode is " + info.modeText() + ")");
        if (shapesJson.size() != layout.arrayCount()) {
            throw new BadInputException(source + ": has " + shapesJson.size() + " shapes" + expectCount);
        }
        if (weightsJson.size() != layout.arrayCount()) {
            throw new BadInputException(source + ": has " + weightsJson.size() + " weight arrays" + expectCount);
        }
        List<String> names = layout.names();
        List<long[]> shapes = new ArrayList<>();
        for (int k = 0; k < shapesJson.size(); k++) {
            shapes.add(shape(shapesJson.get(k), k, names.get(k), layout.formula(k), source));
        }
        BrowserSizes sizes = layout.deriveSizes(shapes, source);
        layout.check(shapes, sizes, source);
        List<NamedArray> arrays = new ArrayList<>();
        for (int k = 0; k < weightsJson.size(); k++) {
            JsonElement w = weightsJson.get(k);
            String what = source + ": array " + k + " (" + names.get(k) + ", shape " + Arrays.toString(shapes.get(k)) + ")";
            if (!(w instanceof JsonPrimitive p && p.isString())) {
                throw new BadInputException(what + " is " + BrowserInfo.kind(w) + "; expected a base64 string");
            }
            try {
                float[] values = Int16Codec.decode(w.getAsString(), (int) NamedArray.size(shapes.get(k)));
                arrays.add(new NamedArray(names.get(k), shapes.get(k), values));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(what + " " + e.getMessage(), e);
            }
        }
        return new BrowserModel(info, layout, sizes, arrays);
    }

    /**
     * Writes a model: its info as it is, its arrays quantised to int16 (values beyond +-10 are clipped).
     *
     * @throws BadInputException when {@code target} is named {@code .gen.json} for a VAE or {@code .vae.json}
     *                           for a decoder-only model, or an array holds NaN or infinity
     */
    public static void write(Path target, BrowserModel model) {
        String name = target.getFileName().toString();
        if (name.endsWith(".gen.json") && model.conditional()) {
            throw new BadInputException(target + ": a .gen.json file holds a decoder-only model; write this VAE to a .vae.json file");
        }
        if (name.endsWith(".vae.json") && !model.conditional()) {
            throw new BadInputException(target + ": a .vae.json file holds a full VAE; write this decoder-only model to a .gen.json file");
        }
        List<String> encoded = new ArrayList<>();
        for (NamedArray a : model.arrays()) {
            try {
                encoded.add(Int16Codec.encode(a.values()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("cannot export to " + target + ": array " + a.name() + ", " + e.getMessage(), e);
            }
        }
        AtomicFiles.write(target, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            JsonWriter json = new JsonWriter(writer);
            json.beginArray();
            GSON.toJson(model.info().toJson(), json);
            json.beginArray();
            for (NamedArray a : model.arrays()) {
                json.beginArray();
                for (long d : a.shape()) {
                    json.value(d);
                }
                json.endArray();
            }
            json.endArray();
            json.beginArray();
            for (String s : encoded) {
                json.value(s);
            }
            json.endArray();
            json.endArray();
            json.flush();
            writer.write('\n');
            writer.flush();
        });
    }

    /**
     * Exports a trained model: {@code .gen.json} for {@code conditional=false}, {@code .vae.json} for
     * {@code conditional=true}, mode 2 or {@value BrowserInfo#VAE_MODE}, version 6.
     *
     * @param weights the model's arrays by project name (see {@link BrowserLayout})
     * @return the model as written (before quantisation)
     * @throws BadInputException when the model uses another cell than {@code lstm} (the browser runtime
     *                           implements the plain LSTM only) or another mixture size than 20
     * @see BrowserModel#forExport
     */
    public static BrowserModel export(Path target, ModelConfig config, Map<String, float[]> weights, ExportInfo info) {
        BrowserModel model = BrowserModel.forExport(config, weights, info);
        write(target, model);
        return model;
    }

    /** The model name a file implies: its name without {@code .gen.json}, {@code .vae.json} or {@code .json}. */
    public static String defaultName(Path file) {
        String n = file.getFileName().toString();
        for (String suffix : List.of(".gen.json", ".vae.json", ".json")) {
            if (n.endsWith(suffix)) {
                return n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }

    private static JsonElement parseJson(String text, String source) {
        JsonReader json = new JsonReader(new StringReader(text));
        json.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = JsonParser.parseReader(json);
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw new BadInputException(source + ": has text after the JSON value; expected one JSON array [info, shapes, weights]");
            }
            return root;
        } catch (JsonParseException | IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof EOFException || String.valueOf(cause.getMessage()).startsWith("Unterminated string")) {
                throw new BadInputException(source + ": JSON ends early (truncated file?); expected a complete array [info, shapes, weights]", e);
            }
            throw new BadInputException(source + ": not valid JSON: " + sketchrnn.data.JsonSyntax.describe(cause)
                    + "; expected an array [info, shapes, weights]", e);
        }
    }

    private static JsonArray array(JsonElement e, int index, String what, String source) {
        if (!e.isJsonArray()) {
            throw new BadInputException(source + ": element " + index + " (" + what + ") must be a JSON array, found "
                    + BrowserInfo.kind(e));
        }
        return e.getAsJsonArray();
    }

    private static long[] shape(JsonElement e, int k, String name, String formula, String source) {
        String bad = source + ": shape " + k + " (" + name + ") is " + e + "; expected " + formula
                + ", one or two positive integers";
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty() || e.getAsJsonArray().size() > 2) {
            throw new BadInputException(bad);
        }
        JsonArray a = e.getAsJsonArray();
        long[] shape = new long[a.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonElement d = a.get(i);
            if (!(d instanceof JsonPrimitive p && p.isNumber())) {
                throw new BadInputException(bad);
            }
            double v = p.getAsDouble();
            if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
                throw new BadInputException(bad);
            }
            shape[i] = (long) v;
        }
        if (NamedArray.size(shape) < 0) {
            throw new BadInputException(source + ": shape " + k + " (" + name + ") " + Arrays.toString(shape)
                    + " is too large for one array");
        }
        return shape;
    }
}
