package sketchrnn.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import sketchrnn.data.BadInputException;
import sketchrnn.data.JsonSketchFile;
import sketchrnn.data.JsonSyntax;
import sketchrnn.data.Sketch;

/**
 * Typed, checked access to the fields of a JSON request body. Every mistake is a 400 whose message names
 * the field and what it should be; unknown fields are refused too, so that a typo is not silently ignored.
 */
final class RequestFields {
    /** Largest offset accepted in a sketch, in either unit. */
    static final double MAX_OFFSET = 10_000;

    private final JsonObject body;

    RequestFields(JsonObject body, Set<String> allowed) {
        this.body = body;
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                throw ApiException.badRequest("unknown field '" + key + "'; this request takes: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    boolean has(String name) {
        return body.has(name) && !body.get(name).isJsonNull();
    }

    String string(String name) {
        if (!has(name)) {
            throw ApiException.badRequest("missing field '" + name + "'");
        }
        JsonElement e = body.get(name);
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            throw ApiException.badRequest("'" + name + "' must be a string");
        }
        return p.getAsString();
    }

    String string(String name, String fallback, List<String> allowed) {
        String v = has(name) ? string(name) : fallback;
        if (!allowed.contains(v)) {
            throw ApiException.badRequest("'" + name + "' is '" + shorten(v) + "'; expected one of " + String.join(", ", allowed));
        }
        return v;
    }

    private double number(String name) {
        JsonElement e = body.get(name);
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw ApiException.badRequest("'" + name + "' must be a number");
        }
        double v = p.getAsDouble();
        if (!Double.isFinite(v)) {
            throw ApiException.badRequest("'" + name + "' must be a finite number");
        }
        return v;
    }

    /** A whole number in {@code [min, max]}, or the fallback when absent. */
    int integer(String name, int fallback, int min, int max) {
        if (!has(name)) {
            return fallback;
        }
        double v = number(name);
        if (v != Math.rint(v)) {
            throw ApiException.badRequest("'" + name + "' must be a whole number, got " + format(v));
        }
        if (v < min || v > max) {
            throw ApiException.badRequest("'" + name + "' is " + format(v) + "; allowed: " + min + ".." + max);
        }
        return (int) v;
    }

    /** A number in {@code (minExclusive, max]}, or the fallback when absent. */
    double number(String name, double fallback, double minExclusive, double max) {
        if (!has(name)) {
            return fallback;
        }
        double v = number(name);
        if (!(v > minExclusive && v <= max)) {
            throw ApiException.badRequest("'" + name + "' is " + format(v) + "; allowed: more than " + format(minExclusive)
                    + ", at most " + format(max));
        }
        return v;
    }

    /** A whole number that fits a long, or null when absent. */
    Long optionalLong(String name) {
        if (!has(name)) {
            return null;
        }
        JsonElement e = body.get(name);
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw ApiException.badRequest("'" + name + "' must be a whole number");
        }
        try {
            return p.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException | NumberFormatException x) {
            throw ApiException.badRequest("'" + name + "' must be a whole number between -2^63 and 2^63-1");
        }
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = body.get(name);
        if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) {
            throw ApiException.badRequest("'" + name + "' must be true or false");
        }
        return p.getAsBoolean();
    }

    JsonArray array(String name) {
        if (!has(name)) {
            throw ApiException.badRequest("missing field '" + name + "'");
        }
        JsonElement e = body.get(name);
        if (!e.isJsonArray()) {
            throw ApiException.badRequest("'" + name + "' must be an array");
        }
        return e.getAsJsonArray();
    }

    /** A required stroke-3 sketch of 1..maxPoints points. */
    Sketch sketch(String name, int maxPoints) {
        if (!has(name)) {
            throw ApiException.badRequest("missing field '" + name + "' (a sketch: [[dx, dy, p], ...])");
        }
        return sketchOf(body.get(name), name, maxPoints);
    }

    /** A stroke-3 sketch of 1..maxPoints points, with offsets within {@link #MAX_OFFSET}. */
    static Sketch sketchOf(JsonElement e, String name, int maxPoints) {
        if (!e.isJsonArray()) {
            throw ApiException.badRequest("'" + name + "' must be a sketch: an array of [dx, dy, p] points");
        }
        JsonArray a = e.getAsJsonArray();
        if (a.isEmpty()) {
            throw ApiException.badRequest("'" + name + "' is an empty sketch; draw something first");
        }
        if (a.size() > maxPoints) {
            throw ApiException.badRequest("'" + name + "' has " + a.size() + " points; at most " + maxPoints + " are allowed");
        }
        if (!a.get(0).isJsonArray() || (!a.get(0).getAsJsonArray().isEmpty() && a.get(0).getAsJsonArray().get(0).isJsonArray())) {
            throw ApiException.badRequest("'" + name + "' must be one sketch: an array of [dx, dy, p] points");
        }
        List<Sketch> parsed;
        try {
            parsed = JsonSketchFile.parse(a.toString(), name);
        } catch (BadInputException x) {
            throw ApiException.badRequest(x.getMessage());
        }
        Sketch s = parsed.get(0);
        for (int i = 0; i < s.size(); i++) {
            if (Math.abs(s.dx(i)) > MAX_OFFSET || Math.abs(s.dy(i)) > MAX_OFFSET) {
                throw ApiException.badRequest(name + ": point " + i + ": offsets must be within +-" + format(MAX_OFFSET));
            }
        }
        return s;
    }

    static String format(double v) {
        return JsonSyntax.number(v);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
