package sketchrnn.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sketchrnn.data.BadInputException;
import sketchrnn.model.Libtorch;
import sketchrnn.model.ModelConfig;
import sketchrnn.sample.SamplingBenchmark;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SketchModel;

/** {@code sketchrnn bench sample}: sampling speed, a batch of N at once against the same N one at a time. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time sampling: N sketches in one batch, then the same N one at a time (same seeds, so the"
                + " same sketches), R times each, keeping the fastest. Prints one JSON line: ms per sketch and per"
                + " step of each way, and the batch's speed-up per sketch.",
        footer = {"", "Examples:",
            "  sketchrnn bench sample --model ../shared/models/sheep.gen.json --count 64",
            "  sketchrnn bench sample --model runs/sheep --count 20 --temperature 0.25",
            "  sketchrnn bench sample --model ../shared/models/sheep.gen.json --threads 1"})
public final class BenchSampleVerb implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Option(names = "--count", defaultValue = "64", paramLabel = "N",
            description = "Sketches per way (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--temperature", defaultValue = "0.25", paramLabel = "T",
            description = "Sampling temperature (default: ${DEFAULT-VALUE}, as the browser benchmark).")
    double temperature;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-length", defaultValue = "0", paramLabel = "N",
            description = "Most points per sketch; 0: the model's max_seq_len (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "R",
            description = "Runs of each way, alternating; the fastest of each counts (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--threads", paramLabel = "N",
            description = "Native (PyTorch intra-op) threads; on a busy machine 1 is often fastest (default: the"
                    + " engine's, all cores).")
    Integer threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 1 || count > 4096) {
            throw new BadInputException("--count must be in 1..4096, got " + count);
        }
        if (repeat < 1 || repeat > 100) {
            throw new BadInputException("--repeat must be in 1..100, got " + repeat);
        }
        if (threads != null) {
            if (threads < 1 || threads > 256) {
                throw new BadInputException("--threads must be in 1..256, got " + threads);
            }
        }
        SamplingOptions o = SamplingOptions.defaults().withTemperature(temperature).withSeed(seed).withMaxLength(maxLength);
        try (SketchModel m = model.load()) {
            if (threads != null) {
                Libtorch.setThreads(threads); // the engine is started now (the model is loaded)
            }
            SamplingBenchmark.Result r = SamplingBenchmark.run(m, count, o, repeat);
            ModelConfig h = m.hparams().model();
            java.io.PrintWriter out = spec.commandLine().getOut();
            out.println(String.format(Locale.ROOT,
                    "{\"bench\": \"sample\", \"model\": \"%s\", \"dec_model\": \"%s\", \"dec\": %d, \"M\": %d, "
                            + "\"conditional\": %b, \"max_seq_len\": %d, \"temperature\": %s, \"sketches\": %d, "
                            + "\"threads\": %d, \"repeat\": %d, "
                            + "\"batch\": {\"ms\": %.1f, \"ms_per_sketch\": %.3f, \"ms_per_step\": %.4f, \"steps\": %d, "
                            + "\"decoder_calls\": %d}, "
                            + "\"one_at_a_time\": {\"ms\": %.1f, \"ms_per_sketch\": %.3f, \"ms_per_step\": %.4f, "
                            + "\"steps\": %d, \"decoder_calls\": %d}, \"batch_speedup_per_sketch\": %.2f}",
                    json(m.name()), h.decModel(), h.decRnnSize(), h.numMixture(), m.conditional(), h.maxSeqLen(),
                    Double.toString(temperature), count, Libtorch.threads(), repeat,
                    r.batch().ms(), r.batch().msPerSketch(), r.batch().msPerStep(), r.batch().steps(),
                    r.batch().decoderCalls(),
                    r.single().ms(), r.single().msPerSketch(), r.single().msPerStep(), r.single().steps(),
                    r.single().decoderCalls(), r.speedup()));
            out.flush();
        }
        return 0;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
