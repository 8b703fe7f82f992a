package sketchrnn.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import sketchrnn.data.AtomicFiles;
import sketchrnn.data.Sketch;

/**
 * Draws sketches as raster images with Java2D, anti-aliased, with round caps and joins: one sketch, or
 * a grid of panels with optional captions, laid out exactly like {@link SvgRenderer}'s.
 */
public final class PngRenderer {
    private PngRenderer() {
    }

    /** One sketch in one cell of {@code o.cellSize()} pixels. */
    public static BufferedImage render(Sketch sketch, RenderOptions o) {
        return render(List.of(Panel.of(sketch)), o);
    }

    /** A grid of panels. */
    public static BufferedImage render(List<Panel> panels, RenderOptions o) {
        Java2dPainter painter = new Java2dPainter(panels, o);
        return painter.paint(Integer.MAX_VALUE);
    }

    /** The PNG file content of a grid of panels. */
    public static byte[] encode(List<Panel> panels, RenderOptions o) {
        return encode(render(panels, o));
    }

    /** The PNG file content of an image. */
    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("this JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the PNG of {@code panels} to {@code out} atomically. */
    public static void write(Path out, List<Panel> panels, RenderOptions o) {
        AtomicFiles.write(out, encode(panels, o));
    }
}
