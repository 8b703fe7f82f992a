package sketchrnn.render;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Paints panels with Java2D, anti-aliased, for the PNG and GIF renderers: the lines of every panel
 * (optionally only the first points of each, for animation frames) and the captions.
 */
final class Java2dPainter {
    private final List<Panel> panels;
    private final RenderOptions options;
    private final GridLayout layout;
    private final List<List<PanelLines.Line>> lines = new ArrayList<>();

    Java2dPainter(List<Panel> panels, RenderOptions o) {
        this.panels = List.copyOf(panels);
        this.options = o;
        this.layout = GridLayout.of(this.panels, o);
        for (int i = 0; i < this.panels.size(); i++) {
            lines.add(PanelLines.of(this.panels.get(i), o, layout.cellX(i), layout.cellY(i)));
        }
    }

    GridLayout layout() {
        return layout;
    }

    /** The most points of any panel: the number of animation steps that show everything. */
    int maxPoints() {
        return panels.stream().mapToInt(p -> p.sketch().size()).max().orElse(0);
    }

    /** A picture with the first {@code visiblePoints} points of every panel drawn. */
    BufferedImage paint(int visiblePoints) {
        BufferedImage[] result = new BufferedImage[1];
        paintFrames(new int[] {visiblePoints}, image -> result[0] = image);
        return result[0];
    }

    /**
     * Pictures with the first {@code steps[f]} points of every panel drawn, for rising steps, handed to
     * {@code frames} in order. Lines that are complete are drawn once on a base picture that later
     * frames start from, so a long animation costs little more than its last frame.
     */
    void paintFrames(int[] steps, Consumer<BufferedImage> frames) {
        BufferedImage base = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D bg = graphics(base);
        float w = (float) options.lineWidth();
        try {
            bg.setColor(options.background());
            bg.fillRect(0, 0, layout.width, layout.height);
            if (layout.band > 0) {
                captions(bg);
            }
            List<PanelLines.Line> pending = new ArrayList<>();
            lines.forEach(pending::addAll);
            for (int step : steps) {
                List<PanelLines.Line> partial = new ArrayList<>();
                for (Iterator<PanelLines.Line> it = pending.iterator(); it.hasNext(); ) {
                    PanelLines.Line full = it.next();
                    PanelLines.Line shown = full.upTo(step);
                    if (shown == full) {
                        draw(bg, full, w);
                        it.remove();
                    } else if (shown != null) {
                        partial.add(shown);
                    }
                }
                BufferedImage frame = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
                base.copyData(frame.getRaster());
                if (!partial.isEmpty()) {
                    Graphics2D fg = graphics(frame);
                    try {
                        for (PanelLines.Line line : partial) {
                            draw(fg, line, w);
                        }
                    } finally {
                        fg.dispose();
                    }
                }
                frames.accept(frame);
            }
        } finally {
            bg.dispose();
        }
    }

    private Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setStroke(new BasicStroke((float) options.lineWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        return g;
    }

    private static void draw(Graphics2D g, PanelLines.Line line, float width) {
        g.setColor(line.color());
        double[] x = line.x();
        double[] y = line.y();
        if (line.dot()) {
            g.fill(new Ellipse2D.Double(x[0] - width / 2, y[0] - width / 2, width, width));
            return;
        }
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, x.length);
        path.moveTo(x[0], y[0]);
        for (int i = 1; i < x.length; i++) {
            path.lineTo(x[i], y[i]);
        }
        g.draw(path);
    }

    private void captions(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, options.captionFontSize()));
        g.setColor(options.color());
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i < panels.size(); i++) {
            String text = layout.fitCaption(panels.get(i).caption(),
                    s -> metrics.getStringBounds(s, g).getWidth());
            if (text != null) {
                double width = metrics.getStringBounds(text, g).getWidth();
                g.drawString(text, (float) (layout.captionX(i) - width / 2), (float) layout.captionBaseline(i));
            }
        }
    }
}
