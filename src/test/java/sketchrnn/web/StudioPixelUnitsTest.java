package sketchrnn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.data.Polylines;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchStrokes;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;
import sketchrnn.sample.SketchModel;

/** The canvas-to-model scale: a drawing across 80% of the canvas is as large as the model's own sketches. */
class StudioPixelUnitsTest {
    @TempDir
    Path dir;

    private static Sketch square(double side) {
        List<double[][]> one = new ArrayList<>();
        one.add(new double[][] {{50, 50}, {50 + side, 50}, {50 + side, 50 + side}, {50, 50 + side}, {50, 50}});
        return Polylines.of(one).toSketch();
    }

    private SketchModel model(double scaleFactor, String file) {
        Path p = dir.resolve(file);
        try (SketchRnn net = SketchRnn.create(HParams.tiny().withConditional(false).withMaxSeqLen(60), 8)) {
            var b = net.parameters().get("output/b");
            float[] v = b.toFloatArray();
            v[2] -= 3f; // sketches long enough to measure
            b.set(v);
            ModelState.capture(net, null, 0, Double.POSITIVE_INFINITY, scaleFactor, List.of("t.npz"), 8, Map.of()).write(p);
        }
        return SketchModel.load(p);
    }

    @Test
    void aDrawingAcross80PercentOfTheCanvasHasTheModelsTypicalSize() {
        PixelUnits quickDraw = PixelUnits.forSize(255, true);
        Sketch data = quickDraw.drawingToData(square(PixelUnits.FILL * PixelUnits.CANVAS_PX));
        double[] b = SketchStrokes.bounds(data);
        assertThat(b[2] - b[0]).isCloseTo(255, within(0.01));
        assertThat(b[3] - b[1]).isCloseTo(255, within(0.01));
        Sketch back = quickDraw.dataToPixels(data);
        assertThat(back.dx(1)).isCloseTo((float) (PixelUnits.FILL * PixelUnits.CANVAS_PX), within(1e-3f));
    }

    @Test
    void aModelWithBiggerSketchesMapsTheCanvasToMoreDataUnits() {
        try (SketchModel small = model(20, "small.ckpt"); SketchModel big = model(80, "big.ckpt")) {
            PixelUnits s = PixelUnits.measure(small);
            PixelUnits b = PixelUnits.measure(big);
            assertThat(s.measured()).isTrue();
            assertThat(b.measured()).isTrue();
            // the same network and seed draw the same sketches, 4 times larger in the data's units
            assertThat(b.typicalSize() / s.typicalSize()).isCloseTo(4.0, within(1e-3));
            assertThat(b.dataUnitsPerPixel()).isCloseTo(b.typicalSize() / (0.8 * 512), within(1e-9));
            // so a drawing on the canvas reaches each model at the model's own size
            Sketch drawn = square(300);
            double[] inSmall = SketchStrokes.bounds(s.drawingToData(drawn));
            double[] inBig = SketchStrokes.bounds(b.drawingToData(drawn));
            assertThat((inBig[2] - inBig[0]) / (inSmall[2] - inSmall[0])).isCloseTo(4.0, within(1e-3));
        }
    }

    @Test
    void aModelWhoseSketchesEndAtOnceGetsTheQuickDrawSize() {
        Path p = dir.resolve("mute.ckpt");
        try (SketchRnn net = SketchRnn.create(HParams.tiny().withConditional(false), 9)) {
            var b = net.parameters().get("output/b");
            float[] v = b.toFloatArray();
            v[2] = 60f; // always the end of the sketch
            b.set(v);
            ModelState.capture(net, null, 0, Double.POSITIVE_INFINITY, 20, List.of("t.npz"), 9, Map.of()).write(p);
        }
        try (SketchModel mute = SketchModel.load(p)) {
            PixelUnits u = PixelUnits.measure(mute);
            assertThat(u.measured()).isFalse();
            assertThat(u.typicalSize()).isEqualTo(PixelUnits.QUICK_DRAW_SIZE);
        }
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
        PixelUnits u = PixelUnits.forSize(255, true);
        Sketch data = u.drawingToData(px);
        assertThat(data.dx(0)).isZero();
        assertThat(data.dy(0)).isZero();
        // a half circle of radius 150 px within 3.2 px: a couple of dozen points, not 200
        assertThat(data.size()).isBetween(8, 40);
        Polylines lines = Polylines.fromSketch(data);
        assertThat(lines.strokeCount()).isEqualTo(2);
        // the second stroke's nearly straight line keeps its ends only
        assertThat(lines.size(1)).isEqualTo(2);
        assertThat(lines.x(1, 1) - lines.x(1, 0)).isCloseTo(200 * u.dataUnitsPerPixel(), within(1e-3));
        assertThat(data.penLifted(data.size() - 1)).isTrue();
    }
}
