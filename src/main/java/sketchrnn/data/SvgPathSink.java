package sketchrnn.data;

/**
 * Receives geometry in absolute coordinates of the element's own (untransformed) system, as
 * {@link SvgPathData} and the basic shapes produce it. A {@code moveTo} starts a new subpath.
 */
interface SvgPathSink {
    void moveTo(double x, double y);

    void lineTo(double x, double y);

    /** A cubic Bezier from the current point through controls {@code (x1, y1)}, {@code (x2, y2)}. */
    void cubicTo(double x1, double y1, double x2, double y2, double x, double y);

    /** A quadratic Bezier from the current point through control {@code (x1, y1)}. */
    void quadTo(double x1, double y1, double x, double y);

    /** An elliptical arc from the current point, with SVG's endpoint parameters. */
    void arcTo(double rx, double ry, double xAxisRotationDeg, boolean largeArc, boolean sweep, double x, double y);

    /** Draws back to the subpath's first point and ends the subpath. */
    void closePath();
}
