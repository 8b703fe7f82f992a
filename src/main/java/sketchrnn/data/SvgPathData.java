package sketchrnn.data;

/**
 * Parses the {@code d} attribute of an SVG {@code path}: every command of SVG 1.1 in absolute and
 * relative form ({@code M L H V C S Q T A Z}), implicit repetition (extra coordinates repeat the
 * command; after a moveto they are linetos), smooth curves reflecting the previous control point, and
 * the rule that a command after {@code Z} starts a new subpath at the closed subpath's first point.
 * Everything reaches the sink in absolute coordinates.
 */
final class SvgPathData {
    private SvgPathData() {
    }

    /** Parses {@code d} into {@code sink}; malformed data throws {@link SvgScanner.SyntaxError}. */
    static void parse(String d, SvgPathSink sink) {
        new Parser(d, sink).run();
    }

    private static final class Parser {
        private final SvgScanner s;
        private final SvgPathSink sink;
        private double x;
        private double y;
        private double startX;
        private double startY;
        /** The second control point of the previous C/S (for S) or the control of Q/T (for T). */
        private double ctrlX;
        private double ctrlY;
        private char previous; // upper-case previous command, 0 at the start
        private boolean closed; // Z was the last command: the next drawing command starts a subpath

        Parser(String d, SvgPathSink sink) {
            this.s = new SvgScanner(d);
            this.sink = sink;
        }

        void run() {
            if (s.atEnd()) {
                return;
            }
            char first = s.peek();
            if (first != 'M' && first != 'm') {
                throw s.error("path data must start with a moveto (M or m)");
            }
            char command = 0;
            while (!s.atEnd()) {
                char c = s.peek();
                if (Character.isLetter(c) && c != 'e' && c != 'E') {
                    command = s.next();
                    execute(command);
                } else if (command == 0 || command == 'Z' || command == 'z') {
                    throw s.error("expected a path command letter");
                } else {
                    // implicit repetition; after a moveto, extra pairs are linetos
                    char repeated = command == 'M' ? 'L' : command == 'm' ? 'l' : command;
                    execute(repeated);
                }
            }
        }

        private void execute(char command) {
            boolean rel = Character.isLowerCase(command);
            char upper = Character.toUpperCase(command);
            double ox = rel ? x : 0;
            double oy = rel ? y : 0;
            if (upper != 'M' && upper != 'Z' && closed) {
                sink.moveTo(x, y);
            }
            switch (upper) {
                case 'M' -> {
                    x = ox + s.number("the x of a moveto");
                    y = oy + s.number("the y of a moveto");
                    startX = x;
                    startY = y;
                    sink.moveTo(x, y);
                }
                case 'L' -> {
                    x = ox + s.number("the x of a lineto");
                    y = oy + s.number("the y of a lineto");
                    sink.lineTo(x, y);
                }
                case 'H' -> {
                    x = ox + s.number("the x of a horizontal lineto");
                    sink.lineTo(x, y);
                }
                case 'V' -> {
                    y = oy + s.number("the y of a vertical lineto");
                    sink.lineTo(x, y);
                }
                case 'C' -> {
                    double x1 = ox + s.number("x1 of a curveto");
                    double y1 = oy + s.number("y1 of a curveto");
                    double x2 = ox + s.number("x2 of a curveto");
                    double y2 = oy + s.number("y2 of a curveto");
                    cubic(x1, y1, x2, y2, ox + s.number("the x of a curveto"), oy + s.number("the y of a curveto"));
                }
                case 'S' -> {
                    boolean reflect = previous == 'C' || previous == 'S';
                    double x1 = reflect ? 2 * x - ctrlX : x;
                    double y1 = reflect ? 2 * y - ctrlY : y;
                    double x2 = ox + s.number("x2 of a smooth curveto");
                    double y2 = oy + s.number("y2 of a smooth curveto");
                    cubic(x1, y1, x2, y2, ox + s.number("the x of a smooth curveto"),
                            oy + s.number("the y of a smooth curveto"));
                }
                case 'Q' -> {
                    double x1 = ox + s.number("x1 of a quadratic curveto");
                    double y1 = oy + s.number("y1 of a quadratic curveto");
                    quad(x1, y1, ox + s.number("the x of a quadratic curveto"),
                            oy + s.number("the y of a quadratic curveto"));
                }
                case 'T' -> {
                    boolean reflect = previous == 'Q' || previous == 'T';
                    double x1 = reflect ? 2 * x - ctrlX : x;
                    double y1 = reflect ? 2 * y - ctrlY : y;
                    quad(x1, y1, ox + s.number("the x of a smooth quadratic curveto"),
                            oy + s.number("the y of a smooth quadratic curveto"));
                }
                case 'A' -> {
                    double rx = s.number("rx of an arc");
                    double ry = s.number("ry of an arc");
                    double rotation = s.number("the x-axis rotation of an arc");
                    boolean large = s.flag("the large-arc flag of an arc");
                    boolean sweep = s.flag("the sweep flag of an arc");
                    x = ox + s.number("the x of an arc");
                    y = oy + s.number("the y of an arc");
                    sink.arcTo(rx, ry, rotation, large, sweep, x, y);
                }
                case 'Z' -> {
                    sink.closePath();
                    x = startX;
                    y = startY;
                }
                default -> throw new SvgScanner.SyntaxError("unknown path command '" + command + "' at character "
                        + s.position() + " (expected one of M L H V C S Q T A Z, or lower case)");
            }
            closed = upper == 'Z';
            previous = upper;
        }

        private void cubic(double x1, double y1, double x2, double y2, double ex, double ey) {
            sink.cubicTo(x1, y1, x2, y2, ex, ey);
            ctrlX = x2;
            ctrlY = y2;
            x = ex;
            y = ey;
        }

        private void quad(double x1, double y1, double ex, double ey) {
            sink.quadTo(x1, y1, ex, ey);
            ctrlX = x1;
            ctrlY = y1;
            x = ex;
            y = ey;
        }
    }
}
