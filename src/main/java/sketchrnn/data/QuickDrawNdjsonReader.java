package sketchrnn.data;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Quick, Draw! ndjson files (docs/model.md §2.2), raw ({@code [[x...], [y...], [t...]]} per stroke) and
 * simplified ({@code [[x...], [y...]]}), one drawing per line, streaming so that whole category files
 * fit. Blank lines are ignored. A line that is not a JSON drawing is an error naming
 * {@code file:line}, unless the reader skips bad lines, in which case it counts them.
 */
public final class QuickDrawNdjsonReader {
    private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);

    private final boolean skipBad;

    /**
     * @param skipBad skip (and count) lines that are not valid JSON or not a drawing, instead of failing
     */
    public QuickDrawNdjsonReader(boolean skipBad) {
        this.skipBad = skipBad;
    }

    /** The drawings of a file and how many bad lines were skipped. */
    public record Result(List<QuickDrawDrawing> drawings, int skipped) {
        public Result {
            drawings = List.copyOf(drawings);
        }
    }

    /** Reads every drawing of a file into memory. */
    public Result readAll(Path file) {
        List<QuickDrawDrawing> drawings = new ArrayList<>();
        int skipped = read(file, drawings::add);
        return new Result(drawings, skipped);
    }

    /**
     * Streams the drawings of a file to {@code sink}, in file order.
     *
     * @return the number of bad lines skipped (always 0 for a reader that does not skip)
     */
    public int read(Path file, Consumer<QuickDrawDrawing> sink) {
        int skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            StringBuilder buffer = new StringBuilder();
            while ((line = readLine(in, buffer)) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                QuickDrawDrawing drawing;
                try {
                    if (line == TOO_LONG) {
                        throw new BadInputException(file.getFileName() + ":" + number + ": the line is longer than "
                                + InputLimits.MAX_LINE_CHARS + " characters; expected one Quick, Draw! drawing per line");
                    }
                    drawing = parse(line, file.getFileName() + ":" + number);
                    try {
                        sink.accept(drawing); // may simplify it, which may find it too long or intricate
                    } catch (BadInputException e) {
                        throw new BadInputException(file.getFileName() + ":" + number + ": " + e.getMessage(), e);
                    }
                } catch (BadInputException e) {
                    if (!skipBad) {
                        throw e;
                    }
                    skipped++;
                }
            }
        } catch (IOException e) {
            throw IoErrors.reading(file, e);
        }
        return skipped;
    }

    /** Marks a line over the limit (its characters are skipped, not kept). */
    private static final String TOO_LONG = new String("line too long");

    /** The next line without its end ({@code \n}, {@code \r\n} or {@code \r}), at most {@link InputLimits#MAX_LINE_CHARS} kept. */
    private static String readLine(BufferedReader in, StringBuilder b) throws IOException {
        b.setLength(0);
        boolean over = false;
        int c = in.read();
        if (c < 0) {
            return null;
        }
        for (; c >= 0 && c != '\n' && c != '\r'; c = in.read()) {
            if (b.length() >= InputLimits.MAX_LINE_CHARS) {
                over = true;
                continue;
            }
            b.append((char) c);
        }
        if (c == '\r') {
            in.mark(1);
            if (in.read() != '\n') {
                in.reset();
            }
        }
        return over ? TOO_LONG : b.toString();
    }

    /**
     * Parses one ndjson line.
     *
     * @param where the place to name in errors, e.g. {@code cat.ndjson:12}
     * @throws BadInputException when the line is not a JSON object with a valid {@code drawing}
     */
    public static QuickDrawDrawing parse(String line, String where) {
        JsonElement element = parseJson(line, where);
        if (!element.isJsonObject()) {
            throw new BadInputException(where + ": expected a JSON object (one Quick, Draw! drawing per line)");
        }
        JsonObject o = element.getAsJsonObject();
        JsonElement drawing = o.get("drawing");
        if (drawing == null || !drawing.isJsonArray()) {
            throw new BadInputException(where + ": expected a \"drawing\" array of strokes");
        }
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<double[]> ts = new ArrayList<>();
        JsonArray strokes = drawing.getAsJsonArray();
        long points = 0;
        for (int s = 0; s < strokes.size(); s++) {
            double[][] arrays = stroke(strokes.get(s), where + ": stroke " + s);
            points += arrays[0].length;
            if (points > InputLimits.MAX_POINTS) {
                throw new BadInputException(where + ": more than " + InputLimits.MAX_POINTS + " points in the drawing");
            }
            xs.add(arrays[0]);
            ys.add(arrays[1]);
            if (arrays.length == 3) {
                ts.add(arrays[2]);
            }
        }
        if (!ts.isEmpty() && ts.size() != xs.size()) {
            throw new BadInputException(where + ": some strokes have times and some do not; expected all or none");
        }
        return new QuickDrawDrawing(text(o, "key_id"), text(o, "word"), text(o, "countrycode"),
                o.has("recognized") && o.get("recognized").isJsonPrimitive() && o.get("recognized").getAsBoolean(),
                text(o, "timestamp"), Polylines.ofCoordinates(xs, ys), ts);
    }

    private static JsonElement parseJson(String line, String where) {
        try {
            JsonReader reader = new JsonReader(new StringReader(line));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JSON.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BadInputException(where + ": not valid JSON (text after the value); expected one JSON object per line");
            }
            return element;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new BadInputException(where + ": not valid JSON: " + JsonSyntax.describe(e)
                    + "; expected one JSON object per line", e);
        }
    }

    /** {@code [[x...], [y...]]} or {@code [[x...], [y...], [t...]]} of equal lengths, at least one point. */
    private static double[][] stroke(JsonElement e, String where) {
        if (!e.isJsonArray() || (e.getAsJsonArray().size() != 2 && e.getAsJsonArray().size() != 3)) {
            throw new BadInputException(where + ": expected [[x...], [y...]] or [[x...], [y...], [t...]]");
        }
        JsonArray a = e.getAsJsonArray();
        double[][] out = new double[a.size()][];
        String[] names = {"x", "y", "t"};
        for (int k = 0; k < a.size(); k++) {
            out[k] = numbers(a.get(k), where + ": " + names[k]);
            for (int i = 0; k < 2 && i < out[k].length; i++) {
                InputLimits.coordinate(out[k][i], where + ": " + names[k] + "[" + i + "]");
            }
            if (out[k].length != out[0].length) {
                throw new BadInputException(where + ": " + out[0].length + " x values but " + out[k].length + " "
                        + names[k] + " values; expected the same number");
            }
        }
        if (out[0].length == 0) {
            throw new BadInputException(where + ": expected at least one point");
        }
        return out;
    }

    private static double[] numbers(JsonElement e, String where) {
        if (!e.isJsonArray()) {
            throw new BadInputException(where + ": expected an array of numbers");
        }
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = a.get(i);
            if (!(v instanceof JsonPrimitive p) || !p.isNumber() || !Double.isFinite(p.getAsDouble())) {
                throw new BadInputException(where + "[" + i + "]: expected a finite number, got " + shorten(String.valueOf(v)));
            }
            out[i] = p.getAsDouble();
        }
        return out;
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
