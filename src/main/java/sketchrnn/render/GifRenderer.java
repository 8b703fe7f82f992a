package sketchrnn.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import sketchrnn.data.AtomicFiles;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;

/**
 * Animated GIFs that draw sketches point by point, as a pen would: every frame adds
 * {@code pointsPerFrame} points (automatic: about 40 frames in all) to every panel at once, the last
 * frame shows every sketch complete and stays {@code finalPauseMs} longer, and the animation loops for
 * ever (NETSCAPE2.0 extension). Frames look like {@link PngRenderer}'s pictures, in one fixed palette;
 * each frame after the first stores only the rectangle that changed, over the previous one, so files
 * stay small.
 */
public final class GifRenderer {
    /** Frames of an automatic animation, about. */
    static final int AUTO_FRAMES = 40;

    private GifRenderer() {
    }

    /** The largest animation drawn, in pixels (a PNG may be larger: it is painted once, not once per frame). */
    static final long MAX_PIXELS = 1L << 24;

    /** The animation of one sketch. */
    public static byte[] encode(Sketch sketch, RenderOptions o) {
        return encode(List.of(Panel.of(sketch)), o);
    }

    /** The animation of a grid of panels, all drawn at once. */
    public static byte[] encode(List<Panel> panels, RenderOptions o) {
        Java2dPainter painter = new Java2dPainter(panels, o);
        GridLayout layout = painter.layout();
        if ((long) layout.width * layout.height > MAX_PIXELS) {
            // every frame is painted and compared whole: 16384 x 16384 px took 98 s and 6.2 GB
            throw new BadInputException("an animated GIF of " + layout.width + " x " + layout.height + " px is too large"
                    + " (at most " + (MAX_PIXELS >> 20) + " million pixels, e.g. 4096 x 4096): use a smaller --size,"
                    + " fewer sketches, or a PNG or SVG");
        }
        int[] steps = steps(painter.maxPoints(), o);
        GifPalette palette = new GifPalette(o);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.prepareWriteSequence(streamMetadata(writer, param, palette, layout));
            FrameWriter frames = new FrameWriter(writer, param, palette, layout.width, layout.height, steps.length, o);
            painter.paintFrames(steps, frames);
            if (frames.failure != null) {
                throw frames.failure;
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Writes each picture as a frame: the first whole, each later one cropped to the rectangle that
     * changed, with unchanged pixels in it transparent, over the previous frame (which stays).
     */
    private static final class FrameWriter implements java.util.function.Consumer<BufferedImage> {
        private final ImageWriter writer;
        private final ImageWriteParam param;
        private final GifPalette palette;
        private final int width;
        private final int height;
        private final int count;
        private final RenderOptions options;
        private byte[] previous;
        private int index;
        IOException failure;

        FrameWriter(ImageWriter writer, ImageWriteParam param, GifPalette palette, int width, int height, int count,
                    RenderOptions options) {
            this.writer = writer;
            this.param = param;
            this.palette = palette;
            this.width = width;
            this.height = height;
            this.count = count;
            this.options = options;
        }

        @Override
        public void accept(BufferedImage picture) {
            if (failure != null) {
                return;
            }
            byte[] now = palette.indices(picture);
            int x0 = 0;
            int y0 = 0;
            int x1 = width - 1;
            int y1 = height - 1;
            byte[] pixels = now;
            if (previous != null) {
                x0 = width;
                y0 = height;
                x1 = -1;
                y1 = -1;
                for (int y = 0; y < height; y++) {
                    for (int x = 0, i = y * width; x < width; x++, i++) {
                        if (now[i] != previous[i]) {
                            x0 = Math.min(x0, x);
                            x1 = Math.max(x1, x);
                            y0 = Math.min(y0, y);
                            y1 = Math.max(y1, y);
                        }
                    }
                }
                if (x1 < 0) { // nothing changed: one transparent pixel keeps the frame's time
                    x0 = 0;
                    y0 = 0;
                    x1 = 0;
                    y1 = 0;
                }
                int w = x1 - x0 + 1;
                pixels = new byte[w * (y1 - y0 + 1)];
                byte clear = (byte) palette.transparentIndex();
                for (int y = y0, k = 0; y <= y1; y++) {
                    for (int x = x0, i = y * width + x0; x <= x1; x++, i++, k++) {
                        pixels[k] = now[i] != previous[i] ? now[i] : clear;
                    }
                }
            }
            BufferedImage frame = palette.image(pixels, x1 - x0 + 1, y1 - y0 + 1);
            boolean last = index == count - 1;
            int delayMs = options.frameDelayMs() + (last ? options.finalPauseMs() : 0);
            try {
                IIOMetadata meta = frameMetadata(writer, frame, param, delayMs, index == 0, x0, y0,
                        previous == null ? -1 : palette.transparentIndex());
                writer.writeToSequence(new IIOImage(frame, null, meta), param);
            } catch (IOException e) {
                failure = e;
            }
            previous = now;
            index++;
        }
    }

    /** Writes the animation of {@code panels} to {@code out} atomically. */
    public static void write(Path out, List<Panel> panels, RenderOptions o) {
        AtomicFiles.write(out, encode(panels, o));
    }

    /** How many points each frame shows: a rising list ending with {@code maxPoints} (one frame if 0). */
    static int[] steps(int maxPoints, RenderOptions o) {
        int per = o.pointsPerFrame() > 0 ? o.pointsPerFrame() : Math.max(1, (maxPoints + AUTO_FRAMES - 1) / AUTO_FRAMES);
        List<Integer> steps = new ArrayList<>();
        for (int k = per; k < maxPoints; k += per) {
            steps.add(k);
        }
        steps.add(maxPoints);
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The screen size and the palette as the global colour table that every frame uses. */
    private static IIOMetadata streamMetadata(ImageWriter writer, ImageWriteParam param, GifPalette palette,
                                              GridLayout layout) throws IIOInvalidTreeException {
        IIOMetadata meta = writer.getDefaultStreamMetadata(param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode screen = child(root, "LogicalScreenDescriptor");
        screen.setAttribute("logicalScreenWidth", Integer.toString(layout.width));
        screen.setAttribute("logicalScreenHeight", Integer.toString(layout.height));
        screen.setAttribute("colorResolution", "8");
        screen.setAttribute("pixelAspectRatio", "0");
        IIOMetadataNode old = child(root, "GlobalColorTable");
        root.removeChild(old);
        int[] colors = palette.colors();
        int size = 2;
        while (size < colors.length) {
            size *= 2;
        }
        IIOMetadataNode table = new IIOMetadataNode("GlobalColorTable");
        table.setAttribute("sizeOfGlobalColorTable", Integer.toString(size));
        table.setAttribute("backgroundColorIndex", "0");
        table.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < size; i++) {
            int c = i < colors.length ? colors[i] : colors[0];
            IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
            entry.setAttribute("index", Integer.toString(i));
            entry.setAttribute("red", Integer.toString((c >> 16) & 0xff));
            entry.setAttribute("green", Integer.toString((c >> 8) & 0xff));
            entry.setAttribute("blue", Integer.toString(c & 0xff));
            table.appendChild(entry);
        }
        root.appendChild(table);
        meta.setFromTree(format, root);
        return meta;
    }

    /** A frame at {@code (left, top)} shown {@code delayMs}; {@code transparent} &lt; 0 for none. */
    private static IIOMetadata frameMetadata(ImageWriter writer, BufferedImage frame, ImageWriteParam param,
                                             int delayMs, boolean first, int left, int top, int transparent)
            throws IIOInvalidTreeException {
        IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode descriptor = child(root, "ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(left));
        descriptor.setAttribute("imageTopPosition", Integer.toString(top));
        descriptor.setAttribute("imageWidth", Integer.toString(frame.getWidth()));
        descriptor.setAttribute("imageHeight", Integer.toString(frame.getHeight()));
        descriptor.setAttribute("interlaceFlag", "FALSE");
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "doNotDispose");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", transparent >= 0 ? "TRUE" : "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(2, Math.round(delayMs / 10f))));
        control.setAttribute("transparentColorIndex", Integer.toString(Math.max(0, transparent)));
        if (first) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = for ever
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(format, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }
}
