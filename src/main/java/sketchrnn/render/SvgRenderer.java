package sketchrnn.render;

import java.nio.file.Path;
import java.util.List;
import sketchrnn.data.AtomicFiles;
import sketchrnn.data.Sketch;

/**
 * Draws sketches as SVG: one sketch, or a grid of panels with optional captions. The text is clean and
 * deterministic (the same input gives the same bytes): numbers with at most two decimals, one
 * {@code path} per stroke (two where a stroke changes to the highlight colour), round caps and joins,
 * each panel in its own {@code <g class="panel">}, captions escaped. A single-point stroke is a
 * zero-length path, which round caps show as a dot.
 */
public final class SvgRenderer {
    /** Average advance of a sans-serif character, as a fraction of the font size, to fit captions. */
    private static final double CHAR_WIDTH = 0.6;

    private SvgRenderer() {
    }

    /** One sketch in one cell. */
    public static String render(Sketch sketch, RenderOptions o) {
        return render(List.of(Panel.of(sketch)), o);
    }

    /** A grid of panels. */
    public static String render(List<Panel> panels, RenderOptions o) {
        GridLayout layout = GridLayout.of(panels, o);
        String ink = RenderOptions.hex(o.color());
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(layout.width)
                .append("\" height=\"").append(layout.height).append("\" viewBox=\"0 0 ").append(layout.width)
                .append(' ').append(layout.height).append("\">\n");
        sb.append("  <rect width=\"100%\" height=\"100%\" fill=\"").append(RenderOptions.hex(o.background()))
                .append("\"/>\n");
        sb.append("  <g fill=\"none\" stroke-width=\"").append(SvgNumbers.format(o.lineWidth()))
                .append("\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");
        for (int i = 0; i < panels.size(); i++) {
            sb.append("    <g class=\"panel\">\n");
            for (PanelLines.Line line : PanelLines.of(panels.get(i), o, layout.cellX(i), layout.cellY(i))) {
                sb.append("      <path stroke=\"").append(RenderOptions.hex(line.color())).append("\" d=\"");
                appendPathData(sb, line);
                sb.append("\"/>\n");
            }
            sb.append("    </g>\n");
        }
        sb.append("  </g>\n");
        if (layout.band > 0) {
            sb.append("  <g font-family=\"sans-serif\" font-size=\"").append(o.captionFontSize())
                    .append("\" text-anchor=\"middle\" fill=\"").append(ink).append("\">\n");
            for (int i = 0; i < panels.size(); i++) {
                String text = layout.fitCaption(panels.get(i).caption(),
                        s -> s.codePointCount(0, s.length()) * CHAR_WIDTH * o.captionFontSize());
                if (text != null) {
                    sb.append("    <text x=\"").append(SvgNumbers.format(layout.captionX(i))).append("\" y=\"")
                            .append(SvgNumbers.format(layout.captionBaseline(i))).append("\">")
                            .append(escape(text)).append("</text>\n");
                }
            }
            sb.append("  </g>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** Writes the SVG of {@code panels} to {@code out} atomically. */
    public static void write(Path out, List<Panel> panels, RenderOptions o) {
        AtomicFiles.writeString(out, render(panels, o));
    }

    private static void appendPathData(StringBuilder sb, PanelLines.Line line) {
        double[] x = line.x();
        double[] y = line.y();
        sb.append('M').append(SvgNumbers.format(x[0])).append(' ').append(SvgNumbers.format(y[0]));
        if (x.length == 1) {
            sb.append('L').append(SvgNumbers.format(x[0])).append(' ').append(SvgNumbers.format(y[0]));
            return;
        }
        sb.append('L');
        for (int i = 1; i < x.length; i++) {
            if (i > 1) {
                sb.append(' ');
            }
            sb.append(SvgNumbers.format(x[i])).append(' ').append(SvgNumbers.format(y[i]));
        }
    }

    /** Escapes text for XML content and attributes. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
