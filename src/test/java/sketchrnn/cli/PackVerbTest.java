package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.SyntheticDrawings;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.model.CellKind;

/** {@code pack}: the shippable copy of a run's model scores as the original and records what it scored. */
class PackVerbTest {
    @TempDir
    Path dir;

    @Test
    void packsARunIntoAWeightsOnlyCheckpointThatRecordsItsTestLossesAndTrainingTime() throws IOException {
        String sheep = SyntheticDrawings.sheepSized().toString();
        Path run = Files.createDirectories(dir.resolve("run"));
        SmallCheckpoints.write(run.resolve("best.ckpt"), SmallCheckpoints.hparams(true, 16, CellKind.LAYER_NORM), 3,
                List.of("/somewhere/data/aaron_sheep.npz"));
        // the run's log: 1000 steps at 600 ms, then 234 at 1000 ms (step 1234 is the checkpoint's)
        Files.writeString(run.resolve("metrics.csv"), String.join("\n",
                "split,step,lr,klw,cost,recon,offset,pen,kl,ms_per_step",
                "train,1000,0.001,0.1,1.0,1.0,0.5,0.5,0.2,600",
                "valid,1000,NaN,0.5,1.0,1.0,0.5,0.5,0.2,NaN",
                "train,1234,0.001,0.1,1.0,1.0,0.5,0.5,0.2,1000",
                "train,1300,0.001,0.1,1.0,1.0,0.5,0.5,0.2,1000", ""));
        Path out = dir.resolve("sheep.ckpt");
        CliRun r = CliRun.of("pack", "--model", run.toString(), "--data", sheep, "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        double original = json.getAsJsonObject("original").get("recon_loss").getAsDouble();
        double shipped = json.getAsJsonObject("packed").get("recon_loss").getAsDouble();
        assertThat(shipped).as("half-precision weights score as the original").isCloseTo(original, within(0.002));
        assertThat(json.getAsJsonObject("packed").get("count").getAsInt()).isEqualTo(300);

        Checkpoint packed = Checkpoint.read(out);
        assertThat(packed.optimizer()).isNull();
        assertThat(packed.step()).isEqualTo(1234);
        assertThat(packed.data()).containsExactly("aaron_sheep.npz");
        assertThat(packed.metrics().get("test_recon_loss")).as("it records what it scores").isCloseTo(shipped, within(1e-6));
        Checkpoint source = Checkpoint.read(run.resolve("best.ckpt"));
        for (String name : source.shapes().keySet()) {
            float[] a = source.weights().get(name);
            float[] b = packed.weights().get(name);
            for (int i = 0; i < a.length; i++) {
                assertThat((double) b[i]).as(name).isCloseTo(a[i], within(Math.abs(a[i]) / 2048 + 0x1p-24));
            }
        }

        Path exact = dir.resolve("sheep32.ckpt");
        CliRun f32 = CliRun.of("pack", "--model", run.toString(), "--data", sheep, "--out", exact.toString(),
                "--precision", "float");
        assertThat(f32.code()).as(f32.err()).isZero();
        JsonObject j32 = JsonParser.parseString(f32.out()).getAsJsonObject();
        assertThat(j32.getAsJsonObject("packed").get("recon_loss").getAsDouble()).isCloseTo(original, within(1e-6));
        assertThat(Checkpoint.read(exact).weights().get(name(source))).isEqualTo(source.weights().get(name(source)));
        assertThat(Files.size(out)).as("half the bytes").isLessThan(Files.size(exact) * 6 / 10);
        assertThat(packed.metrics()).containsKeys("test_kl_loss", "test_offset_loss", "test_pen_loss", "valid_recon_loss");
        assertThat(packed.metrics().get("train_minutes")).isCloseTo((1000 * 600 + 234 * 1000) / 60000.0, within(0.01));

        CliRun info = CliRun.of("info", out.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("test_recon_loss").contains("train_minutes");
    }

    private static String name(Checkpoint c) {
        return c.shapes().keySet().iterator().next();
    }

    @Test
    void aMissingCheckpointIsABadInput() {
        CliRun r = CliRun.of("pack", "--model", dir.resolve("nothing").toString(), "--data", "x.npz", "--out",
                dir.resolve("o.ckpt").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such checkpoint");
        assertThat(dir.resolve("o.ckpt")).doesNotExist();
        CliRun p = CliRun.of("pack", "--model", dir.toString(), "--data", "x.npz", "--out",
                dir.resolve("o.ckpt").toString(), "--precision", "bf16");
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("--precision must be half or float, got bf16");
    }
}
