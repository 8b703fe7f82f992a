package sketchrnn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.data.BadInputException;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.TrainingData;
import sketchrnn.model.Metric;
import sketchrnn.model.SketchRnn;
import sketchrnn.train.Evaluation;
import sketchrnn.train.MetricsCsv;

/**
 * {@code sketchrnn pack}: a trained checkpoint made ready to ship: weights only (no optimizer state, a third of
 * the size), its test losses measured and recorded in it (so {@code info} shows them), the training time read
 * from the run's metrics, the data set names without their folders. This is how the embedded default model is
 * made.
 */
@Command(name = "pack", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Make a compact, self-describing copy of a trained model to ship: weights only, in half "
                + "precision unless --precision float, its test losses measured (as it ships) and recorded in it, the "
                + "training time from the run's metrics.csv. Prints the test losses of the original and of the "
                + "packed copy as JSON.",
        footer = {"", "Examples:",
                "  sketchrnn pack --model runs/sheep --data aaron_sheep.npz --out sheep.ckpt",
                "  sketchrnn pack --model runs/sheep/last.ckpt --data aaron_sheep.npz \\",
                "      --out sheep.ckpt"})
public final class PackVerb implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR|CHECKPOINT",
            description = "A run folder (its best.ckpt) or a checkpoint.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.npz",
            description = "The data set the model was trained on; its test split is scored.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE.ckpt", description = "The packed checkpoint to write.")
    Path out;

    @Option(names = "--precision", defaultValue = "half", paramLabel = "half|float",
            description = "How the weights are stored: half (IEEE binary16, half the size, within 2^-11 of each"
                    + " weight) or float (float32, exact) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the latent noise of the evaluation (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Mixin
    EngineOption engine = new EngineOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!precision.equals("half") && !precision.equals("float")) {
            throw new BadInputException("--precision must be half or float, got " + precision);
        }
        boolean half = precision.equals("half");
        Path file = Files.isDirectory(model) ? model.resolve("best.ckpt") : model;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such checkpoint");
        }
        Checkpoint c = Checkpoint.read(file);
        int maxSeqLen = c.hparams().model().maxSeqLen();
        TrainingData d = TrainingData.of(List.of(SketchFiles.loadSplits(data)), maxSeqLen, c.scaleFactor());
        // 1. the original's test losses (evaluation masking of docs/model.md §8.2, padded to N_max as in training)
        Evaluation.Result before;
        try (SketchRnn m = ModelState.restore(c)) {
            before = Evaluation.evaluate(m, d.test(), 100, maxSeqLen, seed, engine.evaluationPath());
        }
        // 2. the weights as they will ship, scored (the same as the original's with --precision float)
        Checkpoint shipped = half ? c.roundedToHalf() : c.withoutOptimizer();
        Evaluation.Result asShipped = before;
        if (half) {
            try (SketchRnn m = ModelState.restore(shipped)) {
                asShipped = Evaluation.evaluate(m, d.test(), 100, maxSeqLen, seed, engine.evaluationPath());
            }
        }
        // 3. the metrics to keep: the checkpoint's own, the shipped weights' test losses, the training time
        Map<String, Double> metrics = new LinkedHashMap<>(c.metrics());
        metrics.putAll(asShipped.terms().saved("test_", Metric.Kind.TERM));
        Double minutes = trainingMinutes(file.toAbsolutePath().getParent().resolve("metrics.csv"), c.step());
        if (minutes != null && !metrics.containsKey("train_minutes")) {
            metrics.put("train_minutes", minutes);
        }
        List<String> names = c.data().stream().map(n -> Path.of(n).getFileName().toString()).toList();
        Checkpoint packed = new Checkpoint(c.hparams(), c.step(), c.bestValidCost(), c.scaleFactor(), names, c.seed(),
                metrics, c.shapes(), shipped.weights(), null);
        if (half) {
            packed.writeHalf(out);
        } else {
            packed.write(out);
        }
        // 4. the packed copy, read back and scored again
        Evaluation.Result after;
        try (SketchRnn m = ModelState.restore(Checkpoint.read(out))) {
            after = Evaluation.evaluate(m, d.test(), 100, maxSeqLen, seed, engine.evaluationPath());
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "{\"original\": %s, \"packed\": %s, \"bytes\": %d}%n",
                before.toJson(), after.toJson(), sizeOf(out));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Minutes of training steps up to {@code step}, from a run's metrics (ms/step times the logging interval). */
    static Double trainingMinutes(Path csv, long step) {
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        double ms = 0;
        long previous = 0;
        for (MetricsCsv.Row r : new MetricsCsv(csv).read()) {
            if (!r.split().equals("train") || r.step() > step || !Double.isFinite(r.msPerStep())) {
                continue;
            }
            ms += r.msPerStep() * (r.step() - previous);
            previous = r.step();
        }
        return previous == 0 ? null : Math.round(ms / 600.0) / 100.0;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
