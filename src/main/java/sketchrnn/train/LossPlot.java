package sketchrnn.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import sketchrnn.data.AtomicFiles;
import sketchrnn.model.LossMetrics;

/**
 * A PNG plot of a run's loss curves ({@code loss.png}): training cost, reconstruction and KL (smoothed
 * over a moving window), and the validation cost and reconstruction, against the step. Drawn with
 * Java2D, no plotting library.
 */
public final class LossPlot {
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private LossPlot() {
    }

    /** One curve. */
    private record Series(String name, Color color, boolean dashed, List<double[]> points) {
    }

    /** Writes the plot of the given rows to {@code out} (atomically). */
    public static void write(List<MetricsCsv.Row> rows, String title, Path out) {
        List<MetricsCsv.Row> train = rows.stream().filter(r -> r.split().equals("train")).toList();
        List<MetricsCsv.Row> valid = rows.stream().filter(r -> r.split().equals("valid")).toList();
        List<Series> series = new ArrayList<>();
        series.add(new Series("train cost", new Color(0x1f77b4), false, smooth(train, r -> r.get(LossMetrics.COST))));
        series.add(new Series("train recon", new Color(0xff7f0e), false, smooth(train, r -> r.get(LossMetrics.RECON))));
        series.add(new Series("train KL", new Color(0x2ca02c), false, smooth(train, r -> r.get(LossMetrics.KL))));
        series.add(new Series("valid cost", new Color(0xd62728), true, points(valid, r -> r.get(LossMetrics.COST))));
        series.add(new Series("valid recon", new Color(0x9467bd), true, points(valid, r -> r.get(LossMetrics.RECON))));
        BufferedImage img = render(series, title);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(out, bytes.toByteArray());
    }

    private static List<double[]> points(List<MetricsCsv.Row> rows, ToDoubleFunction<MetricsCsv.Row> f) {
        List<double[]> p = new ArrayList<>();
        for (MetricsCsv.Row r : rows) {
            double v = f.applyAsDouble(r);
            if (Double.isFinite(v)) {
                p.add(new double[] {r.step(), v});
            }
        }
        return p;
    }

    private static List<double[]> smooth(List<MetricsCsv.Row> rows, ToDoubleFunction<MetricsCsv.Row> f) {
        List<double[]> raw = points(rows, f);
        int window = Math.max(1, raw.size() / 50);
        List<double[]> out = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < raw.size(); i++) {
            sum += raw.get(i)[1];
            if (i >= window) {
                sum -= raw.get(i - window)[1];
            }
            int n = Math.min(i + 1, window);
            out.add(new double[] {raw.get(i)[0], sum / n});
        }
        return out;
    }

    private static BufferedImage render(List<Series> series, String title) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (!Double.isFinite(minX)) {
            minX = 0;
            maxX = 1;
            minY = 0;
            maxY = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + 1;
        }
        double padY = (maxY - minY) * 0.05;
        minY -= padY;
        maxY += padY;
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // axes and grid
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 5; i++) {
            int y = TOP + ph - i * ph / 5;
            g.drawLine(LEFT, y, LEFT + pw, y);
            int x = LEFT + i * pw / 5;
            g.drawLine(x, TOP, x, TOP + ph);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(LEFT, TOP, pw, ph);
        for (int i = 0; i <= 5; i++) {
            double yv = minY + (maxY - minY) * i / 5;
            g.drawString(String.format(Locale.ROOT, "%.3f", yv), 8, TOP + ph - i * ph / 5 + 4);
            double xv = minX + (maxX - minX) * i / 5;
            g.drawString(String.format(Locale.ROOT, "%.0f", xv), LEFT + i * pw / 5 - 12, TOP + ph + 18);
        }
        g.drawString("step", LEFT + pw / 2 - 12, H - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int legendY = TOP + 10;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
            Path2D path = new Path2D.Double();
            boolean first = true;
            for (double[] p : s.points()) {
                double x = LEFT + (p[0] - minX) / (maxX - minX) * pw;
                double y = TOP + ph - (p[1] - minY) / (maxY - minY) * ph;
                if (first) {
                    path.moveTo(x, y);
                    first = false;
                } else {
                    path.lineTo(x, y);
                }
            }
            if (s.points().size() == 1) {
                double[] p = s.points().get(0);
                double x = LEFT + (p[0] - minX) / (maxX - minX) * pw;
                double y = TOP + ph - (p[1] - minY) / (maxY - minY) * ph;
                g.fillOval((int) x - 3, (int) y - 3, 6, 6);
            }
            g.draw(path);
            g.drawLine(W - RIGHT + 12, legendY, W - RIGHT + 40, legendY);
            g.setColor(Color.DARK_GRAY);
            g.drawString(s.name(), W - RIGHT + 46, legendY + 4);
            legendY += 20;
        }
        g.dispose();
        return img;
    }
}
