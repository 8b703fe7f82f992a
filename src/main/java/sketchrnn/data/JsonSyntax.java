package sketchrnn.data;

import java.io.EOFException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of JSON errors, for every reader of JSON (sketch files, Quick, Draw! lines, browser models, the
 * studio's requests): where the text is wrong and what was expected, in plain words, without the parser's
 * class names or advice ({@code MalformedJsonException: Use JsonReader.setStrictness(...)}); and numbers as
 * a person writes them ({@code 2.5}, not {@code 2.50000}).
 */
public final class JsonSyntax {
    private static final Pattern POSITION = Pattern.compile("at line (\\d+) column (\\d+)");
    private static final Pattern CLASS_PREFIX = Pattern.compile("^([A-Za-z_$][\\w$]*\\.)+[\\w$]*: ");

    private JsonSyntax() {
    }

    /**
     * "line 1, column 9: expected a value" (or without the position when the parser gave none), from what Gson
     * threw while reading: a {@code JsonParseException}, an {@code IOException} such as
     * {@code MalformedJsonException} or {@code EOFException}, an {@code IllegalStateException} or a
     * {@code StackOverflowError}.
     */
    public static String describe(Throwable error) {
        // the deepest cause that names a position (Gson wraps its MalformedJsonException, repeating its message)
        Throwable chosen = error;
        int depth = 0;
        for (Throwable t = error; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof StackOverflowError) {
                return "nested too deeply";
            }
            if (t instanceof EOFException || (t.getMessage() != null && POSITION.matcher(t.getMessage()).find())) {
                chosen = t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String m = chosen.getMessage() == null ? "" : chosen.getMessage().lines().findFirst().orElse("");
        m = CLASS_PREFIX.matcher(m).replaceFirst("");
        Matcher at = POSITION.matcher(m);
        String where = at.find() ? "line " + at.group(1) + ", column " + at.group(2) + ": " : "";
        return where + what(m, chosen instanceof EOFException);
    }

    private static String what(String m, boolean eof) {
        String s = m.toLowerCase(Locale.ROOT);
        if (eof || s.startsWith("end of input")) {
            return "the text ends too early (is the file cut short, or a bracket not closed?)";
        }
        if (s.startsWith("unterminated array")) {
            return "expected ',' or ']' in an array";
        }
        if (s.startsWith("unterminated object")) {
            return "expected ',' or '}' in an object";
        }
        if (s.startsWith("unterminated string")) {
            return "a string is not closed with '\"'";
        }
        if (s.startsWith("expected name")) {
            return "expected a field name in double quotes";
        }
        if (s.startsWith("expected ':'")) {
            return "expected ':' after a field name";
        }
        if (s.startsWith("expected value")) {
            return "expected a value (a number, a string, an array [...], an object {...}, true, false or null)";
        }
        if (s.contains("nesting limit") || s.contains("nesting")) {
            return "nested too deeply";
        }
        if (s.contains("escape")) {
            return "a string has an invalid escape sequence";
        }
        if (s.contains("setstrictness") || s.contains("lenient")) {
            return "not allowed in JSON (unquoted text, a comment, single quotes, a trailing comma or NaN?)";
        }
        return "malformed JSON";
    }

    /** A number as a person writes it: 2.5, 3, 0.001, 1e308. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e15) {
            return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v).replace("E", "e").replace(".0e", "e");
    }
}
