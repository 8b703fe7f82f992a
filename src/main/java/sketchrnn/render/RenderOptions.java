package sketchrnn.render;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import sketchrnn.data.BadInputException;

/**
 * How pictures of sketches look. Every sketch is scaled uniformly to fit a square cell of
 * {@code cellSize} pixels less a margin of {@code padding} times the cell size on each side, and
 * centred in it; cells form a grid of {@code columns} columns (0: as square as possible); captions,
 * when any panel has one, go in a band under each cell. Start from {@link #DEFAULTS} and change what you need with the withers; invalid
 * values throw {@link BadInputException} naming the option and its valid range.
 *
 * @param cellSize        side of one cell in pixels (16..4096)
 * @param lineWidth       stroke width in pixels (0.1..cellSize/4); it does not scale with the sketch
 * @param padding         margin inside each cell, as a fraction of the cell size (0..0.25)
 * @param columns         columns of the grid, 0 for automatic (near-square)
 * @param color           colour of the lines and captions
 * @param highlightColor  colour of the points from a panel's {@code splitAt} on
 * @param colorByStroke   colour each stroke from {@code palette} in stroke order (overrides both colours)
 * @param palette         the colours for {@code colorByStroke}, cycled
 * @param background      background colour
 * @param captionFontSize caption size in pixels (6..200)
 * @param frameDelayMs    GIF: time between frames in milliseconds (20..10000; GIF counts in 10 ms steps)
 * @param pointsPerFrame  GIF: points added per frame, 0 for automatic (about 40 frames)
 * @param finalPauseMs    GIF: extra time the finished drawing stays before the loop restarts (0..60000)
 */
