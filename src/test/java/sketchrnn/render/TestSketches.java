package sketchrnn.render;

import sketchrnn.data.Sketch;

/** Small hand-made sketches for the renderer tests. */
final class TestSketches {
    private TestSketches() {
    }

    /**
     * A house: a square body (0,0)-(100,100) drawn as one stroke, a roof of two segments, a door, and a
     * single-point window dot at (15, 30). 13 points, 4 strokes.
     */
    static Sketch house() {
        return Sketch.of(new float[][] {
            {0, 0, 0}, {100, 0, 0}, {0, 100, 0}, {-100, 0, 0}, {0, -100, 1}, // body, closed
            {0, 0, 0}, {50, -40.333f, 0}, {50, 40.333f, 1},                 // roof
            {-60, 100, 0}, {0, -35.5f, 0}, {-15, 0, 0}, {0, 35.5f, 1},      // door
            {-10, -70, 1},                                                   // a dot: the window
        });
    }

    /** A square outline with corners (0,0) and (100,100), one stroke of 5 points. */
    static Sketch square() {
        return Sketch.of(new float[][] {{0, 0, 0}, {100, 0, 0}, {0, 100, 0}, {-100, 0, 0}, {0, -100, 1}});
    }

    /** A zig-zag of {@code n} points in one stroke. */
    static Sketch zigzag(int n) {
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {i == 0 ? 0 : 10, i == 0 ? 0 : (i % 2 == 0 ? -20 : 20), i == n - 1 ? 1 : 0};
        }
        return Sketch.of(rows);
    }
}
