package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.data.NpzSketchWriter;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchSplits;

/** What a new user tripped over (issue #14), end to end through the CLI with the embedded model. */
class NewUserCliTest {
    @TempDir
    Path dir;

    /** A hand-made SVG with curves: an S-curve, a circle and an ellipse, 527 points once the curves are flattened. */
    static final String CURVED_SVG = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200" width="300" height="200">
              <path d="M 50 120 C 50 40, 150 40, 160 100 S 260 160, 250 80" fill="none" stroke="black"/>
              <circle cx="100" cy="150" r="30" fill="none" stroke="black"/>
              <ellipse cx="200" cy="150" rx="40" ry="20" fill="none" stroke="black"/>
            </svg>
            """;

    @Test
    void aCurvedSvgIsSimplifiedToFitThenCompletedAndReconstructed() throws Exception {
        Path svg = Files.writeString(dir.resolve("curve.svg"), CURVED_SVG);
        CliRun complete = CliRun.of("complete", "--input", svg.toString(), "--count", "2", "--seed", "1",
                "--out", dir.resolve("endings.json").toString());
        assertThat(complete.code()).as(complete.err()).isZero();
        assertThat(complete.err()).containsPattern("curve.svg: simplified from 5\\d\\d to \\d\\d points")
                .contains("model aaron_sheep reads at most 250");
        assertThat(complete.out()).contains("wrote").contains("2 sketches");

        CliRun recon = CliRun.of("reconstruct", "--input", svg.toString(), "--count", "1", "--temperatures", "0.5",
                "--seed", "1", "--out", dir.resolve("recon.png").toString());
        assertThat(recon.code()).as(recon.err()).isZero();
        assertThat(recon.err()).contains("simplified from");
        assertThat(Files.size(dir.resolve("recon.png"))).isPositive();

        CliRun never = CliRun.of("complete", "--input", svg.toString(), "--simplify", "never",
                "--out", dir.resolve("x.json").toString());
        assertThat(never.code()).isEqualTo(2);
        assertThat(never.err()).contains("curve.svg has 5").contains("reads at most 250").contains("--simplify auto")
                .doesNotContain("Exception");

        Path folder = Files.createDirectories(dir.resolve("svgs"));
        Files.copy(svg, folder.resolve("a.svg"));
        Files.copy(svg, folder.resolve("b.svg"));
        CliRun prepare = CliRun.of("prepare", "--input", folder.toString(), "--out", dir.resolve("mine.npz").toString(),
                "--split", "0.5,0,0.5");
        assertThat(prepare.code()).as(prepare.err()).isZero();
        assertThat(prepare.out()).contains("simplified 2 drawings from").contains("dropped 0");
    }

    @Test
    void theEmbeddedModelIsNamedDefaultInInfoEvalAndTrace() throws Exception {
        CliRun info = CliRun.of("info", "default");
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).startsWith("default (the embedded model, ").contains("conditional");

        List<Sketch> sketches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sketches.add(Sketch.of(new float[][] {{0, 0, 0}, {20 + i, 5, 0}, {-5, 30, 0}, {-15, -35 + i, 1}}));
        }
        Path npz = dir.resolve("tiny.npz");
        NpzSketchWriter.write(npz, new SketchSplits("tiny", sketches, sketches, sketches));
        CliRun eval = CliRun.of("eval", "--data", npz.toString(), "--split", "test");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("\"recon_loss\"").contains("\"count\": 4");

        CliRun trace = CliRun.of("trace", "--input", npz + "#1", "--float32");
        assertThat(trace.code()).as(trace.err()).isZero();
        assertThat(trace.out()).startsWith("{\"model\":\"aaron_sheep\"").contains("\"steps\"");
        CliRun named = CliRun.of("trace", "--model", "default", "--input", npz + "#1");
        assertThat(named.code()).as(named.err()).isZero();
    }

    @Test
    void sampleRunsWithoutTheLibtorchWarningOnStderr() throws Exception {
        // the warning was printed by native code (TORCH_WARN_ONCE), so only a separate process shows it
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "sketchrnn.cli.Main",
                "sample", "--count", "1", "--seed", "1", "--out", dir.resolve("one.svg").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("sample finished").isTrue();
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("wrote");
        assertThat(err).doesNotContain("AutoNonVariableTypeMode").doesNotContain("Warning").doesNotContain("[W");
    }

    @Test
    void malformedJsonIsNamedByLineAndColumnWithoutClassNames() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "[[1, 2, 0] [3, 4, 1]]");
        CliRun r = CliRun.of("render", "--input", bad.toString(), "--out", dir.resolve("x.svg").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json: not valid JSON: line 1, column 13: expected ',' or ']'")
                .doesNotContain("com.google").doesNotContain("Exception").doesNotContain("setStrictness");
        Path huge = Files.writeString(dir.resolve("huge.json"), "[[1e308, 2, 0], [3, 4, 1]]");
        CliRun h = CliRun.of("render", "--input", huge.toString(), "--out", dir.resolve("x.svg").toString());
        assertThat(h.err()).contains("dx is 1e308, too large").doesNotContain("finite");
    }

    @Test
    void helpFitsEightyColumnsAndNamesWhatInfoDescribes() {
        List<String> verbs = List.of("info", "prepare", "render", "train", "eval", "pack", "sample", "reconstruct",
                "interpolate", "analogy", "complete", "grid", "trace", "export", "serve", "bench");
        for (String verb : verbs) {
            CliRun r = CliRun.of(verb, "--help");
            for (String line : r.out().split("\n")) {
                assertThat(line.length()).as(verb + " --help: " + line).isLessThanOrEqualTo(HelpLayout.WIDTH);
            }
            assertThat(r.out()).as(verb).doesNotContain("(.\n").doesNotContain(".\njson");
        }
        assertThat(CliRun.of("--help").out()).contains("info         Describe a data file or a model");
        assertThat(CliRun.of("render", "--help").out()).contains("--cell-size, --size=PX");
        assertThat(new File("pom.xml")).exists();
    }
}
