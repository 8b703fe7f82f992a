package sketchrnn.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.data.Sketch;

class PngRendererTest {
    /** Where pictures go for a person to look at: target/render-preview. */
    static void preview(String name, byte[] bytes) throws IOException {
        Path dir = Path.of("target", "render-preview");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }

    @Test
    void squareIsDarkOnItsEdgesAndWhiteElsewhere() throws IOException {
        BufferedImage img = PngRenderer.render(TestSketches.square(), RenderOptions.DEFAULTS);
        preview("square.png", PngRenderer.encode(img));
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(img.getHeight()).isEqualTo(200);
        // the 100-unit square fills 200 - 2 * 11 = 178 px: edges at 11 and 189
        for (int t = 20; t <= 180; t += 20) {
            assertThat(Pixels.dark(img, 11, t)).as("left edge at y=" + t).isTrue();
            assertThat(Pixels.dark(img, 189, t)).as("right edge at y=" + t).isTrue();
            assertThat(Pixels.dark(img, t, 11)).as("top edge at x=" + t).isTrue();
            assertThat(Pixels.dark(img, t, 189)).as("bottom edge at x=" + t).isTrue();
            assertThat(Pixels.white(img, t, 100)).as("inside at x=" + t).isTrue();
        }
        assertThat(Pixels.white(img, 4, 4)).isTrue();
        assertThat(Pixels.white(img, 195, 100)).isTrue();
        // dark pixels: 4 sides of 178 px, 2 px wide (anti-aliased), about 1400
        assertThat(Pixels.darkCount(img)).isBetween(1200, 1600);
    }

    @Test
    void sizeAndLineWidthFollowTheOptions() {
        RenderOptions big = RenderOptions.DEFAULTS.withCellSize(320);
        BufferedImage thin = PngRenderer.render(TestSketches.square(), big.withLineWidth(1));
        BufferedImage thick = PngRenderer.render(TestSketches.square(), big.withLineWidth(6));
        assertThat(thin.getWidth()).isEqualTo(320);
        assertThat(thin.getHeight()).isEqualTo(320);
        double ratio = Pixels.darkCount(thick) / (double) Pixels.darkCount(thin);
        assertThat(ratio).isBetween(4.0, 8.0);
        List<Panel> five = List.of(Panel.of(TestSketches.square()), Panel.of(TestSketches.house()),
                Panel.of(TestSketches.square()), Panel.of(TestSketches.house()), Panel.of(TestSketches.square(), "five"));
        BufferedImage grid = PngRenderer.render(five, RenderOptions.DEFAULTS.withCellSize(100));
        assertThat(grid.getWidth()).isEqualTo(300);
        assertThat(grid.getHeight()).isEqualTo(2 * (100 + 20));
    }

    @Test
    void eachCellHoldsItsOwnSketchAndCaption() throws IOException {
        List<Panel> panels = List.of(Panel.of(TestSketches.square(), "square"), Panel.of(Sketch.ofFlat(new float[0]), "empty"));
        BufferedImage img = PngRenderer.render(panels, RenderOptions.DEFAULTS);
        preview("cells.png", PngRenderer.encode(img));
        assertThat(Pixels.darkCount(img, 0, 0, 200, 200)).isGreaterThan(1000);
        assertThat(Pixels.darkCount(img, 200, 0, 400, 200)).isZero();
        // captions: some ink in each band, centred under the cell
        assertThat(Pixels.darkCount(img, 60, 200, 140, 220)).isGreaterThan(20);
        assertThat(Pixels.darkCount(img, 260, 200, 340, 220)).isGreaterThan(20);
        assertThat(Pixels.darkCount(img, 0, 200, 50, 220)).isZero();
    }

    @Test
    void completionEndingIsDrawnInTheHighlightColour() throws IOException {
        Sketch square = TestSketches.square();
        Panel p = Panel.completion(square.prefix(3), Sketch.of(new float[][] {{-100, 0, 0}, {0, -100, 1}}), null);
        BufferedImage img = PngRenderer.render(List.of(p), RenderOptions.DEFAULTS);
        preview("completion.png", PngRenderer.encode(img));
        assertThat(Pixels.dark(img, 100, 11)).as("top edge, prefix").isTrue();
        assertThat(Pixels.dark(img, 189, 100)).as("right edge, prefix").isTrue();
        int bottom = img.getRGB(100, 189);
        assertThat((bottom >> 16) & 0xff).as("bottom edge, ending: red").isGreaterThan(180);
        assertThat((bottom >> 8) & 0xff).isLessThan(80);
        assertThat(Pixels.reddish(img)).isBetween(500, 900); // two of the four sides
    }

    @Test
    void writesAPngFileThatImageIoReads(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("house.PNG");
        Renderers.write(out, List.of(Panel.of(TestSketches.house())), RenderOptions.DEFAULTS.withCellSize(150));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(out)));
        assertThat(back.getWidth()).isEqualTo(150);
        assertThat(Pixels.darkCount(back)).isGreaterThan(500);
        preview("house.png", Files.readAllBytes(out));
    }
}
