package sketchrnn.render;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fixed colour table for every frame of a GIF: the background (index 0) and, for each ink colour,
 * a ramp of blends from the background to the ink (the shades anti-aliasing produces), plus one entry
 * that frames use as "unchanged" (transparent). Mapping pictures to the nearest entries keeps edges
 * smooth, colours exact and frames free of flicker.
 */
final class GifPalette {
    private final IndexColorModel model;
    private final int[] rgb;
    private final int transparent;
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
        int room = 254; // 256 less the background and the transparent entry
        int perInk = inks.isEmpty() ? 1 : Math.max(2, room / inks.size());
        for (int ink : inks) {
            for (int step = 1; step <= perInk && entries.size() < 255; step++) {
                int blended = blend(background, ink, step / (double) perInk);
                if (!entries.contains(blended)) {
                    entries.add(blended);
                }
            }
        }
        transparent = entries.size();
        entries.add(background);
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

    /** The colours, {@code 0xRRGGBB}, index 0 the background, the last the transparent entry. */
    int[] colors() {
        return rgb.clone();
    }

    /** The index that marks a pixel as unchanged from the previous frame. */
    int transparentIndex() {
        return transparent;
    }

    /** The palette index of every pixel of an RGB picture (row by row), each the nearest colour. */
    byte[] indices(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected an RGB picture");
        }
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[pixels.length];
        int background = rgb[0];
        for (int i = 0; i < pixels.length; i++) {
            int c = pixels[i] & 0xffffff;
            out[i] = c == background ? 0 : nearest.computeIfAbsent(c, this::closest);
        }
        return out;
    }

    /** An indexed picture of {@code w x h} palette indices. */
    BufferedImage image(byte[] indices, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(indices, 0, data, 0, w * h);
        return out;
    }

    private byte closest(int color) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < transparent; i++) {
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
