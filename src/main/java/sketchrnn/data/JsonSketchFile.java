package sketchrnn.data;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain JSON sketch file (docs/model.md §2.4): one sketch as {@code [[dx, dy, p], ...]} (stroke-3, §1.1), or
 * a list of sketches {@code [[[dx, dy, p], ...], ...]}. Reading accepts both (and {@code NaN} or
 * {@code Infinity} literals only to reject them with their position); writing uses whole numbers
 * where the values are whole.
 */
public final class JsonSketchFile {
    private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);

    private JsonSketchFile() {
    }

    /** Reads the sketches of a file (a single-sketch file gives a list of one). */
    public static List<Sketch> read(Path file) {
        String text;
        try {
            InputLimits.check(Files.size(file), InputLimits.MAX_TEXT_BYTES, file.getFileName().toString(), "a file size");
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IoErrors.reading(file, e);
        }
        String name = file.getFileName().toString();
        List<Sketch> sketches = parse(text, name);
        for (int s = 0; s < sketches.size(); s++) {
            Sketch k = sketches.get(s);
            for (int i = 0; i < k.size(); i++) {
                String where = name + ": " + (sketches.size() > 1 ? "sketch " + s + ", " : "") + "point " + i;
                InputLimits.coordinate(k.dx(i), where + ": dx");
                InputLimits.coordinate(k.dy(i), where + ": dy");
            }
        }
        return sketches;
    }

    /**
     * Parses JSON text in either form.
     *
     * @param source the name to use in errors (a file name, "request body", ...)
     */
    public static List<Sketch> parse(String json, String source) {
        JsonElement root = parseJson(json, source);
        if (!root.isJsonArray()) {
            throw new BadInputException(source + ": expected a JSON array: [[dx, dy, p], ...] or a list of those");
        }
        JsonArray top = root.getAsJsonArray();
        if (top.isEmpty()) {
            return List.of();
        }
        JsonElement first = top.get(0);
        boolean single = first.isJsonArray() && !first.getAsJsonArray().isEmpty()
                && !first.getAsJsonArray().get(0).isJsonArray();
        if (single) {
            return List.of(sketch(top, source + ": "));
        }
        List<Sketch> out = new ArrayList<>(top.size());
        for (int s = 0; s < top.size(); s++) {
            JsonElement e = top.get(s);
            if (!e.isJsonArray()) {
                throw new BadInputException(source + ": sketch " + s + ": expected an array of [dx, dy, p] points");
            }
            out.add(sketch(e.getAsJsonArray(), source + ": sketch " + s + ", "));
        }
        return out;
    }

    /** Writes sketches as a list (one sketch per line), atomically. */
    public static void write(Path file, List<Sketch> sketches) {
        AtomicFiles.writeString(file, toJson(sketches));
    }

    /** Writes one sketch in the single-sketch form, atomically. */
    public static void write(Path file, Sketch sketch) {
        AtomicFiles.writeString(file, toJson(sketch) + "\n");
    }

    /** A sketch as {@code [[dx, dy, p], ...]} on one line. */
    public static String toJson(Sketch sketch) {
        StringBuilder b = new StringBuilder(sketch.size() * 12);
        b.append('[');
        for (int i = 0; i < sketch.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('[').append(number(sketch.dx(i))).append(',').append(number(sketch.dy(i))).append(',')
                    .append(sketch.penLifted(i) ? 1 : 0).append(']');
        }
        return b.append(']').toString();
    }

    /** Sketches as a list, one sketch per line. */
    public static String toJson(List<Sketch> sketches) {
        StringBuilder b = new StringBuilder("[");
        for (int s = 0; s < sketches.size(); s++) {
            b.append(s == 0 ? "\n" : ",\n").append(toJson(sketches.get(s)));
        }
        return b.append("\n]\n").toString();
    }

    private static String number(float v) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("cannot write a non-finite offset " + v + " as JSON");
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return Float.toString(v);
    }

    private static Sketch sketch(JsonArray points, String where) {
        float[] flat = new float[points.size() * 3];
        for (int i = 0; i < points.size(); i++) {
            JsonElement e = points.get(i);
            if (!e.isJsonArray() || e.getAsJsonArray().size() != 3) {
                throw new BadInputException(where + "point " + i + ": expected [dx, dy, p], got " + shorten(e));
            }
            JsonArray a = e.getAsJsonArray();
            String[] names = {"dx", "dy", "p"};
            for (int k = 0; k < 3; k++) {
                if (!(a.get(k) instanceof JsonPrimitive p) || !(p.isNumber() || isNonFiniteLiteral(p))) {
                    throw new BadInputException(where + "point " + i + ": " + names[k] + " must be a number, got "
                            + shorten(a.get(k)));
                }
                double v = p.getAsDouble();
                if (!Double.isFinite(v)) {
                    throw new BadInputException(where + "point " + i + ": " + names[k] + " is " + p.getAsString()
                            + "; expected a finite number");
                }
                if (k < 2 && !Float.isFinite((float) v)) {
                    throw new BadInputException(where + "point " + i + ": " + names[k] + " is " + p.getAsString()
                            + ", too large; an offset must be within +-3.4e38");
                }
                if (k == 2 && v != 0 && v != 1) {
                    throw new BadInputException(where + "point " + i + ": p is " + p + "; expected 0 or 1");
                }
                flat[3 * i + k] = (float) v;
            }
        }
        return Sketch.ofFlat(flat);
    }

    /** The unquoted literals NaN, Infinity and -Infinity, which the lenient parser reads as strings. */
    private static boolean isNonFiniteLiteral(JsonPrimitive p) {
        return p.isString() && List.of("NaN", "Infinity", "-Infinity", "+Infinity").contains(p.getAsString());
    }

    private static JsonElement parseJson(String json, String source) {
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.LENIENT); // lets NaN and Infinity through, to name their place
            JsonElement e = JSON.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BadInputException(source + ": not valid JSON: text after the value");
            }
            return e;
        } catch (IOException | JsonParseException | IllegalStateException | StackOverflowError e) {
            throw new BadInputException(source + ": not valid JSON: " + JsonSyntax.describe(e)
                    + "; expected [[dx, dy, p], ...] or a list of those", e);
        }
    }

    private static String shorten(JsonElement e) {
        String s = String.valueOf(e);
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
