package sketchrnn.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sketchrnn.data.Polylines;
import sketchrnn.data.Rdp;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchStrokes;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SketchModel;

/**
 * How the studio's canvas pixels map to one model's data units, and back.
 *
 * <p>The page draws on a square canvas of {@value #CANVAS_PX} logical pixels (whatever its size on screen).
 * A drawing that fills {@value #FILL} of the canvas side should be as large as the sketches the model was
 * trained on, whose size differs from model to model (Quick, Draw! drawings are 255 units across, Google's
 * published sheep model draws about 800, its rain model 3 500). So each model is <em>measured</em>: it draws
 * {@value #MEASURE_COUNT} sketches (fixed seed, temperature 0.5) and the median of their larger sides is its
 * typical size; {@code dataUnitsPerPixel = typical size / (0.8 * 512)}. A model whose sketches are too short
 * to measure gets the Quick, Draw! size, 255.
 *
 * <p>A person's strokes are simplified as Quick, Draw! simplified its data (Ramer-Douglas-Peucker with a
 * tolerance of 2 in 255, here {@value #RDP_EPSILON_PX} canvas pixels), so their points are as far apart as
 * the model is used to, and the drawing starts at the model's origin (its first offset is zeroed), as
 * training sketches do. The model's answers come back divided by the same factor.
 *
 * @param dataUnitsPerPixel data units per canvas pixel
 * @param typicalSize       the model's typical sketch size in data units (the larger side)
 * @param measured          false when the fallback size was used
 */
public record PixelUnits(double dataUnitsPerPixel, double typicalSize, boolean measured) {
    /** Side of the page's square canvas, in logical pixels. */
    public static final int CANVAS_PX = 512;
    /** The part of the canvas side that a typical sketch fills. */
    public static final double FILL = 0.8;
    /** RDP tolerance for a person's strokes in canvas pixels: Quick, Draw!'s 2 units in 255. */
    public static final double RDP_EPSILON_PX = 2.0 / 255 * FILL * CANVAS_PX;
    /** The size of a Quick, Draw! drawing, for models that cannot be measured. */
    public static final double QUICK_DRAW_SIZE = 255;
    static final int MEASURE_COUNT = 8;
    static final long MEASURE_SEED = 20170411;

    /** The scale for a model whose sketches are {@code typicalSize} data units across. */
    public static PixelUnits forSize(double typicalSize, boolean measured) {
        return new PixelUnits(typicalSize / (FILL * CANVAS_PX), typicalSize, measured);
    }

    /** Measures the model's typical sketch size (a batch of {@value #MEASURE_COUNT} samples). */
    public static PixelUnits measure(SketchModel model) {
        List<Sketch> samples = model.sample(MEASURE_COUNT,
                SamplingOptions.defaults().withSeed(MEASURE_SEED).withTemperature(0.5));
        double[] sizes = samples.stream().filter(s -> s.size() >= 2).mapToDouble(s -> {
            double[] b = SketchStrokes.bounds(s);
            return Math.max(b[2] - b[0], b[3] - b[1]);
        }).filter(v -> Double.isFinite(v) && v > 1e-3).sorted().toArray();
        if (sizes.length < MEASURE_COUNT / 2) {
            return forSize(QUICK_DRAW_SIZE, false);
        }
        double median = sizes.length % 2 == 1 ? sizes[sizes.length / 2]
                : (sizes[sizes.length / 2 - 1] + sizes[sizes.length / 2]) / 2;
        return forSize(Math.min(Math.max(median, 1), 1e6), true);
    }

    /** A drawing in canvas pixels as the model should see it: simplified, from the origin, in data units. */
    public Sketch drawingToData(Sketch pixels) {
        if (pixels.size() == 0) {
            return pixels;
        }
        Polylines lines = Polylines.fromSketch(pixels);
        double x0 = lines.x(0, 0);
        double y0 = lines.y(0, 0);
        List<double[][]> strokes = new ArrayList<>();
        for (double[][] stroke : lines.strokes()) {
            double[][] simple = Rdp.simplify(stroke, RDP_EPSILON_PX);
            double[][] moved = new double[simple.length][];
            for (int i = 0; i < simple.length; i++) {
                moved[i] = new double[] {(simple[i][0] - x0) * dataUnitsPerPixel, (simple[i][1] - y0) * dataUnitsPerPixel};
            }
            strokes.add(moved);
        }
        Sketch s = Polylines.of(strokes).toSketch();
        if (!pixels.penLifted(pixels.size() - 1)) {
            // keep an unfinished last stroke unfinished: Polylines ends every stroke with a lift
            float[] flat = s.toFlat();
            flat[flat.length - 1] = 0;
            s = Sketch.ofFlat(flat);
        }
        return s;
    }

    /** Model output in data units as canvas pixels. */
    public Sketch dataToPixels(Sketch data) {
        float k = (float) (1 / dataUnitsPerPixel);
        return data.scaled(k, k);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.3f data units per px (sketches %s %.0f units across)",
                dataUnitsPerPixel, measured ? "measured at" : "assumed", typicalSize);
    }
}
