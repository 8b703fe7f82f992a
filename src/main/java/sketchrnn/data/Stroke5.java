package sketchrnn.data;

import java.util.List;

/**
 * Conversions between stroke-3 {@link Sketch}es and the model's stroke-5 rows (docs/model.md §1.2).
 *
 * <p>A stroke-5 row is {@code (dx, dy, p1, p2, p3)}: {@code p1} the pen stays down after the point,
 * {@code p2} the pen lifts after it, {@code p3} the sketch has ended. A real point {@code (dx, dy, p)}
 * becomes {@code (dx, dy, 1-p, p, 0)}; the end padding is {@code (0, 0, 0, 0, 1)}; the start token
 * {@code S0 = (0, 0, 1, 0, 0)} comes before the first point.
 */
public final class Stroke5 {
    /** Values per stroke-5 row. */
    public static final int WIDTH = 5;

    private Stroke5() {
    }

    /**
     * One sketch as {@code (maxLen+1, 5)} row-major stroke-5: row 0 is {@code S0}, rows {@code 1..n}
     * the points, rows {@code n+1..maxLen} the end padding.
     *
     * @throws BadInputException when the sketch has more than {@code maxLen} points
     */
    public static float[] encode(Sketch s, int maxLen) {
        float[] out = new float[(maxLen + 1) * WIDTH];
        write(s, maxLen, out, 0);
        return out;
    }

    /**
     * Back to stroke-3 from {@code n} stroke-5 rows (no start token) at the start of {@code rows}.
     * Each row's pen state is the argmax of its three pen values (first wins a tie), so both one-hot
     * data and a model's pen probabilities or logits decode; the sketch ends before the first row whose
     * pen state is {@code p3} (all {@code n} rows are points when there is none).
     */
    public static Sketch decode(float[] rows, int n) {
        if (n < 0 || rows.length < n * WIDTH) {
            throw new IllegalArgumentException("need " + n + " rows of 5 values, got " + rows.length + " values");
        }
        // 1. Find the end: the first row whose pen state is p3.
        int len = n;
        for (int i = 0; i < n; i++) {
            if (penState(rows, i * WIDTH) == 2) {
                len = i;
                break;
            }
        }
        // 2. Copy the offsets; the pen lifts after a point whose state is p2.
        float[] flat = new float[len * 3];
        for (int i = 0; i < len; i++) {
            flat[3 * i] = rows[i * WIDTH];
            flat[3 * i + 1] = rows[i * WIDTH + 1];
            flat[3 * i + 2] = penState(rows, i * WIDTH) == 1 ? 1f : 0f;
        }
        return Sketch.ofFlat(flat);
    }

    /**
     * The pen state of the row starting at {@code offset}: 0 ({@code p1}, pen down), 1 ({@code p2}, pen
     * lifts) or 2 ({@code p3}, end), the argmax of its three pen values, the first one on ties.
     */
    public static int penState(float[] rows, int offset) {
        float p1 = rows[offset + 2];
        float p2 = rows[offset + 3];
        float p3 = rows[offset + 4];
        if (p1 >= p2 && p1 >= p3) {
            return 0;
        }
        return p2 >= p3 ? 1 : 2;
    }

    /**
     * A batch of the given (already normalised, possibly augmented) sketches padded to {@code padTo} points,
     * in list order; see {@link Batch} for the layout.
     *
     * @throws BadInputException when a sketch has more than {@code padTo} points
     */
    public static Batch batch(List<Sketch> sketches, int padTo) {
        int b = sketches.size();
        int rowsPerSketch = (padTo + 1) * WIDTH;
        float[] strokes = new float[b * rowsPerSketch];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            Sketch s = sketches.get(i);
            write(s, padTo, strokes, i * rowsPerSketch);
            lengths[i] = s.size();
        }
        return new Batch(strokes, lengths, b, padTo);
    }

    /** Sketch {@code b} of a batch, read back from its rows {@code 1..lengths[b]}. */
    public static Sketch sketchOf(Batch batch, int b) {
        int len = batch.lengths()[b];
        float[] flat = new float[len * 3];
        for (int i = 0; i < len; i++) {
            int r = batch.row(b, i + 1);                                              // row 0 is S0
            flat[3 * i] = batch.strokes()[r];
            flat[3 * i + 1] = batch.strokes()[r + 1];
            flat[3 * i + 2] = batch.strokes()[r + 3];
        }
        return Sketch.ofFlat(flat);
    }

    /** Writes S0, the points and the padding of {@code s} as {@code maxLen+1} rows at {@code at}. */
    private static void write(Sketch s, int maxLen, float[] out, int at) {
        int n = s.size();
        if (n > maxLen) {
            throw new BadInputException("a sketch of " + n + " points does not fit in " + maxLen
                    + " (max_seq_len): shorten it or raise max_seq_len");
        }
        // 1. The start token S0 = (0, 0, 1, 0, 0).
        out[at + 2] = 1f;
        // 2. The points (dx, dy, 1-p, p, 0).
        for (int i = 0; i < n; i++) {
            int r = at + (i + 1) * WIDTH;
            float p = s.penLifted(i) ? 1f : 0f;
            out[r] = s.dx(i);
            out[r + 1] = s.dy(i);
            out[r + 2] = 1f - p;
            out[r + 3] = p;
        }
        // 3. The end padding (0, 0, 0, 0, 1).
        for (int i = n + 1; i <= maxLen; i++) {
            out[at + i * WIDTH + 4] = 1f;
        }
    }
}
