package sketchrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.data.NpzSketchWriter;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchSplits;
import sketchrnn.model.HParams;

/**
 * The same command with the same seed trains the same weights, bit for bit: several times in one process
 * (with garbage made between runs) and in separate processes, at the thread count users get (libtorch's
 * default, as the launcher leaves it; Surefire runs the other tests with one thread). Identical runs used to
 * diverge from step 40-50 in 2 of 9 fresh processes: the inputs were computed on over Java memory, whose
 * alignment varies, and the engine's matrix products sum in an order that depends on it.
 */
class SameSeedTest {
    static final int STEPS = 6;
    static final String[] HP = {"enc_rnn_size=8", "dec_rnn_size=16", "z_size=4", "batch_size=8", "num_mixture=3"};

    @TempDir
    Path tmp;

    private Path data() {
        Random rng = new Random(5);
        List<Sketch> train = new ArrayList<>();
        for (int s = 0; s < 48; s++) {
            int n = 8 + rng.nextInt(24);
            float[] f = new float[3 * n];
            for (int i = 0; i < n; i++) {
                f[3 * i] = rng.nextInt(41) - 20;
                f[3 * i + 1] = rng.nextInt(41) - 20;
                f[3 * i + 2] = i == n - 1 || rng.nextInt(6) == 0 ? 1 : 0;
            }
            train.add(Sketch.ofFlat(f));
        }
        Path p = tmp.resolve("same.npz");
        NpzSketchWriter.write(p, new SketchSplits("same", train, train.subList(0, 8), train.subList(0, 8)));
        return p;
    }

    private static Map<String, float[]> weights(Path run) {
        return Checkpoint.read(run.resolve("last.ckpt")).weights();
    }

    private TrainingRun.Result trainInProcess(Path data, Path dir) {
        HParams hp = HParams.defaults().withOverrides(List.of(HP));
        return TrainingRun.run(new TrainingRun.Options(List.of(data), dir, hp, STEPS, null, 1, false, 1000, 1000),
                new PrintStream(new ByteArrayOutputStream()), false);
    }

    @Test
    void sameSeedSameWeightsInOneProcessAtTheUsersThreadCount() {
        Path data = data();
        ai.djl.engine.Engine.getInstance(); // loads libtorch
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(Runtime.getRuntime().availableProcessors());
        try {
            List<Map<String, float[]>> runs = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                trainInProcess(data, tmp.resolve("in" + r));
                runs.add(weights(tmp.resolve("in" + r)));
                List<byte[]> garbage = new ArrayList<>(); // shift the heap and the native allocator between runs
                for (int g = 0; g < 64 * (r + 1); g++) {
                    garbage.add(new byte[1000 + 37 * g]);
                }
                System.gc();
                assertThat(garbage).isNotEmpty();
            }
            for (int r = 1; r < runs.size(); r++) {
                assertThat(runs.get(r)).as("run " + r + " against run 0").usingRecursiveComparison().isEqualTo(runs.get(0));
            }
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    @Test
    void sameSeedSameWeightsInSeparateProcesses() throws Exception {
        Path data = data();
        List<Map<String, float[]>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Path dir = tmp.resolve("proc" + r);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), "sketchrnn.cli.Main", "train", "--data", data.toString(),
                    "--out", dir.toString(), "--max-steps", Integer.toString(STEPS), "--eval-every", "1000", "--seed", "1"));
            for (String h : HP) {
                cmd.add("--hp");
                cmd.add(h);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("proc" + r + ".log").toFile());
            // as the launcher runs it: libtorch's default thread count, not Surefire's 1
            pb.environment().remove("OMP_NUM_THREADS");
            pb.environment().remove("MKL_NUM_THREADS");
            pb.environment().put("OPT_OUT_TRACKING", "true");
            Process p = pb.start();
            boolean done = p.waitFor(180, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            String log = Files.readString(tmp.resolve("proc" + r + ".log"));
            assertThat(done && p.exitValue() == 0).as(log).isTrue();
            runs.add(weights(dir));
        }
        assertThat(runs.get(1)).usingRecursiveComparison().isEqualTo(runs.get(0));
    }

}
