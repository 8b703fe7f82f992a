package sketchrnn.data;

import java.util.List;

/**
 * One Quick, Draw! drawing with its metadata, as the ndjson and {@code .bin} files hold it (docs/model.md §2.2-2.3).
 *
 * @param keyId       the drawing's unique id (a 64-bit unsigned integer, kept as its decimal text)
 * @param word        the category the player was asked to draw ("" when unknown)
 * @param countryCode two-letter country code of the player ("" when unknown)
 * @param recognized  whether the game recognised the drawing
 * @param timestamp   when it was drawn, as the files write it ("2017-03-10 22:17:57.57466 UTC"; for
 *                    {@code .bin} files, whole seconds); "" when unknown
 * @param strokes     the strokes as absolute polylines (raw: screen pixels; simplified: 0..255)
 * @param times       per stroke, the time in milliseconds of every point (raw files only; empty
 *                    otherwise)
 */
public record QuickDrawDrawing(String keyId, String word, String countryCode, boolean recognized,
        String timestamp, Polylines strokes, List<double[]> times) {
    public QuickDrawDrawing {
        times = List.copyOf(times);
    }

    /**
     * True for a drawing in the raw format, which needs {@link QuickDrawSimplifier simplification}
     * before training: it has timing arrays or a coordinate that is not a whole number.
     */
    public boolean isRaw() {
        return !times.isEmpty() || !strokes.isIntegral();
    }

    /** The drawing in stroke-3, in its own units (no simplification). */
    public Sketch toSketch() {
        return strokes.toSketch();
    }

    /** The drawing ready for sketch-rnn: raw drawings are simplified first, then converted to stroke-3. */
    public Sketch toSimplifiedSketch() {
        return (isRaw() ? QuickDrawSimplifier.simplify(strokes) : strokes).toSketch();
    }

    /** This drawing's metadata with other strokes and no timing. */
    public QuickDrawDrawing withStrokes(Polylines newStrokes) {
        return new QuickDrawDrawing(keyId, word, countryCode, recognized, timestamp, newStrokes, List.of());
    }
}
