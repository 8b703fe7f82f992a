package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.SyntheticDrawings;
import sketchrnn.data.NpzSketchReader;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchStrokes;
import sketchrnn.data.SvgSketchReader;

class RenderVerbTest {
    @Test
    void oneSheepAsSvgHasItsStrokes(@TempDir Path dir) {
        Path sheep = SyntheticDrawings.sheepSized();
        Path out = dir.resolve("sheep.svg");
        CliRun run = CliRun.of("render", "--input", sheep.toString(), "--index", "3", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("wrote " + out + ": SVG, 1 sketch");
        Sketch expected = NpzSketchReader.read(sheep).test().get(3);
        Sketch drawn = SvgSketchReader.read(out);
        assertThat(SketchStrokes.of(drawn)).hasSameSizeAs(SketchStrokes.of(expected));
    }

    @Test
    void gridOfSheepAsPngWithCaptions(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("grid.png");
        CliRun run = CliRun.of("render", "--input", SyntheticDrawings.sheepSized().toString(), "--split", "train",
                "--count", "6", "--size", "120", "--line-width", "1.5", "--columns", "3", "--captions",
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("PNG, 6 sketches");
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(360);
        assertThat(img.getHeight()).isEqualTo(2 * (120 + 20));
        for (int cell = 0; cell < 6; cell++) {
            int x0 = cell % 3 * 120;
            int y0 = cell / 3 * 140;
            assertThat(ink(img, x0, y0, x0 + 120, y0 + 120)).as("sheep in cell " + cell).isGreaterThan(200);
            assertThat(ink(img, x0 + 30, y0 + 120, x0 + 90, y0 + 140)).as("caption of cell " + cell).isGreaterThan(10);
        }
        Files.createDirectories(Path.of("target", "render-preview"));
        Files.copy(out, Path.of("target", "render-preview", "cli-grid.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void animatedGifWithColoursPerStroke(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("sheep.gif");
        CliRun run = CliRun.of("render", "--input", SyntheticDrawings.sheepSized().toString(), "--count", "2",
                "--color-by-stroke", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        var reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = ImageIO.createImageInputStream(out.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isGreaterThan(10);
            assertThat(reader.getWidth(0)).isEqualTo(400);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void userErrorsExitWithCode2AndOneLine(@TempDir Path dir) {
        String sheep = SyntheticDrawings.sheepSized().toString();
        CliRun jpg = CliRun.of("render", "--input", sheep, "--out", dir.resolve("a.jpg").toString());
        assertThat(jpg.code()).isEqualTo(2);
        assertThat(jpg.err().strip()).contains("the name must end with .svg, .png, .gif").doesNotContain("\n");
        CliRun index = CliRun.of("render", "--input", sheep, "--index", "300", "--out", dir.resolve("a.svg").toString());
        assertThat(index.code()).isEqualTo(2);
        assertThat(index.err().strip()).isEqualTo("error: --index 300 is outside 0..299, the test split of " + sheep);
        CliRun both = CliRun.of("render", "--input", sheep, "--index", "1", "--count", "2", "--out", "x.svg");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRun size = CliRun.of("render", "--input", sheep, "--size", "5", "--out", dir.resolve("a.png").toString());
        assertThat(size.code()).isEqualTo(2);
        assertThat(size.err().strip()).isEqualTo("error: cell size 5 px is outside 16..4096 px");
        CliRun split = CliRun.of("render", "--input", sheep, "--split", "dev", "--out", dir.resolve("a.png").toString());
        assertThat(split.code()).isEqualTo(2);
        assertThat(split.err()).contains("unknown split 'dev'");
        assertThat(dir.resolve("a.png")).doesNotExist();
    }

    @Test
    void ownSvgDrawingRendersToPng(@TempDir Path dir) throws IOException {
        Path svg = dir.resolve("mine.svg");
        Files.writeString(svg, "<svg xmlns='http://www.w3.org/2000/svg'><circle cx='50' cy='50' r='40' stroke='#000'"
                + " fill='none'/><path d='M30 60 Q50 80 70 60' stroke='#000' fill='none'/></svg>");
        Path out = dir.resolve("mine.png");
        CliRun run = CliRun.of("render", "--input", svg.toString(), "--captions", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(ink(img, 0, 0, 200, 200)).isGreaterThan(800);
    }

    @Test
    void helpShowsExamplesThatFitEightyColumns() {
        CliRun help = CliRun.of("render", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("sketchrnn render --input aaron_sheep.npz --index 3 --out sheep.svg");
        List<String> footer = help.out().lines().dropWhile(l -> !l.startsWith("Examples:")).toList();
        assertThat(footer).isNotEmpty().allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    private static int ink(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    n++;
                }
            }
        }
        return n;
    }
}
