package sketchrnn.data;

/**
 * A 2-D affine map as SVG writes it, {@code matrix(a b c d e f)}: a point {@code (x, y)} goes to
 * {@code (a x + c y + e, b x + d y + f)}.
 */
record Affine(double a, double b, double c, double d, double e, double f) {
    static final Affine IDENTITY = new Affine(1, 0, 0, 1, 0, 0);

    static Affine translate(double tx, double ty) {
        return new Affine(1, 0, 0, 1, tx, ty);
    }

    static Affine scale(double sx, double sy) {
        return new Affine(sx, 0, 0, sy, 0, 0);
    }

    /** Rotation by {@code degrees} (positive turns +x towards +y, clockwise on screen). */
    static Affine rotate(double degrees) {
        double r = Math.toRadians(degrees);
        double cos = Math.cos(r);
        double sin = Math.sin(r);
        return new Affine(cos, sin, -sin, cos, 0, 0);
    }

    static Affine skewX(double degrees) {
        return new Affine(1, 0, Math.tan(Math.toRadians(degrees)), 1, 0, 0);
    }

    static Affine skewY(double degrees) {
        return new Affine(1, Math.tan(Math.toRadians(degrees)), 0, 1, 0, 0);
    }

    /** {@code this} after {@code inner}: the map {@code p -> this(inner(p))}. */
    Affine times(Affine inner) {
        return new Affine(
                a * inner.a + c * inner.b,
                b * inner.a + d * inner.b,
                a * inner.c + c * inner.d,
                b * inner.c + d * inner.d,
                a * inner.e + c * inner.f + e,
                b * inner.e + d * inner.f + f);
    }

    double x(double px, double py) {
        return a * px + c * py + e;
    }

    double y(double px, double py) {
        return b * px + d * py + f;
    }
}
