package sketchrnn.web;

import java.util.ArrayList;
import java.util.List;
import sketchrnn.data.Polylines;
import sketchrnn.data.Rdp;
import sketchrnn.data.Sketch;

/**
 * How the studio's canvas pixels map to a model's data units, and back.
 *
 * <p>The page draws on a square canvas of {@value #CANVAS_PX} logical pixels (whatever its size on
 * screen). Training sketches (Quick, Draw! and the sketch-rnn data sets) are about 250 data units across:
 * Quick, Draw! drawings are scaled so their larger side is 255. We map the canvas side to {@code 320} data
 * units ({@value #DATA_UNITS_PER_PIXEL} data units per pixel), so a drawing that fills 80% of the canvas
 * has the size of a typical training sketch. A person's drawing is then simplified as Quick, Draw!
 * simplified its data (Ramer-Douglas-Peucker with epsilon {@value #RDP_EPSILON} data units on each stroke),
 * so its points are as far apart as the model is used to; and it starts at the model's origin (its first
 * offset is zeroed, as training sketches start near it). The model's answers come back multiplied by
 * the inverse factor.
 */
public final class PixelUnits {
    /** Side of the page's square canvas, in logical pixels. */
    public static final int CANVAS_PX = 512;
    /** Data units per canvas pixel: the canvas side is 320 data units. */
    public static final double DATA_UNITS_PER_PIXEL = 320.0 / CANVAS_PX;
    /** RDP tolerance for a person's strokes, in data units (as Quick, Draw!'s simplified data). */
    public static final double RDP_EPSILON = 2.0;

    private PixelUnits() {
    }

    /** A drawing in canvas pixels as the model should see it: in data units, simplified, from the origin. */
    public static Sketch drawingToData(Sketch pixels) {
        if (pixels.size() == 0) {
            return pixels;
        }
        Polylines lines = Polylines.fromSketch(pixels.scaled((float) DATA_UNITS_PER_PIXEL, (float) DATA_UNITS_PER_PIXEL));
        double x0 = lines.x(0, 0);
        double y0 = lines.y(0, 0);
        List<double[][]> strokes = new ArrayList<>();
        for (double[][] stroke : lines.strokes()) {
            double[][] moved = new double[stroke.length][];
            for (int i = 0; i < stroke.length; i++) {
                moved[i] = new double[] {stroke[i][0] - x0, stroke[i][1] - y0};
            }
            strokes.add(Rdp.simplify(moved, RDP_EPSILON));
        }
        Sketch s = Polylines.of(strokes).toSketch();
        if (pixels.size() > 0 && !pixels.penLifted(pixels.size() - 1)) {
            // Keep an unfinished last stroke unfinished: Polylines ends every stroke with a lift.
            float[] flat = s.toFlat();
            flat[flat.length - 1] = 0;
            s = Sketch.ofFlat(flat);
        }
        return s;
    }

    /** Model output in data units as canvas pixels. */
    public static Sketch dataToPixels(Sketch data) {
        float k = (float) (1 / DATA_UNITS_PER_PIXEL);
        return data.scaled(k, k);
    }
}
