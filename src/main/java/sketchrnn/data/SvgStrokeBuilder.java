package sketchrnn.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns SVG geometry into strokes of absolute points in the document's user units: each subpath
 * becomes one stroke. Coordinates pass through the current element's transform first; curves and
 * arcs are then cut into line segments in user units, each no longer than {@code step}, so points
 * are evenly dense whatever the transform. Straight segments stay single segments.
 */
final class SvgStrokeBuilder implements SvgPathSink {
    /** Deepest curve subdivision: at most 2^12 segments for one curve. */
    private static final int MAX_DEPTH = 12;

    private final double step;
    private final int maxPoints;
    private final List<double[]> strokes = new ArrayList<>();
    private Affine transform = Affine.IDENTITY;
    private int totalPoints;

    // current subpath: local (untransformed) coordinates of the current and first points
    private double localX;
    private double localY;
    private double startLocalX;
    private double startLocalY;
    private boolean hasStart;
    // points of the current stroke in user units, x0, y0, x1, y1, ...
    private double[] current = new double[64];
    private int currentLength;

    SvgStrokeBuilder(double step, int maxPoints) {
        this.step = step;
        this.maxPoints = maxPoints;
    }

    /** The map from the next element's coordinates to user units; ends any open subpath. */
    void setTransform(Affine t) {
        finishStroke();
        hasStart = false;
        transform = t;
    }

    /** The strokes so far: each {@code [x0, y0, x1, y1, ...]} in user units. */
    List<double[]> strokes() {
        finishStroke();
        return strokes;
    }

    @Override
    public void moveTo(double x, double y) {
        finishStroke();
        localX = x;
        localY = y;
        startLocalX = x;
        startLocalY = y;
        hasStart = true;
    }

    @Override
    public void lineTo(double x, double y) {
        beginIfNeeded();
        add(transform.x(x, y), transform.y(x, y));
        localX = x;
        localY = y;
    }

    @Override
    public void cubicTo(double x1, double y1, double x2, double y2, double x, double y) {
        beginIfNeeded();
        Affine t = transform;
        double[] c = {
            t.x(localX, localY), t.y(localX, localY), t.x(x1, y1), t.y(x1, y1),
            t.x(x2, y2), t.y(x2, y2), t.x(x, y), t.y(x, y)};
        flatten(c, 0);
        localX = x;
        localY = y;
    }

    @Override
    public void quadTo(double x1, double y1, double x, double y) {
        // a quadratic is the cubic with controls two thirds of the way to its control point
        cubicTo(localX + 2.0 / 3 * (x1 - localX), localY + 2.0 / 3 * (y1 - localY),
                x + 2.0 / 3 * (x1 - x), y + 2.0 / 3 * (y1 - y), x, y);
    }

    @Override
    public void arcTo(double rx, double ry, double rotationDeg, boolean largeArc, boolean sweep, double x, double y) {
        SvgArc.toCubics(localX, localY, rx, ry, rotationDeg, largeArc, sweep, x, y, this);
        localX = x;
        localY = y;
    }

    @Override
    public void closePath() {
        if (!hasStart) {
            return;
        }
        lineTo(startLocalX, startLocalY);
        finishStroke();
        localX = startLocalX;
        localY = startLocalY;
    }

    private void beginIfNeeded() {
        if (!hasStart) {
            throw new SvgScanner.SyntaxError("drawing without a current point (a moveto must come first)");
        }
        if (currentLength == 0) {
            add(transform.x(localX, localY), transform.y(localX, localY));
        }
    }

    /** Adds the end points of pieces of cubic {@code c} (user units), each piece at most {@code step} long. */
    private void flatten(double[] c, int depth) {
        double polygon = Math.hypot(c[2] - c[0], c[3] - c[1]) + Math.hypot(c[4] - c[2], c[5] - c[3])
                + Math.hypot(c[6] - c[4], c[7] - c[5]);
        if (polygon <= step || depth >= MAX_DEPTH) {
            add(c[6], c[7]);
            return;
        }
        // de Casteljau split at t = 1/2
        double x01 = (c[0] + c[2]) / 2;
        double y01 = (c[1] + c[3]) / 2;
        double x12 = (c[2] + c[4]) / 2;
        double y12 = (c[3] + c[5]) / 2;
        double x23 = (c[4] + c[6]) / 2;
        double y23 = (c[5] + c[7]) / 2;
        double xa = (x01 + x12) / 2;
        double ya = (y01 + y12) / 2;
        double xb = (x12 + x23) / 2;
        double yb = (y12 + y23) / 2;
        double xm = (xa + xb) / 2;
        double ym = (ya + yb) / 2;
        flatten(new double[] {c[0], c[1], x01, y01, xa, ya, xm, ym}, depth + 1);
        flatten(new double[] {xm, ym, xb, yb, x23, y23, c[6], c[7]}, depth + 1);
    }

    private void add(double x, double y) {
        if (currentLength >= 2 && current[currentLength - 2] == x && current[currentLength - 1] == y) {
            return;
        }
        if (++totalPoints > maxPoints) {
            throw new SvgScanner.SyntaxError("the drawing has more than " + maxPoints
                    + " points once curves are cut into segments; scale it down");
        }
        if (currentLength + 2 > current.length) {
            current = java.util.Arrays.copyOf(current, current.length * 2);
        }
        current[currentLength++] = x;
        current[currentLength++] = y;
    }

    private void finishStroke() {
        if (currentLength > 0) {
            strokes.add(java.util.Arrays.copyOf(current, currentLength));
            currentLength = 0;
        }
    }
}
