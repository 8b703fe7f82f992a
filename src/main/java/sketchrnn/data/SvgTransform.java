package sketchrnn.data;

/**
 * Parses an SVG {@code transform} attribute: a list of {@code matrix}, {@code translate},
 * {@code scale}, {@code rotate} (with optional centre), {@code skewX} and {@code skewY}, applied
 * right to left as the SVG specification says (the rightmost acts on the coordinates first).
 */
final class SvgTransform {
    private SvgTransform() {
    }

    /** The map the attribute value denotes; empty or null text is the identity. */
    static Affine parse(String text) {
        Affine m = Affine.IDENTITY;
        if (text == null) {
            return m;
        }
        SvgScanner s = new SvgScanner(text);
        while (!s.atEnd()) {
            String name = s.word();
            if (name.isEmpty()) {
                throw s.error("expected a transform name (matrix, translate, scale, rotate, skewX or skewY)");
            }
            s.expect('(');
            Affine t = switch (name) {
                case "matrix" -> new Affine(s.number("a"), s.number("b"), s.number("c"),
                        s.number("d"), s.number("e"), s.number("f"));
                case "translate" -> {
                    double tx = s.number("tx");
                    yield Affine.translate(tx, s.startsNumber() ? s.number("ty") : 0);
                }
                case "scale" -> {
                    double sx = s.number("sx");
                    yield Affine.scale(sx, s.startsNumber() ? s.number("sy") : sx);
                }
                case "rotate" -> {
                    double angle = s.number("angle");
                    if (s.startsNumber()) {
                        double cx = s.number("cx");
                        double cy = s.number("cy");
                        yield Affine.translate(cx, cy).times(Affine.rotate(angle)).times(Affine.translate(-cx, -cy));
                    }
                    yield Affine.rotate(angle);
                }
                case "skewX" -> Affine.skewX(s.number("angle"));
                case "skewY" -> Affine.skewY(s.number("angle"));
                default -> throw new SvgScanner.SyntaxError("unknown transform '" + name
                        + "' (expected matrix, translate, scale, rotate, skewX or skewY)");
            };
            s.expect(')');
            m = m.times(t);
            s.skipCommaSpace();
        }
        return m;
    }
}
