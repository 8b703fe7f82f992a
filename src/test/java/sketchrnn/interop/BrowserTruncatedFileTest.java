package sketchrnn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sketchrnn.data.BadInputException;

/**
 * A browser model file cut short anywhere is refused with one line naming it: {@link BrowserMalformedFileTest}'s
 * truncation check on files this test exports itself, so that it runs without the published models of
 * {@code ../shared}.
 */
class BrowserTruncatedFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedExportedFile(boolean conditional) throws IOException {
        Path whole = dir.resolve(conditional ? "small.vae.json" : "small.gen.json");
        BrowserModelFile.export(whole, SyntheticModels.hparams(conditional).model(), SyntheticModels.weights(conditional, 3, 2.0),
                ExportInfo.of("small", 20.0, 50));
        byte[] bytes = Files.readAllBytes(whole);
        Path file = dir.resolve("cut-" + whole.getFileName());
        for (int cut : new int[] {1, 30, 90, 120, bytes.length / 2, bytes.length - 2}) {
            Files.write(file, Arrays.copyOf(bytes, cut));
            Throwable t = catchThrowable(() -> BrowserModelFile.read(file));
            assertThat(t).as("cut at %d", cut).isInstanceOf(BadInputException.class);
            assertThat(t.getMessage()).startsWith(file.toString()).doesNotContain("\n").contains("ends early", "truncated");
        }
    }
}
