package sketchrnn.render;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sketchrnn.data.SketchStrokes;

/**
 * A panel's sketch as coloured polylines in picture pixels: scaled uniformly to fit its cell less the
 * padding (and half a line width, so no line is clipped), centred, each stroke cut where its colour
 * changes at the panel's {@code splitAt}. Shared by the SVG, PNG and GIF renderers.
 */
final class PanelLines {
    private PanelLines() {
    }

    /**
     * One polyline: vertex {@code v} is point {@code firstPoint + v} of the sketch.
     *
     * @param dot true when the stroke is a single point, drawn as a dot
     */
    record Line(Color color, double[] x, double[] y, int firstPoint, boolean dot) {
        /** The part whose points have index below {@code visiblePoints}, or null when nothing is drawn yet. */
        Line upTo(int visiblePoints) {
            int n = Math.min(x.length, visiblePoints - firstPoint);
            if (n >= x.length) {
                return this;
            }
            if (n < 2) {
                return null; // a single vertex of a longer line is not a line yet
            }
            return new Line(color, Arrays.copyOf(x, n), Arrays.copyOf(y, n), firstPoint, false);
        }
    }

    /** The lines of {@code panel} placed in the cell whose top-left corner is {@code (cellX, cellY)}. */
    static List<Line> of(Panel panel, RenderOptions o, double cellX, double cellY) {
        List<Line> lines = new ArrayList<>();
        if (panel.sketch().size() == 0) {
            return lines;
        }
        double[] b = SketchStrokes.bounds(panel.sketch());
        double margin = o.padding() * o.cellSize() + o.lineWidth() / 2;
        double room = Math.max(1, o.cellSize() - 2 * margin);
        double extent = Math.max(b[2] - b[0], b[3] - b[1]);
        double scale = extent > 1e-9 ? room / extent : 1;
        double ox = cellX + o.cellSize() / 2.0 - scale * (b[0] + b[2]) / 2;
        double oy = cellY + o.cellSize() / 2.0 - scale * (b[1] + b[3]) / 2;
        int split = panel.splitAt();
        List<SketchStrokes.Stroke> strokes = SketchStrokes.of(panel.sketch());
        for (int k = 0; k < strokes.size(); k++) {
            SketchStrokes.Stroke s = strokes.get(k);
            int first = s.first();
            int last = s.last();
            if (o.colorByStroke()) {
                add(lines, s, first, last, o.palette().get(k % o.palette().size()), scale, ox, oy);
                continue;
            }
            if (split > first) { // points first .. split-1 are normal
                add(lines, s, first, Math.min(last, split - 1), o.color(), scale, ox, oy);
            }
            if (last >= split) { // segments into points split .. last are highlighted
                int from = Math.max(first, split - 1);
                add(lines, s, from, last, o.highlightColor(), scale, ox, oy);
            }
        }
        return lines;
    }

    private static void add(List<Line> lines, SketchStrokes.Stroke s, int from, int to, Color color,
                            double scale, double ox, double oy) {
        if (from == to && s.size() > 1) {
            return; // the last point of the normal part only: the highlighted part draws the segment
        }
        int n = to - from + 1;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = ox + scale * s.x()[from - s.first() + i];
            y[i] = oy + scale * s.y()[from - s.first() + i];
        }
        lines.add(new Line(color, x, y, from, s.size() == 1));
    }
}
