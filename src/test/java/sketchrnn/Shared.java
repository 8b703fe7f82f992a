package sketchrnn;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only shared material ({@code ../shared}: data sets, published models, reference traces).
 * Tests that need it call {@link #path(String)}, which skips the test with a clear message when it is
 * absent (a user's fresh clone has no {@code ../shared}).
 */
public final class Shared {
    private Shared() {
    }

    /** The shared folder: system property {@code sketchrnn.shared} (set by the build), else {@code ../shared}. */
    public static Path root() {
        return Path.of(System.getProperty("sketchrnn.shared", "../shared"));
    }

    /** A file or folder under the shared folder; skips the calling test when it does not exist. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), "skipped: shared material " + p + " is absent (tests that need ../shared skip without it)");
        return p;
    }
}
