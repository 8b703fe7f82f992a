package sketchrnn.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.data.BadInputException;

class RenderersTest {
    private static final List<Panel> HOUSE = List.of(Panel.of(TestSketches.house()));

    @Test
    void formatFollowsTheExtension(@TempDir Path dir) throws IOException {
        Renderers.write(dir.resolve("a.svg"), HOUSE, RenderOptions.DEFAULTS);
        Renderers.write(dir.resolve("a.png"), HOUSE, RenderOptions.DEFAULTS);
        Renderers.write(dir.resolve("a.Gif"), HOUSE, RenderOptions.DEFAULTS);
        assertThat(Files.readString(dir.resolve("a.svg"))).startsWith("<?xml").contains("<svg");
        byte[] png = Files.readAllBytes(dir.resolve("a.png"));
        assertThat(new String(png, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
        byte[] gif = Files.readAllBytes(dir.resolve("a.Gif"));
        assertThat(new String(gif, 0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("GIF89a");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.svg", "a.png", "a.Gif");
        }
        assertThat(ImageFormat.of(Path.of("x/y.SVG"))).isEqualTo(ImageFormat.SVG);
        assertThat(ImageFormat.GIF.mediaType()).isEqualTo("image/gif");
    }

    @Test
    void unknownExtensionListsTheSupportedOnesAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("drawing.jpg");
        assertThatThrownBy(() -> Renderers.write(out, HOUSE, RenderOptions.DEFAULTS))
                .isInstanceOf(BadInputException.class)
                .hasMessage("cannot tell the picture format of '" + out + "': the name must end with .svg, .png, .gif");
        assertThat(out).doesNotExist();
        assertThatThrownBy(() -> ImageFormat.of(Path.of("noextension"))).isInstanceOf(BadInputException.class);
    }

    @Test
    void nothingToDrawIsABadInput(@TempDir Path dir) {
        assertThatThrownBy(() -> Renderers.write(dir.resolve("a.png"), List.of(), RenderOptions.DEFAULTS))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no sketches");
    }

    @Test
    void optionsAreValidatedWithTheirRange() {
        assertThatThrownBy(() -> RenderOptions.DEFAULTS.withCellSize(8))
                .isInstanceOf(BadInputException.class).hasMessage("cell size 8 px is outside 16..4096 px");
        assertThatThrownBy(() -> RenderOptions.DEFAULTS.withLineWidth(0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("line width 0.0 px is outside 0.1..50.0");
        assertThatThrownBy(() -> RenderOptions.DEFAULTS.withLineWidth(Double.NaN)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> RenderOptions.DEFAULTS.withPadding(0.3))
                .isInstanceOf(BadInputException.class).hasMessageContaining("padding");
        assertThatThrownBy(() -> RenderOptions.DEFAULTS.withColumns(-1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("columns -1");
        assertThatThrownBy(() -> RenderOptions.DEFAULTS.withPalette(List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("palette");
        assertThatThrownBy(() -> RenderOptions.DEFAULTS.withFrameDelayMs(5))
                .isInstanceOf(BadInputException.class).hasMessageContaining("frame delay 5 ms");
        assertThatThrownBy(() -> RenderOptions.parseColor("#12345"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("#rrggbb");
        assertThat(RenderOptions.parseColor(" #FFa500 ")).isEqualTo(new Color(0xffa500));
        assertThat(RenderOptions.hex(new Color(1, 2, 255))).isEqualTo("#0102ff");
        // small cells keep valid proportions
        assertThat(RenderOptions.DEFAULTS.withCellSize(16).cellSize()).isEqualTo(16);
    }

    @Test
    void tooLargePicturesAreRefused() {
        List<Panel> many = java.util.Collections.nCopies(10_000, Panel.of(TestSketches.square()));
        assertThatThrownBy(() -> SvgRenderer.render(many, RenderOptions.DEFAULTS.withCellSize(1000)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("too large");
    }
}
