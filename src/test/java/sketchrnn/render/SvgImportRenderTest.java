package sketchrnn.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchStrokes;
import sketchrnn.data.SvgSketchReader;

/** A person's own SVG drawing, imported and drawn again in every format. */
class SvgImportRenderTest {
    /** A sheep as a person might draw it in an editor: a woolly body of arcs, a head, legs, an eye. */
    static final String SHEEP = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="300" height="220" viewBox="0 0 300 220">
              <rect width="100%" height="100%" fill="white"/>
              <g fill="none" stroke="#222" stroke-width="3" stroke-linecap="round">
                <path id="wool" d="M60 100 a20 20 0 0 1 30 -30 a20 20 0 0 1 40 -10 a20 20 0 0 1 40 0
                         a20 20 0 0 1 40 15 a20 20 0 0 1 10 45 a20 20 0 0 1 -30 30 a20 20 0 0 1 -40 5
                         a20 20 0 0 1 -40 0 a20 20 0 0 1 -40 -10 a20 20 0 0 1 -10 -45 z"/>
                <ellipse cx="45" cy="105" rx="22" ry="16" transform="rotate(-20 45 105)"/>
                <g transform="translate(0 150)">
                  <line x1="100" y1="0" x2="100" y2="45"/>
                  <line x1="130" y1="0" x2="130" y2="45"/>
                  <polyline points="190,0 195,45"/>
                  <polyline points="220,-5 228,45"/>
                </g>
                <circle cx="38" cy="100" r="1.5" fill="#222"/>
              </g>
            </svg>
            """;

    @Test
    void importedDrawingRendersToEveryFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sheep.svg");
        Files.writeString(file, SHEEP);
        Sketch sheep = SvgSketchReader.read(file);
        List<SketchStrokes.Stroke> strokes = SketchStrokes.of(sheep);
        assertThat(strokes).hasSize(7); // wool, head, four legs, eye
        double[] b = SketchStrokes.bounds(sheep);
        assertThat(b[3]).isCloseTo(195, org.assertj.core.api.Assertions.within(0.01)); // legs end at y = 150 + 45

        List<Panel> panels = List.of(Panel.of(sheep, "my sheep"));
        RenderOptions o = RenderOptions.DEFAULTS.withCellSize(256).withColorByStroke(true);
        for (String name : List.of("sheep.svg", "sheep.png", "sheep.gif")) {
            Renderers.write(dir.resolve(name), panels, o);
            PngRendererTest.preview("imported-" + name, Files.readAllBytes(dir.resolve(name)));
        }
        BufferedImage png = javax.imageio.ImageIO.read(dir.resolve("sheep.png").toFile());
        assertThat(png.getWidth()).isEqualTo(256);
        assertThat(png.getHeight()).isEqualTo(256 + 20);
        // the drawing is wider than tall: it spans the cell's width less the margins
        int[] columnsWithInk = new int[256];
        for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 256; y++) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                if (rgb != 0xffffff) {
                    columnsWithInk[x] = 1;
                }
            }
        }
        int first = 0;
        while (columnsWithInk[first] == 0) {
            first++;
        }
        int last = 255;
        while (columnsWithInk[last] == 0) {
            last--;
        }
        assertThat(first).isBetween(10, 14);
        assertThat(last).isBetween(241, 245);
        // the rendered SVG reads back with the same strokes
        Sketch back = SvgSketchReader.read(dir.resolve("sheep.svg"));
        assertThat(SketchStrokes.of(back)).hasSize(7);
        assertThat(back.size()).isEqualTo(sheep.size());
        assertThat(GifRendererTest.decode(Files.readAllBytes(dir.resolve("sheep.gif"))).frames().size()).isGreaterThan(10);
    }
}