public record RenderOptions(int cellSize, double lineWidth, double padding, int columns, Color color,
                            Color highlightColor, boolean colorByStroke, List<Color> palette, Color background,
                            int captionFontSize, int frameDelayMs, int pointsPerFrame, int finalPauseMs) {
    /** A categorical palette of ten distinct colours. */
    public static final List<Color> DEFAULT_PALETTE = List.of(
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf));

    /** 200 px cells with 5% margins, 2 px near-black lines, red highlight, white background, 12 px captions. */
    public static final RenderOptions DEFAULTS = new RenderOptions(200, 2, 0.05, 0, new Color(0x1a1a1a),
            new Color(0xd62728), false, DEFAULT_PALETTE, Color.WHITE, 12, 50, 0, 1500);

    public RenderOptions {
        check("cell size", cellSize, 16, 4096, "px");
        if (!(lineWidth >= 0.1 && lineWidth <= cellSize / 4.0)) {
            throw new BadInputException("line width " + lineWidth + " px is outside 0.1.." + cellSize / 4.0
                    + " (a quarter of the cell size)");
        }
        if (!(padding >= 0 && padding <= 0.25)) {
            throw new BadInputException("padding " + padding + " is outside 0..0.25 (a fraction of the cell size)");
        }
        check("columns", columns, 0, 1000, "");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(highlightColor, "highlightColor");
        Objects.requireNonNull(background, "background");
        palette = List.copyOf(palette);
        if (palette.isEmpty()) {
            throw new BadInputException("the palette needs at least one colour");
        }
        check("caption font size", captionFontSize, 6, 200, "px");
        check("frame delay", frameDelayMs, 20, 10000, "ms");
        check("points per frame", pointsPerFrame, 0, 1_000_000, "");
        check("final pause", finalPauseMs, 0, 60000, "ms");
    }

    private static void check(String name, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            String u = unit.isEmpty() ? "" : " " + unit;
            throw new BadInputException(name + " " + value + u + " is outside " + min + ".." + max + u);
        }
    }

    /**
     * A colour from {@code #rgb}, {@code #rrggbb} or a basic name (black, white, red, green, blue, gray).
     *
     * @throws BadInputException for anything else
     */
    public static Color parseColor(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "black": return Color.BLACK;
            case "white": return Color.WHITE;
            case "red": return new Color(0xff0000);
            case "green": return new Color(0x008000);
            case "blue": return new Color(0x0000ff);
            case "gray", "grey": return new Color(0x808080);
            default: break;
        }
        if (t.matches("#[0-9a-f]{3}")) {
            int r = Character.digit(t.charAt(1), 16);
            int g = Character.digit(t.charAt(2), 16);
            int b = Character.digit(t.charAt(3), 16);
            return new Color(r * 17, g * 17, b * 17);
        }
        if (t.matches("#[0-9a-f]{6}")) {
            return new Color(Integer.parseInt(t.substring(1), 16));
        }
        throw new BadInputException("colour '" + text + "' is not #rgb, #rrggbb or one of black, white, red, green,"
                + " blue, gray");
    }

    /** {@code #rrggbb} of a colour (its alpha is ignored). */
    public static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** These options with another cell size. */
    public RenderOptions withCellSize(int v) {
        return new RenderOptions(v, lineWidth, padding, columns, color, highlightColor, colorByStroke, palette,
                background, captionFontSize, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another line width. */
    public RenderOptions withLineWidth(double v) {
        return new RenderOptions(cellSize, v, padding, columns, color, highlightColor, colorByStroke, palette,
                background, captionFontSize, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another padding. */
    public RenderOptions withPadding(double v) {
        return new RenderOptions(cellSize, lineWidth, v, columns, color, highlightColor, colorByStroke, palette,
                background, captionFontSize, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another number of columns. */
    public RenderOptions withColumns(int v) {
        return new RenderOptions(cellSize, lineWidth, padding, v, color, highlightColor, colorByStroke, palette,
                background, captionFontSize, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another line colour. */
    public RenderOptions withColor(Color v) {
        return new RenderOptions(cellSize, lineWidth, padding, columns, v, highlightColor, colorByStroke, palette,
                background, captionFontSize, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another highlight colour. */
    public RenderOptions withHighlightColor(Color v) {
        return new RenderOptions(cellSize, lineWidth, padding, columns, color, v, colorByStroke, palette,
                background, captionFontSize, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another colour-by-stroke setting. */
    public RenderOptions withColorByStroke(boolean v) {
        return new RenderOptions(cellSize, lineWidth, padding, columns, color, highlightColor, v, palette,
                background, captionFontSize, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another palette. */
    public RenderOptions withPalette(List<Color> v) {
        return new RenderOptions(cellSize, lineWidth, padding, columns, color, highlightColor, colorByStroke, v,
                background, captionFontSize, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another background. */
    public RenderOptions withBackground(Color v) {
        return new RenderOptions(cellSize, lineWidth, padding, columns, color, highlightColor, colorByStroke, palette,
                v, captionFontSize, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another caption font size. */
    public RenderOptions withCaptionFontSize(int v) {
        return new RenderOptions(cellSize, lineWidth, padding, columns, color, highlightColor, colorByStroke, palette,
                background, v, frameDelayMs, pointsPerFrame, finalPauseMs);
    }

    /** These options with another GIF frame delay. */
    public RenderOptions withFrameDelayMs(int v) {
        return new RenderOptions(cellSize, lineWidth, padding, columns, color, highlightColor, colorByStroke, palette,
                background, captionFontSize, v, pointsPerFrame, finalPauseMs);
    }

    /** These options with another GIF points per frame. */
    public RenderOptions withPointsPerFrame(int v) {
        return new RenderOptions(cellSize, lineWidth, padding, columns, color, highlightColor, colorByStroke, palette,
                background, captionFontSize, frameDelayMs, v, finalPauseMs);
    }

    /** These options with another GIF final pause. */
    public RenderOptions withFinalPauseMs(int v) {
        return new RenderOptions(cellSize, lineWidth, padding, columns, color, highlightColor, colorByStroke, palette,
                background, captionFontSize, frameDelayMs, pointsPerFrame, v);
    }
}
