package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.data.JsonSketchFile;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchFiles;
import sketchrnn.interop.Int16Codec;
import sketchrnn.interop.MixtureTrace;
import sketchrnn.model.CellKind;

/**
 * A model exported by {@code sketchrnn export} runs in Google's own runtime: {@code @magenta/sketch} 0.2.0 under
 * node ({@code shared/tools/oracle/trace.js}) predicts, step by step, what {@code sketchrnn trace} predicts with
 * the exported file (float32 round-off only) and with the checkpoint it came from (up to int16 quantisation).
 *
 * <p>Skipped, with the reason, when node or npm is missing or {@code npm install} fails (offline). The runtime is
 * installed once into {@code target/oracle} and reused while its {@code node_modules} is there.
 */
class BrowserNodeOracleTest {
    /** Float32 round-off between two implementations of the same arithmetic (the conformance bound). */
    static final double TIGHT = 1e-5;
    /**
     * Quantisation moves every weight by at most {@link Int16Codec#MAX_ERROR} (1.5e-4). A gate pre-activation
     * sums H + 5 products of weights with inputs and states of magnitude about 1 or less, plus a bias, so it moves
     * by about sqrt(H + 6) * 1.5e-4 = 1e-3 for H = 32 (at most (H + 6) * 1.5e-4 = 6e-3 if all errors lined up);
     * softmax, tanh and sigmoid do not magnify that, exp (sigma) scales it by sigma (about 1 here), and the
     * recurrence carries it on with the forget gate's damping. 5e-3 covers that with margin, and is a hundred
     * times anything a semantic mistake would give.
     */
    static final double QUANTISED = 5e-3;

    private static Path oracle;

    @TempDir
    Path dir;

    @BeforeAll
    static void installTheRuntime() throws IOException, InterruptedException {
        Path tools = Shared.path("tools/oracle");
        assumeTrue(runs(List.of("node", "--version"), Path.of("."), 30).ok(), "skipped: node is not installed");
        assumeTrue(runs(List.of("npm", "--version"), Path.of("."), 30).ok(), "skipped: npm is not installed");
        oracle = Path.of("target", "oracle").toAbsolutePath();
        Files.createDirectories(oracle);
        for (String f : List.of("package.json", "trace.js")) {
            Files.copy(tools.resolve(f), oracle.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(oracle.resolve("node_modules/@magenta/sketch"))) {
            Result install = runs(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), oracle, 600);
            assumeTrue(install.ok(), () -> "skipped: npm install of @magenta/sketch failed (offline?): " + install.tail());
        }
    }

    @Test
    void anExportedDecoderOnlyModelRunsInTheOfficialRuntime() throws IOException, InterruptedException {
        Path ckpt = SmallCheckpoints.write(dir.resolve("gen.ckpt"), SmallCheckpoints.hparams(false, 32, CellKind.LSTM), 7, List.of());
        Path exported = dir.resolve("small.gen.json");
        CliRun export = CliRun.of("export", "--model", ckpt.toString(), "--out", exported.toString());
        assertThat(export.code()).as(export.err()).isZero();

        Path sheep = Shared.path("data/aaron_sheep.npz");
        Sketch sketch = SketchFiles.load(sheep, "test").get(5);
        Path sketchFile = dir.resolve("sheep-5.json");
        JsonSketchFile.write(sketchFile, sketch);
        String temperature = "0.7";

        Result node = runs(List.of("node", "trace.js", exported.toString(), sketchFile.toString(), temperature), oracle, 300);
        assertThat(node.ok()).as("node trace.js: %s", node.tail()).isTrue();
        MixtureTrace runtime = MixtureTrace.parse(node.out(), "@magenta/sketch trace");
        assertThat(runtime.steps()).hasSize(sketch.size() + 1);

        CliRun ofFile = CliRun.of("trace", "--model", exported.toString(), "--input", sketchFile.toString(),
                "--temperature", temperature);
        CliRun ofCheckpoint = CliRun.of("trace", "--model", ckpt.toString(), "--input", sketchFile.toString(),
                "--temperature", temperature);
        assertThat(ofFile.code()).as(ofFile.err()).isZero();
        assertThat(ofCheckpoint.code()).as(ofCheckpoint.err()).isZero();
        Map<String, Double> fileVsRuntime = MixtureTrace.parse(ofFile.out(), "file").maxAbsDifference(runtime);
        Map<String, Double> checkpointVsRuntime = MixtureTrace.parse(ofCheckpoint.out(), "checkpoint").maxAbsDifference(runtime);
        System.out.println("@magenta/sketch vs our trace of the exported file: " + fileVsRuntime);
        System.out.println("@magenta/sketch vs our trace of the unquantised checkpoint: " + checkpointVsRuntime);

        assertThat(max(fileVsRuntime)).as("%s", fileVsRuntime).isLessThanOrEqualTo(TIGHT);
        assertThat(max(checkpointVsRuntime)).as("%s", checkpointVsRuntime).isLessThanOrEqualTo(QUANTISED)
                .as("quantisation must show: the runtime ran the exported file, not something else")
                .isGreaterThan(TIGHT);
    }

    private static double max(Map<String, Double> worst) {
        return worst.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** What a process printed and how it ended. */
    private record Result(boolean ok, String out, String err) {
        String tail() {
            String all = (err + "\n" + out).strip();
            List<String> lines = new ArrayList<>(all.lines().toList());
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    private static Result runs(List<String> command, Path workDir, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("oracle", ".out");
        Path err = Files.createTempFile("oracle", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).start();
            } catch (IOException notFound) {
                return new Result(false, "", notFound.getMessage());
            }
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            return new Result(done && p.exitValue() == 0, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8) + (done ? "" : " (timed out)"));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
