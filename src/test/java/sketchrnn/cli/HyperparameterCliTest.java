package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.model.HParamKey;
import sketchrnn.model.HParams;

/** Hyperparameters on the command line: {@code train --help} lists them, {@code --hp} refuses what is not one. */
class HyperparameterCliTest {
    @TempDir
    Path dir;

    @Test
    void trainHelpListsEveryHyperparameterWithItsDefaultModelFirst() {
        CliRun help = CliRun.of("train", "--help");
        assertThat(help.code()).isZero();
        String out = help.out();
        assertThat(out).contains("  max_seq_len=250             N_max: longer sketches are dropped")
                .contains("  enc_model=lstm              encoder cell: lstm, layer_norm or hyper")
                .contains("  min_learning_rate=1.0E-5    learning-rate floor")
                .contains("  group_by_length=false       ");
        int training = out.indexOf("Hyperparameters of training:");
        assertThat(out.indexOf("Hyperparameters of the model")).isPositive().isLessThan(training);
        for (HParamKey k : HParams.KEYS) {
            int at = out.indexOf("  " + k.name() + "=");
            assertThat(at).as(k.name()).isPositive();
            assertThat(at < training).as(k.name()).isEqualTo(k.part() == HParamKey.Part.MODEL);
        }
    }

    @Test
    void badOverridesExitWithCode2AndOneLineNamingTheKey() {
        for (List<String> c : List.of(
                List.of("dec_size=8", "error: unknown hyperparameter 'dec_size'; known: max_seq_len, enc_rnn_size,"),
                List.of("enc_model=gru", "error: hyperparameter 'enc_model': 'gru' is not one of [lstm, layer_norm, hyper]"),
                List.of("z_size=0", "error: hyperparameter 'z_size': 0 is not valid, expected a whole number in 1..8192"),
                List.of("kl_weight=x", "error: hyperparameter 'kl_weight': 'x' is not a finite number"))) {
            CliRun r = CliRun.of("train", "--data", dir.resolve("none.npz").toString(), "--out", dir.resolve("run").toString(),
                    "--max-steps", "1", "--hp", c.get(0));
            assertThat(r.code()).as(c.get(0)).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(c.get(0)).hasSize(1);
            assertThat(r.err()).as(c.get(0)).startsWith(c.get(1)).doesNotContain("Exception").doesNotContain("java.");
        }
    }
}
