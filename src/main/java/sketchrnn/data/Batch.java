package sketchrnn.data;

/**
 * A batch of sketches in stroke-5 (docs/model.md §1.2), ready for the model.
 *
 * <p>{@code strokes} is {@code (B, T+1, 5)} row-major: row 0 of every sketch is the start token
 * {@code S0 = (0, 0, 1, 0, 0)}, rows {@code 1..len} are the real points {@code (dx, dy, 1-p, p, 0)}
 * and rows {@code len+1..T} are the end padding {@code (0, 0, 0, 0, 1)}. The decoder is fed rows
 * {@code 0..T-1} and predicts rows {@code 1..T}; the encoder reads rows {@code 1..len}. Every reader of the
 * layout finds a row with {@link #row} (or copies it with {@link #copyRow}), nowhere else is it indexed by hand.
 *
 * @param strokes (B, T+1, 5) row-major stroke-5 data
 * @param lengths the true number of points of each sketch (each at most {@code maxLen})
 * @param size    B, the number of sketches
 * @param maxLen  T, the padded length (N_max)
 */
public record Batch(float[] strokes, int[] lengths, int size, int maxLen) {
    /** Values per point: {@code (dx, dy, p1, p2, p3)}. */
    public static final int WIDTH = 5;

    public Batch {
        if (lengths.length != size) {
            throw new IllegalArgumentException("lengths has " + lengths.length + " entries, batch size is " + size);
        }
        if (strokes.length != size * (maxLen + 1) * 5) {
            throw new IllegalArgumentException("strokes has " + strokes.length + " values, expected B*(T+1)*5 = "
                    + size * (maxLen + 1) * 5);
        }
        for (int b = 0; b < size; b++) {
            if (lengths[b] < 0 || lengths[b] > maxLen) {
                throw new IllegalArgumentException("length " + lengths[b] + " of sketch " + b + " is outside 0.." + maxLen);
            }
        }
    }

    /** Where row {@code t} ({@code 0..T}: S0, the points, the padding) of sketch {@code b} starts in {@link #strokes}. */
    public int row(int b, int t) {
        return (b * (maxLen + 1) + t) * WIDTH;
    }

    /** Copies row {@code t} of sketch {@code b} (its {@link #WIDTH} values) to {@code out[at..]}. */
    public void copyRow(int b, int t, float[] out, int at) {
        System.arraycopy(strokes, row(b, t), out, at, WIDTH);
    }
}
