package sketchrnn.render;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import sketchrnn.data.AtomicFiles;

/** Draws panels in the format a file name or caller asks for: SVG, PNG or animated GIF. */
public final class Renderers {
    private Renderers() {
    }

    /**
     * Writes {@code panels} to {@code out} (atomically) in the format of its extension: {@code .svg},
     * {@code .png}, or {@code .gif} (an animation that draws every cell at once).
     *
     * @throws sketchrnn.data.BadInputException for any other extension, naming the supported ones
     */
    public static void write(Path out, List<Panel> panels, RenderOptions opts) {
        ImageFormat format = ImageFormat.of(out);
        AtomicFiles.write(out, encode(format, panels, opts));
    }

    /** The file content of {@code panels} in {@code format}. */
    public static byte[] encode(ImageFormat format, List<Panel> panels, RenderOptions opts) {
        return switch (format) {
            case SVG -> SvgRenderer.render(panels, opts).getBytes(StandardCharsets.UTF_8);
            case PNG -> PngRenderer.encode(panels, opts);
            case GIF -> GifRenderer.encode(panels, opts);
        };
    }
}
