package sketchrnn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sketchrnn.data.Polylines;
import sketchrnn.data.Sketch;

/** The canvas-to-model scale: a drawing the size of the canvas becomes a training-sized sketch, simplified. */
class StudioPixelUnitsTest {
    @Test
    void aDrawingAcross80PercentOfTheCanvasIsAsLargeAsAQuickDrawSketch() {
        double side = 0.8 * PixelUnits.CANVAS_PX;
        List<double[][]> one = new ArrayList<>();
        one.add(new double[][] {{50, 50}, {50 + side, 50}, {50 + side, 50 + side},
            {50, 50 + side}, {50, 50}});
        Sketch square = Polylines.of(one).toSketch();
        Sketch data = PixelUnits.drawingToData(square);
        double[] b = sketchrnn.data.SketchStrokes.bounds(data);
        assertThat(b[2] - b[0]).isCloseTo(256, within(0.01));
        assertThat(b[3] - b[1]).isCloseTo(256, within(0.01));
    }

    @Test
    void theDrawingStartsAtTheOriginAndDensePointerSamplesAreSimplified() {
        List<double[][]> strokes = new ArrayList<>();
        double[][] arc = new double[200][];
        for (int i = 0; i < 200; i++) {
            double a = Math.PI * i / 199;
            arc[i] = new double[] {300 + 150 * Math.cos(a), 300 - 150 * Math.sin(a)};
        }
        strokes.add(arc);
        strokes.add(new double[][] {{100, 400}, {101, 400.5}, {102, 401}, {300, 400}});
        Sketch px = Polylines.of(strokes).toSketch();
        Sketch data = PixelUnits.drawingToData(px);
        assertThat(data.dx(0)).isZero();
        assertThat(data.dy(0)).isZero();
        // a half circle of radius 94 data units within 2 units: a couple of dozen points, not 200
        assertThat(data.size()).isBetween(8, 40);
        // strokes survive: two pen lifts, the last point ends the drawing
        int lifts = 0;
        for (int i = 0; i < data.size(); i++) {
            lifts += data.penLifted(i) ? 1 : 0;
        }
        assertThat(lifts).isEqualTo(2);
        // the second stroke's nearly straight line keeps its ends only
        Polylines lines = Polylines.fromSketch(data);
        assertThat(lines.strokeCount()).isEqualTo(2);
        assertThat(lines.size(1)).isEqualTo(2);
        assertThat(lines.x(1, 1) - lines.x(1, 0)).isCloseTo(200 * PixelUnits.DATA_UNITS_PER_PIXEL, within(1e-3));
    }

    @Test
    void modelOutputGoesBackToPixelsWithTheInverseScale() {
        Sketch data = Sketch.of(new float[][] {{10, -20, 0}, {5, 5, 1}});
        Sketch px = PixelUnits.dataToPixels(data);
        assertThat(px.dx(0)).isCloseTo(16f, within(1e-4f));
        assertThat(px.dy(0)).isCloseTo(-32f, within(1e-4f));
        assertThat(px.penLifted(1)).isTrue();
    }
}
