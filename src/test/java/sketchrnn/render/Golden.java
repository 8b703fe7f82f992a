package sketchrnn.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;

/**
 * Golden files under {@code src/test/resources/golden/}: compared exactly; run the tests with
 * {@code -Dsketchrnn.updateGolden=true} to rewrite them after a deliberate change (then review the diff).
 */
final class Golden {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("sketchrnn.updateGolden")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            Assertions.fail("golden file " + file + " is missing; create it with -Dsketchrnn.updateGolden=true");
        }
        assertThat(actual).as("output compared with golden file " + file
                + " (rewrite with -Dsketchrnn.updateGolden=true if the change is deliberate)")
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
