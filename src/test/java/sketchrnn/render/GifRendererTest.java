package sketchrnn.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;
import sketchrnn.data.Sketch;

class GifRendererTest {
    /** A decoded GIF: what a viewer shows at each frame, and each frame's metadata tree. */
    record Decoded(List<BufferedImage> frames, List<IIOMetadataNode> meta) {
    }

    /** Decodes with ImageIO and composites each frame over the previous ones, as a viewer does. */
    static Decoded decode(byte[] gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            Node screen = find(reader.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0"),
                    "LogicalScreenDescriptor");
            BufferedImage canvas = new BufferedImage(attribute(screen, "logicalScreenWidth"),
                    attribute(screen, "logicalScreenHeight"), BufferedImage.TYPE_INT_RGB);
            List<BufferedImage> frames = new ArrayList<>();
            List<IIOMetadataNode> meta = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                IIOMetadataNode m = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                Node descriptor = find(m, "ImageDescriptor");
                Graphics2D g = canvas.createGraphics();
                g.drawImage(reader.read(i), attribute(descriptor, "imageLeftPosition"),
                        attribute(descriptor, "imageTopPosition"), null);
                g.dispose();
                BufferedImage shown = new BufferedImage(canvas.getWidth(), canvas.getHeight(), BufferedImage.TYPE_INT_RGB);
                canvas.copyData(shown.getRaster());
                frames.add(shown);
                meta.add(m);
            }
            return new Decoded(frames, meta);
        } finally {
            reader.dispose();
        }
    }

    private static int attribute(Node node, String name) {
        return Integer.parseInt(node.getAttributes().getNamedItem(name).getNodeValue());
    }

    private static Node find(Node root, String name) {
        for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeName().equals(name)) {
                return c;
            }
            Node deeper = find(c, name);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    private static int delayCs(IIOMetadataNode meta) {
        return attribute(find(meta, "GraphicControlExtension"), "delayTime");
    }

    @Test
    void drawsTheSketchProgressivelyAndEndsWithTheWholeOne() throws IOException {
        Sketch house = TestSketches.house();
        RenderOptions o = RenderOptions.DEFAULTS.withPointsPerFrame(2);
        byte[] gif = GifRenderer.encode(house, o);
        PngRendererTest.preview("house.gif", gif);
        Decoded d = decode(gif);
        // 13 points, 2 per frame: frames show 2, 4, ..., 12, 13 points
        assertThat(d.frames()).hasSize(7);
        List<Integer> ink = d.frames().stream().map(Pixels::darkCount).toList();
        for (int i = 1; i < ink.size(); i++) {
            assertThat(ink.get(i)).as("ink in frame " + i).isGreaterThanOrEqualTo(ink.get(i - 1));
        }
        assertThat(ink.get(0)).isLessThan(ink.get(ink.size() - 1) / 4);
        // the last frame is the finished drawing: as much ink as the PNG, at the same places
        BufferedImage last = d.frames().get(d.frames().size() - 1);
        BufferedImage png = PngRenderer.render(house, o);
        assertThat(last.getWidth()).isEqualTo(200);
        assertThat(last.getHeight()).isEqualTo(200);
        int same = 0;
        int pngInk = 0;
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                boolean a = Pixels.luminance(png, x, y) < 128;
                pngInk += a ? 1 : 0;
                same += a && Pixels.luminance(last, x, y) < 128 ? 1 : 0;
            }
        }
        assertThat(same).isGreaterThan((int) (pngInk * 0.97));
        assertThat(Pixels.darkCount(last)).isBetween((int) (pngInk * 0.97), (int) (pngInk * 1.03));
        // the window dot (the last point) appears only in the last frame
        int dotX = (int) (100 + (15 - 50) * 178 / 140.333);
        int dotY = (int) (100 + (30 - (100 - 40.333) / 2) * 178 / 140.333);
        assertThat(Pixels.darkCount(last, dotX - 1, dotY - 1, dotX + 2, dotY + 2)).isPositive();
        BufferedImage before = d.frames().get(d.frames().size() - 2);
        assertThat(Pixels.darkCount(before, dotX - 3, dotY - 3, dotX + 4, dotY + 4)).isZero();
        // frames after the first store only what changed: the last one just the dot
        Node lastDescriptor = find(d.meta().get(d.meta().size() - 1), "ImageDescriptor");
        assertThat(attribute(lastDescriptor, "imageWidth")).isLessThan(10);
        assertThat(attribute(lastDescriptor, "imageHeight")).isLessThan(10);
    }

    @Test
    void framesHaveDelaysAFinalPauseAndLoopForever() throws IOException {
        RenderOptions o = RenderOptions.DEFAULTS.withPointsPerFrame(5).withFrameDelayMs(80).withFinalPauseMs(2000);
        Decoded d = decode(GifRenderer.encode(TestSketches.zigzag(12), o));
        assertThat(d.frames()).hasSize(3);
        assertThat(delayCs(d.meta().get(0))).isEqualTo(8);
        assertThat(delayCs(d.meta().get(1))).isEqualTo(8);
        assertThat(delayCs(d.meta().get(2))).isEqualTo(208);
        Node app = find(d.meta().get(0), "ApplicationExtension");
        assertThat(app).as("NETSCAPE2.0 looping extension on the first frame").isNotNull();
        assertThat(app.getAttributes().getNamedItem("applicationID").getNodeValue()).isEqualTo("NETSCAPE");
        assertThat(app.getAttributes().getNamedItem("authenticationCode").getNodeValue()).isEqualTo("2.0");
        byte[] loop = (byte[]) ((IIOMetadataNode) app).getUserObject();
        assertThat(loop).containsExactly(1, 0, 0);
    }

    @Test
    void automaticPacingGivesAboutFortyFrames() {
        assertThat(GifRenderer.steps(400, RenderOptions.DEFAULTS)).hasSize(40).endsWith(400).startsWith(10);
        assertThat(GifRenderer.steps(13, RenderOptions.DEFAULTS)).hasSize(13);
        assertThat(GifRenderer.steps(0, RenderOptions.DEFAULTS)).containsExactly(0);
    }

    @Test
    void gridAnimatesEveryCellAtOnce(@TempDir Path dir) throws IOException {
        List<Panel> panels = List.of(Panel.of(TestSketches.zigzag(20), "zig"), Panel.of(TestSketches.square(), "square"),
                Panel.completion(TestSketches.square().prefix(3), Sketch.of(new float[][] {{-100, 0, 0}, {0, -100, 1}}),
                        "ending"));
        Path out = dir.resolve("grid.gif");
        Renderers.write(out, panels, RenderOptions.DEFAULTS.withCellSize(100).withPointsPerFrame(2));
        byte[] gif = Files.readAllBytes(out);
        PngRendererTest.preview("grid.gif", gif);
        Decoded d = decode(gif);
        assertThat(d.frames()).hasSize(10); // the longest sketch has 20 points
        BufferedImage second = d.frames().get(1); // 4 points of each
        assertThat(second.getWidth()).isEqualTo(200);
        assertThat(second.getHeight()).isEqualTo(2 * (100 + 20));
        assertThat(Pixels.darkCount(second, 0, 0, 100, 100)).as("zig-zag cell").isGreaterThan(30);
        assertThat(Pixels.darkCount(second, 100, 0, 200, 100)).as("square cell").isGreaterThan(30);
        assertThat(Pixels.reddish(second)).as("the ending has begun in the third cell").isGreaterThan(30);
        assertThat(Pixels.reddish(d.frames().get(0))).as("only the prefix at first").isZero();
    }
}
