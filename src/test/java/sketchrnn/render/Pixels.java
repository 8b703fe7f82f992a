package sketchrnn.render;

import java.awt.image.BufferedImage;

/** Pixel checks for raster tests. */
final class Pixels {
    private Pixels() {
    }

    static int luminance(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
    }

    static boolean dark(BufferedImage img, int x, int y) {
        return luminance(img, x, y) < 100;
    }

    static boolean white(BufferedImage img, int x, int y) {
        return (img.getRGB(x, y) & 0xffffff) == 0xffffff;
    }

    /** Pixels darker than mid-grey inside the rectangle. */
    static int darkCount(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (luminance(img, x, y) < 128) {
                    n++;
                }
            }
        }
        return n;
    }

    static int darkCount(BufferedImage img) {
        return darkCount(img, 0, 0, img.getWidth(), img.getHeight());
    }

    /** Pixels whose red channel dominates clearly (the default highlight is red). */
    static int reddish(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                if (r > 150 && g < 100) {
                    n++;
                }
            }
        }
        return n;
    }
}
