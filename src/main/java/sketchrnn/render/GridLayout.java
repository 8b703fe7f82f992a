package sketchrnn.render;

import java.util.List;
import java.util.function.ToDoubleFunction;
import sketchrnn.data.BadInputException;

/**
 * Where the cells of a picture go: {@code columns x rows} square cells of {@code cellSize} pixels,
 * each followed by a caption band when any panel has a caption.
 */
final class GridLayout {
    /** Largest picture side and area we agree to draw. */
    static final int MAX_SIDE = 32768;
    static final long MAX_PIXELS = 1L << 28;

    final int columns;
    final int rows;
    final int cellSize;
    final int band;
    final int width;
    final int height;
    private final RenderOptions options;

    private GridLayout(int columns, int rows, int band, RenderOptions o) {
        this.columns = columns;
        this.rows = rows;
        this.cellSize = o.cellSize();
        this.band = band;
        this.width = columns * cellSize;
        this.height = rows * (cellSize + band);
        this.options = o;
    }

    static GridLayout of(List<Panel> panels, RenderOptions o) {
        int n = panels.size();
        if (n == 0) {
            throw new BadInputException("nothing to draw: no sketches were given");
        }
        int columns = o.columns() > 0 ? Math.min(o.columns(), n) : (int) Math.ceil(Math.sqrt(n));
        int rows = (n + columns - 1) / columns;
        boolean captions = panels.stream().anyMatch(p -> p.caption() != null && !p.caption().isBlank());
        int band = captions ? (int) Math.ceil(o.captionFontSize() * 1.6) : 0;
        long w = (long) columns * o.cellSize();
        long h = (long) rows * (o.cellSize() + band);
        if (w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS) {
            throw new BadInputException("the picture would be " + w + " x " + h + " px, too large: draw fewer"
                    + " sketches or use a smaller cell size");
        }
        return new GridLayout(columns, rows, band, o);
    }

    /** Left edge of cell {@code i} (cells fill rows left to right, top to bottom). */
    double cellX(int i) {
        return (double) (i % columns) * cellSize;
    }

    /** Top edge of cell {@code i}. */
    double cellY(int i) {
        return (double) (i / columns) * (cellSize + band);
    }

    /** Horizontal centre of the caption of cell {@code i}. */
    double captionX(int i) {
        return cellX(i) + cellSize / 2.0;
    }

    /** Baseline of the caption of cell {@code i}, in the band under the cell. */
    double captionBaseline(int i) {
        return cellY(i) + cellSize + band / 2.0 + options.captionFontSize() * 0.35;
    }

    /**
     * The caption as it fits one cell: control characters become spaces, and text wider than the cell
     * (by {@code width}, which measures a string in pixels) is cut and ends with an ellipsis. Null or
     * blank: null.
     */
    String fitCaption(String caption, ToDoubleFunction<String> width) {
        if (caption == null || caption.isBlank()) {
            return null;
        }
        StringBuilder clean = new StringBuilder();
        caption.strip().codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String text = clean.toString();
        double max = cellSize - 4;
        if (width.applyAsDouble(text) <= max) {
            return text;
        }
        int end = text.length();
        while (end > 0 && width.applyAsDouble(text.substring(0, end) + "\u2026") > max) {
            end = Character.isLowSurrogate(text.charAt(end - 1)) && end > 1 ? end - 2 : end - 1;
        }
        return text.substring(0, end).stripTrailing() + "\u2026";
    }
}
