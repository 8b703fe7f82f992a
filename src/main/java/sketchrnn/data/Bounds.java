package sketchrnn.data;

/**
 * The axis-aligned bounding box of a drawing, in the drawing's units. An empty drawing has the
 * box {@code (0, 0, 0, 0)}.
 *
 * @param minX smallest x of any point
 * @param minY smallest y of any point
 * @param maxX largest x of any point
 * @param maxY largest y of any point
 */
public record Bounds(double minX, double minY, double maxX, double maxY) {
    /** The box of nothing: all zero. */
    public static final Bounds EMPTY = new Bounds(0, 0, 0, 0);

    /** {@code maxX - minX}. */
    public double width() {
        return maxX - minX;
    }

    /** {@code maxY - minY}. */
    public double height() {
        return maxY - minY;
    }

    /** The larger of {@link #width()} and {@link #height()}. */
    public double largerSide() {
        return Math.max(width(), height());
    }

    /** The bounds of absolute polylines. */
    public static Bounds of(Polylines drawing) {
        if (drawing.pointCount() == 0) {
            return EMPTY;
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < drawing.strokeCount(); s++) {
            for (int i = 0; i < drawing.size(s); i++) {
                double x = drawing.x(s, i);
                double y = drawing.y(s, i);
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
            }
        }
        return new Bounds(minX, minY, maxX, maxY);
    }

    /** The bounds of a stroke-3 sketch drawn from the origin (its absolute points). */
    public static Bounds of(Sketch sketch) {
        return of(Polylines.fromSketch(sketch));
    }
}
