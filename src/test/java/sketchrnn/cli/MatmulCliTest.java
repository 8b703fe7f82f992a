package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.SyntheticDrawings;
import sketchrnn.kernels.Gemm;

/**
 * {@code --matmul}: training takes bf16 products by default where the CPU has them (fp32 elsewhere), says which
 * in its log, honours an explicit choice, refuses bf16 on the DJL path, and leaves fp32 on after the command.
 */
class MatmulCliTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() {
        data = SyntheticDrawings.writeNpz(dir.resolve("walks.npz"), 5, 24, 8, 8);
    }

    private static CliRun train(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", dir.resolve(name).toString(),
                "--max-steps", "2", "--eval-every", "2", "--hp", "enc_rnn_size=8", "--hp", "dec_rnn_size=16", "--hp",
                "z_size=4", "--hp", "num_mixture=3", "--hp", "batch_size=8", "--hp", "max_seq_len=30"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The run's log (train prints it on the process's standard output and into the run folder). */
    private static String log(String name) {
        try {
            return java.nio.file.Files.readString(dir.resolve(name).resolve("train.log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void trainingTakesBf16WhereTheCpuHasItAndFp32Otherwise() {
        CliRun auto = train("auto");
        assertThat(auto.code()).as(auto.err()).isZero();
        assertThat(log("auto")).contains(Gemm.bf16Available() ? "native bf16 (AVX512_BF16) kernels" : "vector");
        assertThat(Gemm.bf16()).as("fp32 again after the command").isFalse();

        CliRun fp32 = train("fp32", "--matmul", "fp32");
        assertThat(fp32.code()).as(fp32.err()).isZero();
        assertThat(log("fp32")).contains("fused engine").doesNotContain("bf16");

        CliRun bf16 = train("bf16", "--matmul", "bf16");
        if (Gemm.bf16Available()) {
            assertThat(bf16.code()).as(bf16.err()).isZero();
            assertThat(log("bf16")).contains("native bf16");
        } else {
            assertThat(bf16.code()).isEqualTo(2);
            assertThat(bf16.err()).startsWith("error: --matmul bf16: not available here (").contains("use --matmul fp32");
        }
        assertThat(Gemm.bf16()).isFalse();
    }

    @Test
    void badChoicesExitWithCode2AndOneLine() {
        CliRun djl = train("djl", "--matmul", "bf16", "--engine", "djl");
        assertThat(djl.code()).isEqualTo(2);
        assertThat(djl.err().lines().toList()).hasSize(1);
        assertThat(djl.err()).startsWith("error: --matmul bf16: only the fused engine has bf16 products");
        CliRun bad = train("bad", "--matmul", "fp16");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: --matmul: expected auto, fp32 or bf16, got 'fp16'");
    }
}
