package sketchrnn.render;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fixed colour table for every frame of a GIF: the background and, for each ink colour, a ramp of
 * blends from the background to the ink (the shades anti-aliasing produces). Mapping a frame to the
 * nearest entries keeps edges smooth, colours exact and frames free of flicker.
 */
final class GifPalette {
    private final IndexColorModel model;
    private final int[] rgb;
    private final Map<Integer, Byte> nearest = new HashMap<>();

    GifPalette(RenderOptions o) {
        Set<Integer> inks = new LinkedHashSet<>();
        inks.add(o.color().getRGB() & 0xffffff);
        inks.add(o.highlightColor().getRGB() & 0xffffff);
        if (o.colorByStroke()) {
            for (Color c : o.palette()) {
                inks.add(c.getRGB() & 0xffffff);
            }
        }
        int background = o.background().getRGB() & 0xffffff;
        inks.remove(background);
        List<Integer> entries = new ArrayList<>();
        entries.add(background);
        int perInk = inks.isEmpty() ? 1 : Math.max(2, 255 / inks.size());
        for (int ink : inks) {
            for (int step = 1; step <= perInk && entries.size() < 256; step++) {
                int blended = blend(background, ink, step / (double) perInk);
                if (!entries.contains(blended)) {
                    entries.add(blended);
                }
            }
        }
        rgb = entries.stream().mapToInt(Integer::intValue).toArray();
        byte[] r = new byte[rgb.length];
        byte[] g = new byte[rgb.length];
        byte[] b = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            r[i] = (byte) (rgb[i] >> 16);
            g[i] = (byte) (rgb[i] >> 8);
            b[i] = (byte) rgb[i];
        }
        int bits = 1;
        while ((1 << bits) < rgb.length) {
            bits++;
        }
        model = new IndexColorModel(bits, rgb.length, r, g, b);
    }

    /** The colours, {@code 0xRRGGBB}, index 0 the background. */
    int[] colors() {
        return rgb.clone();
    }

    /** {@code image} in this palette, each pixel the nearest entry. */
    BufferedImage index(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        WritableRaster raster = out.getRaster();
        int[] row = new int[w];
        int[] indices = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                indices[x] = nearest.computeIfAbsent(row[x] & 0xffffff, this::closest) & 0xff;
            }
            raster.setPixels(0, y, w, 1, indices);
        }
        return out;
    }

    private byte closest(int color) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < rgb.length; i++) {
            int dr = ((color >> 16) & 0xff) - ((rgb[i] >> 16) & 0xff);
            int dg = ((color >> 8) & 0xff) - ((rgb[i] >> 8) & 0xff);
            int db = (color & 0xff) - (rgb[i] & 0xff);
            long d = 3L * dr * dr + 4L * dg * dg + 2L * db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return (byte) best;
    }

    private static int blend(int from, int to, double t) {
        int r = (int) Math.round(((from >> 16) & 0xff) * (1 - t) + ((to >> 16) & 0xff) * t);
        int g = (int) Math.round(((from >> 8) & 0xff) * (1 - t) + ((to >> 8) & 0xff) * t);
        int b = (int) Math.round((from & 0xff) * (1 - t) + (to & 0xff) * t);
        return (r << 16) | (g << 8) | b;
    }
}
