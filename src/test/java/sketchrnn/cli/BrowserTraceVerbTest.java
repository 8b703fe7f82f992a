package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.SyntheticDrawings;
import sketchrnn.interop.MixtureTrace;
import sketchrnn.model.CellKind;

/** {@code sketchrnn trace}: the official runtime's traces reproduced from the command line, and its semantics. */
class BrowserTraceVerbTest {
    @TempDir
    Path dir;

    private static MixtureTrace reference(String file) throws IOException {
        Path p = Shared.path("reference/" + file);
        return MixtureTrace.parse(Files.readString(p, StandardCharsets.UTF_8), file);
    }

    private static double max(Map<String, Double> worst) {
        return worst.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** trace-sheep-1 was made from aaron_sheep test[1] at T = 0.5 with Google's sheep model. */
    @Test
    void traceOfASketchInAnNpzSplitMatchesTheRuntime() throws IOException {
        MixtureTrace expected = reference("trace-sheep-1.json");
        CliRun run = CliRun.of("trace", "--model", Shared.path("models/sheep.gen.json").toString(),
                "--input", Shared.path("data/aaron_sheep.npz").toString(), "--split", "test", "--index", "1",
                "--temperature", "0.5");
        assertThat(run.code()).as(run.err()).isZero();
        MixtureTrace ours = MixtureTrace.parse(run.out(), "trace output");
        assertThat(ours.model()).isEqualTo("sheep");
        assertThat(ours.scaleFactor()).isEqualTo(63.0983);
        assertThat(ours.temperature()).isEqualTo(0.5);
        assertThat(ours.z()).isEmpty();
        Map<String, Double> worst = ours.maxAbsDifference(expected);
        assertThat(max(worst)).as("%s", worst).isLessThanOrEqualTo(1e-5);
    }

    /** The bird trace's input, written as a JSON stroke-3 file, in float32 (as sampling computes). */
    @Test
    void traceOfAJsonSketchInFloat32IsCloseToTheRuntime() throws IOException {
        Path ref = Shared.path("reference/trace-bird-2.json");
        String text = Files.readString(ref, StandardCharsets.UTF_8);
        String input = com.google.gson.JsonParser.parseString(text).getAsJsonObject().get("input").toString();
        Path sketch = dir.resolve("bird-sketch.json");
        Files.writeString(sketch, input);
        Path out = dir.resolve("t.json");
        CliRun run = CliRun.of("trace", "--model", Shared.path("models/bird.gen.json").toString(), "--input",
                sketch.toString(), "--float32", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("wrote " + out + ": 12 steps of bird");
        MixtureTrace ours = MixtureTrace.parse(Files.readString(out), "trace output");
        assertThat(ours.temperature()).isEqualTo(1.0);
        assertThat(max(ours.maxAbsDifference(MixtureTrace.parse(text, "reference")))).isLessThanOrEqualTo(5e-5);
    }

    /**
     * On a checkpoint of our own (a conditional model): one step more than points, distributions that sum to
     * one, sigma scaled by sqrt(T) and the discrete parts sharpened, z printed and the same at every temperature.
     */
    @Test
    void traceOfACheckpointFollowsTheRuntimesTemperatureRules() {
        Path ckpt = SmallCheckpoints.write(dir.resolve("vae.ckpt"), SmallCheckpoints.hparams(true, 16, CellKind.LSTM), 3, List.of());
        String sheep = SyntheticDrawings.sheepSized().toString();
        CliRun one = CliRun.of("trace", "--model", ckpt.toString(), "--input", sheep, "--index", "2");
        CliRun quarter = CliRun.of("trace", "--model", ckpt.toString(), "--input", sheep, "--index", "2",
                "--temperature", "0.25");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(quarter.code()).as(quarter.err()).isZero();
        MixtureTrace t1 = MixtureTrace.parse(one.out(), "T=1");
        MixtureTrace tq = MixtureTrace.parse(quarter.out(), "T=0.25");
        int points = sketchrnn.data.SketchFiles.load(Path.of(sheep), "test").get(2).size();
        assertThat(t1.steps()).hasSize(points + 1);
        assertThat(t1.scaleFactor()).isEqualTo(SmallCheckpoints.SHEEP_SCALE);
        assertThat(t1.z()).hasSize(4).isEqualTo(tq.z());
        for (int i = 0; i < t1.steps().size(); i++) {
            MixtureTrace.Step a = t1.steps().get(i);
            MixtureTrace.Step b = tq.steps().get(i);
            assertThat(sum(a.get("pi"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(sum(b.get("pen"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            for (int k = 0; k < 20; k++) {
                assertThat(b.get("sigmaX")[k]).isCloseTo(a.get("sigmaX")[k] * 0.5, org.assertj.core.data.Offset.offset(1e-12));
                assertThat(b.get("muY")[k]).isEqualTo(a.get("muY")[k]);
                assertThat(b.get("corr")[k]).isEqualTo(a.get("corr")[k]);
            }
            // softmax of logits / 0.25: the most likely component becomes more likely
            int top = argmax(a.get("pi"));
            assertThat(b.get("pi")[top]).isGreaterThanOrEqualTo(a.get("pi")[top]);
        }
    }

    @Test
    void badArgumentsExitWith2AndOneLine() {
        String model = SmallCheckpoints.write(dir.resolve("gen.ckpt"), SmallCheckpoints.hparams(false, 16, CellKind.LSTM), 4,
                List.of()).toString();
        String sheep = SyntheticDrawings.sheepSized().toString();
        CliRun index = CliRun.of("trace", "--model", model, "--input", sheep, "--index", "300");
        assertThat(index.code()).isEqualTo(2);
        assertThat(index.err().strip()).isEqualTo("error: --input: index 300 is outside 0..299, the test split of " + sheep);
        CliRun temperature = CliRun.of("trace", "--model", model, "--input", sheep, "--temperature", "0");
        assertThat(temperature.code()).isEqualTo(2);
        assertThat(temperature.err().strip()).isEqualTo("error: --temperature 0.0 must be a positive number");
    }

    @Test
    void helpShowsExamples() {
        CliRun help = CliRun.of("trace", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Examples:").contains("sketchrnn trace --model");
        assertThat(CliRun.of("--help").out()).contains("trace").contains("export");
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }
}
