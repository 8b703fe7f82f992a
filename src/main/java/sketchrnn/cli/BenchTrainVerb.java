package sketchrnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sketchrnn.data.BadInputException;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.TrainingData;
import sketchrnn.model.HParams;
import sketchrnn.model.ModelConfig;
import sketchrnn.train.TrainStepBenchmark;

/** {@code sketchrnn bench train}: seconds per training step, and per epoch with length-grouped batches. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time training steps on batches padded to --seq points; with --data also one epoch of "
                + "length-grouped batches. Prints one JSON line.",
        footer = {"", "Examples:",
                "  sketchrnn bench train --hp enc_rnn_size=256 --hp dec_rnn_size=512 \\",
                "      --hp z_size=128 --batch 100 --seq 250",
                "  sketchrnn bench train --hp enc_rnn_size=128 --hp dec_rnn_size=256 \\",
                "      --hp z_size=64 --data ../shared/data/aaron_sheep.npz"})
public final class BenchTrainVerb implements Callable<Integer> {
    @Option(names = "--hp", paramLabel = "KEY=VALUE", description = "Hyperparameter override, repeatable.")
    List<String> hp = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "B", defaultValue = "100", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "250", description = "Padded length of the timed batches (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--data", paramLabel = "FILE.npz", description = "Also time one epoch of this data set with length-grouped batches.")
    Path data;

    @Option(names = "--skip-padded", description = "With --data: time only the epoch.")
    boolean skipPadded;

    @picocli.CommandLine.Mixin
    EngineOption engine = new EngineOption();

    @Override
    public Integer call() {
        if (batch <= 0 || seq <= 0 || steps <= 0 || warmup < 0) {
            throw new BadInputException("--batch, --seq and --steps must be positive, --warmup >= 0");
        }
        HParams h = HParams.defaults().withOverrides(hp).withBatchSize(batch);
        ModelConfig m = h.model();
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT,
                "{\"bench\": \"train\", \"enc\": %d, \"dec\": %d, \"nz\": %d, \"enc_model\": \"%s\", \"dec_model\": \"%s\", "
                        + "\"batch\": %d, \"seq\": %d, \"recurrent_dropout\": %b, \"engine\": \"%s\", \"threads\": \"%s\", \"products\": \"%s\"",
                m.encRnnSize(), m.decRnnSize(), m.zSize(), m.encModel(), m.decModel(), batch, seq,
                h.training().useRecurrentDropout(),
                engine.path().resolve(h).name().toLowerCase(Locale.ROOT),
                engine.path().resolve(h) == sketchrnn.train.TrainingPath.FUSED ? Integer.toString(sketchrnn.train.TrainingPath.engineThreads())
                        : System.getProperty("ai.djl.pytorch.num_threads", "default"),
                sketchrnn.kernels.Gemm.implementation()));
        if (!skipPadded) {
            TrainStepBenchmark.Timing t = TrainStepBenchmark.paddedSteps(h, seq, steps, warmup, 1, engine.path());
            json.append(String.format(Locale.ROOT, ", \"steps\": %d, \"median_s_per_step\": %.4f, \"min_s\": %.4f, \"max_s\": %.4f",
                    steps, t.median(), t.min(), t.max()));
            if (t.gemmFlops() > 0) {
                // the products' time summed over threads; per thread it is the step's matmul-bound limit
                int threads = sketchrnn.train.TrainingPath.engineThreads();
                json.append(String.format(Locale.ROOT, ", \"gemm_gflop_per_step\": %.1f, \"gemm_thread_s_per_step\": %.4f, "
                        + "\"gemm_gflops_per_thread\": %.1f, \"matmul_bound_s_per_step\": %.4f",
                        t.gemmFlops() / 1e9, t.gemmSeconds(), t.gemmFlops() / 1e9 / t.gemmSeconds(),
                        t.gemmSeconds() / Math.min(threads, (h.training().batchSize() + 49) / 50)));
            }
        }
        if (data != null) {
            TrainingData d = TrainingData.of(List.of(SketchFiles.loadSplits(data)), m.maxSeqLen());
            TrainStepBenchmark.Timing e = TrainStepBenchmark.groupedEpoch(h, d, 1, engine.path(), warmup);
            json.append(String.format(Locale.ROOT, ", \"data\": \"%s\", \"epoch_batches\": %d, \"epoch_s_grouped\": %.2f, "
                    + "\"median_s_per_grouped_step\": %.4f", data.getFileName(), e.seconds().size(), e.total(), e.median()));
        }
        json.append(String.format(Locale.ROOT, ", \"peak_rss_mib\": %.0f}", TrainStepBenchmark.peakRssMiB()));
        System.out.println(json);
        return 0;
    }
}
