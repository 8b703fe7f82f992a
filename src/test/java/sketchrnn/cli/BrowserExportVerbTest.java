package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.SyntheticDrawings;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.interop.BrowserModel;
import sketchrnn.interop.BrowserModelFile;
import sketchrnn.interop.Int16Codec;
import sketchrnn.interop.MixtureTrace;
import sketchrnn.model.CellKind;

/** {@code sketchrnn export}, and the exported files used as models by {@code trace}, {@code eval} and {@code info}. */
class BrowserExportVerbTest {
    @TempDir
    Path dir;

    private static double max(Map<String, Double> worst) {
        return worst.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /**
     * A conditional run exports to .vae.json with the checkpoint's scale factor, N_max, validation losses and
     * training-set size; the file's weights are the checkpoint's on the int16 grid; and the exported model, read
     * back, predicts what the checkpoint predicts up to quantisation (the round trip a browser VAE would make,
     * which @magenta/sketch cannot run).
     */
    @Test
    void aConditionalRunExportsToVaeJsonAndTracesLikeTheCheckpoint() throws IOException {
        String sheep = SyntheticDrawings.sheepSized().toAbsolutePath().toString();
        Path run = Files.createDirectories(dir.resolve("run"));
        SmallCheckpoints.write(run.resolve("best.ckpt"), SmallCheckpoints.hparams(true, 16, CellKind.LSTM), 5, List.of(sheep));
        Path out = dir.resolve("sheep.vae.json");
        CliRun export = CliRun.of("export", "--model", run.toString(), "--out", out.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("wrote " + out + ": conditional (VAE) lstm model \"sheep\"")
                .contains("step 1234").contains("r_loss 1.5000, kl_loss 0.5000, training_size 7400")
                .contains("none clipped");

        JsonObject info = JsonParser.parseString(Files.readString(out)).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(info.get("mode").getAsInt()).isEqualTo(0);
        assertThat(info.get("version").getAsInt()).isEqualTo(6);
        assertThat(info.get("max_seq_len").getAsInt()).isEqualTo(250);
        assertThat(info.get("scale_factor").getAsDouble()).isEqualTo(SmallCheckpoints.SHEEP_SCALE);
        assertThat(info.get("r_loss").getAsDouble()).isEqualTo(1.5);
        assertThat(info.get("kl_loss").getAsDouble()).isEqualTo(0.5);
        assertThat(info.get("training_size").getAsLong()).isEqualTo(7400);

        Checkpoint c = Checkpoint.read(run.resolve("best.ckpt"));
        BrowserModel read = BrowserModelFile.read(out);
        assertThat(read.layout().names()).containsExactlyInAnyOrderElementsOf(c.weights().keySet());
        c.weights().forEach((name, w) -> {
            float[] q = read.array(name).values();
            for (int i = 0; i < w.length; i++) {
                assertThat((double) Math.abs(q[i] - w[i])).as("%s[%d]", name, i).isLessThanOrEqualTo(Int16Codec.MAX_ERROR * 1.0001);
            }
        });

        // the same predictions up to quantisation; traces are deterministic (z = mu of the sketch)
        CliRun fromCheckpoint = CliRun.of("trace", "--model", run.toString(), "--input", sheep, "--index", "4");
        CliRun fromFile = CliRun.of("trace", "--model", out.toString(), "--input", sheep, "--index", "4");
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        MixtureTrace a = MixtureTrace.parse(fromCheckpoint.out(), "checkpoint");
        MixtureTrace b = MixtureTrace.parse(fromFile.out(), "export");
        Map<String, Double> worst = a.maxAbsDifference(b);
        System.out.println("VAE export vs checkpoint, largest absolute difference per field: " + worst);
        assertThat(max(worst)).as("%s", worst).isLessThanOrEqualTo(5e-3).isGreaterThan(0);
        double zDiff = 0;
        for (int k = 0; k < a.z().length; k++) {
            zDiff = Math.max(zDiff, Math.abs(a.z()[k] - b.z()[k]));
        }
        assertThat(zDiff).isLessThanOrEqualTo(1e-2);

        // and exporting is idempotent: the exported file, read and written again, is the same file
        Path again = dir.resolve("again.vae.json");
        BrowserModelFile.write(again, read);
        assertThat(Files.mismatch(again, out)).isEqualTo(-1L);
    }

    /** A decoder-only run exports to .gen.json (mode 2); eval and info accept the file like a checkpoint. */
    @Test
    void aDecoderOnlyRunExportsToGenJsonAndEvaluatesLikeTheCheckpoint() throws IOException {
        String sheep = SyntheticDrawings.sheepSized().toString();
        Path ckpt = SmallCheckpoints.write(dir.resolve("gen.ckpt"), SmallCheckpoints.hparams(false, 16, CellKind.LSTM), 6, List.of());
        Path out = dir.resolve("sheep.gen.json");
        CliRun export = CliRun.of("export", "--model", ckpt.toString(), "--out", out.toString(), "--name", "little sheep");
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("decoder-only lstm model \"little sheep\"").contains("training_size not recorded");
        BrowserModel read = BrowserModelFile.read(out);
        assertThat(read.conditional()).isFalse();
        assertThat(read.info().decoderOnly()).isTrue();
        assertThat(read.info().name()).isEqualTo("little sheep");

        CliRun evalCkpt = CliRun.of("eval", "--model", ckpt.toString(), "--data", sheep, "--split", "test");
        CliRun evalFile = CliRun.of("eval", "--model", out.toString(), "--data", sheep, "--split", "test");
        assertThat(evalFile.code()).as(evalFile.err()).isZero();
        JsonObject r1 = JsonParser.parseString(evalCkpt.out()).getAsJsonObject();
        JsonObject r2 = JsonParser.parseString(evalFile.out()).getAsJsonObject();
        assertThat(r2.get("count").getAsInt()).isEqualTo(300).isEqualTo(r1.get("count").getAsInt());
        assertThat(r2.get("kl_loss").getAsDouble()).isZero();
        assertThat(r2.get("recon_loss").getAsDouble()).isCloseTo(r1.get("recon_loss").getAsDouble(),
                org.assertj.core.data.Offset.offset(0.01)).isNotEqualTo(r1.get("recon_loss").getAsDouble());

        CliRun info = CliRun.of("info", out.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("sheep.gen.json: browser model").contains("decoder-only")
                .contains("dec_model=lstm dec_rnn_size=16 num_mixture=20 max_seq_len=250")
                .contains("version 6, mode 2").containsPattern("scale factor:\\s+18.5198");
    }

    @Test
    void modelsTheBrowserCannotRunAreRefusedWithTheReason() {
        for (CellKind cell : List.of(CellKind.LAYER_NORM, CellKind.HYPER)) {
            Path ckpt = SmallCheckpoints.write(dir.resolve(cell + ".ckpt"), SmallCheckpoints.hparams(false, 16, cell), 1, List.of());
            Path out = dir.resolve(cell + ".gen.json");
            CliRun run = CliRun.of("export", "--model", ckpt.toString(), "--out", out.toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("error: cannot export a model with dec_model=" + cell
                    + " to the browser format: the browser runtime implements the plain LSTM only (dec_model=lstm)");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void theExtensionMustMatchTheKindOfModel() {
        Path vae = SmallCheckpoints.write(dir.resolve("vae.ckpt"), SmallCheckpoints.hparams(true, 16, CellKind.LSTM), 1, List.of());
        CliRun gen = CliRun.of("export", "--model", vae.toString(), "--out", dir.resolve("x.gen.json").toString());
        assertThat(gen.code()).isEqualTo(2);
        assertThat(gen.err().strip()).isEqualTo("error: " + vae + " is a conditional (VAE) model: export it to a .vae.json "
                + "file (.gen.json holds decoder-only models)");
        CliRun json = CliRun.of("export", "--model", vae.toString(), "--out", dir.resolve("x.json").toString());
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.err()).contains("must end in .gen.json (decoder-only model) or .vae.json (conditional model)");
        assertThat(dir.resolve("x.gen.json")).doesNotExist();
    }

    @Test
    void infoDescribesACheckpointAndARunFolder() throws IOException {
        String sheep = SyntheticDrawings.sheepSized().toAbsolutePath().toString();
        Path run = Files.createDirectories(dir.resolve("run"));
        Path ckpt = SmallCheckpoints.write(run.resolve("best.ckpt"), SmallCheckpoints.hparams(true, 16, CellKind.LSTM)
                .withGroupByLength(true), 2, List.of(sheep));
        for (String arg : List.of(run.toString(), ckpt.toString())) {
            CliRun info = CliRun.of("info", arg);
            assertThat(info.code()).as(info.err()).isZero();
            assertThat(info.out()).startsWith(ckpt + ": sketchrnn checkpoint")
                    .containsPattern("kind:\\s+conditional \\(VAE")
                    .contains("enc_model=lstm enc_rnn_size=8 dec_model=lstm dec_rnn_size=16 z_size=4 num_mixture=20 max_seq_len=250")
                    .contains("group_by_length=true")
                    .containsPattern("parameters:\\s+[0-9,]+")
                    .containsPattern("size on disk:\\s+[0-9,]+ bytes")
                    .containsPattern("training step:\\s+1234")
                    .containsPattern("scale factor:\\s+18.5198")
                    .contains(sheep)
                    .contains("valid_recon_loss 1.5000, valid_kl_loss 0.5000")
                    .containsPattern("browser export:\\s+yes, sketchrnn export --out NAME.vae.json");
        }
        Path ln = SmallCheckpoints.write(dir.resolve("ln.ckpt"), SmallCheckpoints.hparams(false, 16, CellKind.LAYER_NORM), 2, List.of());
        assertThat(CliRun.of("info", ln.toString()).out()).contains("decoder-only")
                .containsPattern("browser export:\\s+no: dec_model=layer_norm");
    }

    @Test
    void infoDescribesAPublishedModel() {
        CliRun info = CliRun.of("info", Shared.path("models/sheep.gen.json").toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).startsWith("sheep.gen.json: browser model")
                .containsPattern("kind:\\s+decoder-only \\(unconditional\\), 5 arrays")
                .containsPattern("name:\\s+sheep")
                .contains("dec_model=lstm dec_rnn_size=512 num_mixture=20 max_seq_len=156")
                .containsPattern("parameters:\\s+1,123,963")          // 512*123 + 123 + 5*2048 + 512*2048 + 2048
                .containsPattern("size on disk:\\s+2,997,383 bytes")
                .containsPattern("scale factor:\\s+63.0983")
                .containsPattern("losses:\\s+not recorded");
    }
}
