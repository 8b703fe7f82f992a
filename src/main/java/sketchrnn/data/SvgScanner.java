package sketchrnn.data;

/**
 * Reads the number lists of SVG attributes ({@code d}, {@code points}, {@code transform}): numbers in
 * the SVG grammar ({@code -1.5e3}, {@code .5.5} is two numbers, {@code 1-2} is two numbers), arc flags
 * that need no separator ({@code 10} after a flag position is {@code 1} then {@code 0}), commas and
 * white space. Errors throw {@link SyntaxError} with the position and what was expected.
 */
final class SvgScanner {
    /** Malformed attribute text; the message says where and what was expected. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;

    SvgScanner(String text) {
        this.text = text == null ? "" : text;
    }

    /** Current position (0-based character index). */
    int position() {
        return pos;
    }

    boolean atEnd() {
        skipSpace();
        return pos >= text.length();
    }

    /** Skips white space. */
    void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Skips white space and at most one comma (with white space around it). */
    void skipCommaSpace() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            skipSpace();
        }
    }

    /** The next non-space character without consuming it, or 0 at the end. */
    char peek() {
        skipSpace();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** Consumes and returns the next non-space character. */
    char next() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos++);
    }

    /** True when a number starts at the next non-space (or after one comma) position. */
    boolean startsNumber() {
        skipSpace();
        int p = pos;
        if (p < text.length() && text.charAt(p) == ',') {
            p++;
            while (p < text.length() && isSpace(text.charAt(p))) {
                p++;
            }
        }
        if (p >= text.length()) {
            return false;
        }
        char c = text.charAt(p);
        return isDigit(c) || c == '.' || c == '-' || c == '+';
    }

    /** Reads a number (after optional white space and one comma). */
    double number(String what) {
        skipCommaSpace();
        int start = pos;
        int p = pos;
        if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
            p++;
        }
        int digits = 0;
        while (p < text.length() && isDigit(text.charAt(p))) {
            p++;
            digits++;
        }
        if (p < text.length() && text.charAt(p) == '.') {
            p++;
            while (p < text.length() && isDigit(text.charAt(p))) {
                p++;
                digits++;
            }
        }
        if (digits == 0) {
            throw error("expected " + what + " (a number)");
        }
        if (p < text.length() && (text.charAt(p) == 'e' || text.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < text.length() && (text.charAt(q) == '+' || text.charAt(q) == '-')) {
                q++;
            }
            int expDigits = 0;
            while (q < text.length() && isDigit(text.charAt(q))) {
                q++;
                expDigits++;
            }
            if (expDigits > 0) {
                p = q;
            }
        }
        pos = p;
        double v = Double.parseDouble(text.substring(start, p));
        if (!Double.isFinite(v)) {
            pos = start;
            throw error("expected " + what + " (a finite number)");
        }
        return v;
    }

    /** Reads an arc flag: a single {@code 0} or {@code 1}, which needs no separator after it. */
    boolean flag(String what) {
        skipCommaSpace();
        if (pos < text.length() && (text.charAt(pos) == '0' || text.charAt(pos) == '1')) {
            return text.charAt(pos++) == '1';
        }
        throw error("expected " + what + " (0 or 1)");
    }

    /** Reads an identifier such as a transform name ({@code translate}), or returns "" if none. */
    String word() {
        skipCommaSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetter(text.charAt(pos)))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** Consumes {@code c} (after white space) or fails saying it was expected. */
    void expect(char c) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** An error at the current position, quoting a little of the text there. */
    SyntaxError error(String message) {
        if (pos >= text.length()) {
            return new SyntaxError(message + " at the end of \"" + abbreviate(text, 40) + "\"");
        }
        String near = abbreviate(text.substring(pos), 20);
        return new SyntaxError(message + " at character " + (pos + 1) + " (near \"" + near + "\")");
    }

    private static String abbreviate(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max) + "...";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
