package sketchrnn.cli;

import java.util.Locale;
import picocli.CommandLine.Option;
import sketchrnn.data.BadInputException;
import sketchrnn.kernels.Gemm;
import sketchrnn.train.TrainingPath;

/**
 * {@code --engine}: which implementation computes training and evaluation passes, and {@code --matmul}: the
 * precision of the fused engine's matrix products (a picocli mixin).
 */
final class EngineOption {
    @Option(names = "--engine", paramLabel = "fused|djl", defaultValue = "auto",
            description = "fused: the fused CPU engine (lstm and layer_norm cells); djl: the DJL autograd path "
                    + "(any cell; the reference). Default: fused where it runs the model, else djl.")
    String engine;

    @Option(names = "--matmul", paramLabel = "auto|fp32|bf16", defaultValue = "auto",
            description = "Matrix products of the fused engine. bf16: operands rounded to bf16, sums in fp32, about "
                    + "twice as fast per product, on Linux x86-64 CPUs with AVX512_BF16 only (BENCHMARKS.md: the loss "
                    + "curve follows fp32's); fp32: single precision throughout. Default auto: bf16 where the CPU has "
                    + "it for training, fp32 for evaluation (eval, pack).")
    String precision;

    /** The path for training; {@code --matmul auto} turns bf16 products on where the CPU has them. */
    TrainingPath path() {
        TrainingPath p = enginePath();
        applyPrecision(p, true);
        return p;
    }

    /** The path for evaluation ({@code eval}, {@code pack}); {@code --matmul auto} keeps fp32 products. */
    TrainingPath evaluationPath() {
        TrainingPath p = enginePath();
        applyPrecision(p, false);
        return p;
    }

    private TrainingPath enginePath() {
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "auto" -> TrainingPath.AUTO;
            case "fused" -> TrainingPath.FUSED;
            case "djl" -> TrainingPath.DJL;
            default -> throw new BadInputException("--engine: expected fused or djl, got '" + engine + "'");
        };
    }

    /** Turns the fused engine's bf16 products on or off as {@code --matmul} says; refuses what cannot run. */
    private void applyPrecision(TrainingPath p, boolean training) {
        switch (precision.toLowerCase(Locale.ROOT)) {
            case "auto" -> Gemm.useBf16(training && p != TrainingPath.DJL && Gemm.bf16Available());
            case "fp32" -> Gemm.useBf16(false);
            case "bf16" -> {
                if (p == TrainingPath.DJL) {
                    throw new BadInputException("--matmul bf16: only the fused engine has bf16 products; drop --engine djl");
                }
                if (!Gemm.useBf16(true)) {
                    throw new BadInputException("--matmul bf16: not available here (" + Gemm.bf16UnavailableReason()
                            + "); use --matmul fp32");
                }
            }
            default -> throw new BadInputException("--matmul: expected auto, fp32 or bf16, got '" + precision + "'");
        }
    }
}
