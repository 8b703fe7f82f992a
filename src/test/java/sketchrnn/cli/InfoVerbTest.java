package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.SyntheticQuickDraw;
import sketchrnn.data.NpzSketchReader;
import sketchrnn.data.Sketch;

class InfoVerbTest {
    @Test
    void npzIsDescribedPerSplitWithTheTrainScaleFactor() {
        Path sheep = Shared.path("data/aaron_sheep.npz");
        CliRun run = CliRun.of("info", sheep.toString());
        assertThat(run.code()).isZero();
        List<Sketch> train = NpzSketchReader.read(sheep).train();
        int min = train.stream().mapToInt(Sketch::size).min().orElseThrow();
        int max = train.stream().mapToInt(Sketch::size).max().orElseThrow();
        assertThat(run.out()).contains("aaron_sheep.npz: sketch-rnn npz")
                .containsPattern("train\\s+7400\\s+" + min + " / \\d+ / " + max)
                .containsPattern("valid\\s+300\\s")
                .containsPattern("test\\s+300\\s");
        // the scale factor: np.std of every dx and dy of the train split (numpy gives 18.519826...)
        assertThat(run.out()).contains("scale factor (train): 18.5198");
    }

    @Test
    void ndjsonAndBinAreOneGroup(@TempDir Path tmp) {
        Path cats = SyntheticQuickDraw.writeRaw(tmp.resolve("cat.ndjson"), 4, 25, "cat");
        CliRun raw = CliRun.of("info", cats.toString());
        assertThat(raw.code()).isZero();
        assertThat(raw.out()).contains("cat.ndjson: Quick, Draw! ndjson, raw").containsPattern("all\\s+25\\s");
        CliRun bin = CliRun.of("info", SyntheticQuickDraw.writeBed(tmp.resolve("bed-one.simplified.bin")).toString());
        assertThat(bin.out()).contains("binary, simplified").containsPattern("all\\s+1\\s+25 / 25 / 25");
    }

    @Test
    void unknownOrMissingFilesExitWithCode2AndOneLine() {
        CliRun missing = CliRun.of("info", "no/such/sheep.npz");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("error: no such file: no/such/sheep.npz").doesNotContain("\n");
        CliRun unknown = CliRun.of("info", "pom.xml");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("error: pom.xml: not a file info knows; expected .npz, .ndjson, .bin or "
                + ".json, a model (.gen.json, .vae.json, .ckpt), a run folder, or default (the embedded model)");
    }

    @Test
    void helpShowsExamples() {
        CliRun help = CliRun.of("info", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Examples:").contains("sketchrnn info aaron_sheep.npz");
    }
}
