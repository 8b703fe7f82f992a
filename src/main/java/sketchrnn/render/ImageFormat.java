package sketchrnn.render;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import sketchrnn.data.BadInputException;

/** The picture formats the renderers write, with their file extension and media type. */
public enum ImageFormat {
    SVG("svg", "image/svg+xml"),
    PNG("png", "image/png"),
    GIF("gif", "image/gif");

    private final String extension;
    private final String mediaType;

    ImageFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The file extension, lower case, without the dot. */
    public String extension() {
        return extension;
    }

    /** The media (MIME) type, e.g. for an HTTP response. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The format a file name asks for by its extension (any case).
     *
     * @throws BadInputException when the extension is none of .svg, .png, .gif
     */
    public static ImageFormat of(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        String ext = dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (ImageFormat f : values()) {
            if (f.extension.equals(ext)) {
                return f;
            }
        }
        throw new BadInputException("cannot tell the picture format of '" + file + "': the name must end with "
                + Arrays.stream(values()).map(f -> "." + f.extension).collect(Collectors.joining(", ")));
    }
}
