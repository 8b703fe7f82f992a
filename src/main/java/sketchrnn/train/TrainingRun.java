package sketchrnn.train;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.checkpoint.RunFolder;
import sketchrnn.data.Augmentation;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Batch;
import sketchrnn.data.Batcher;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.SketchSplits;
import sketchrnn.data.TrainingData;
import sketchrnn.model.HParams;
import sketchrnn.model.LossMetrics;
import sketchrnn.model.Metric;
import sketchrnn.model.Metrics;
import sketchrnn.model.ModelConfig;
import sketchrnn.model.SketchRnn;
import sketchrnn.model.TrainingConfig;

/**
 * One training run of sketch-rnn in a run folder: data, model, optimizer, the generic {@link Trainer}
 * and the sketch-specific parts that plug into it (loss and validation, log, CSV, plot, checkpoints,
 * the NaN guard). Resuming reads {@code last.ckpt} and continues the same run: same step, schedules,
 * batches and random numbers.
 *
 * <p>Run folder: {@code last.ckpt} (latest, with optimizer state), {@code best.ckpt} (best validation
 * cost, weights only), {@code metrics.csv}, {@code loss.png}, {@code train.log}.
 */
public final class TrainingRun {
    public static final String LAST = RunFolder.LAST;
    public static final String BEST = RunFolder.BEST;

    /** What to train and for how long. {@code hparams} and {@code data} are ignored when resuming. */
    public record Options(List<Path> data, Path runDir, HParams hparams, long maxSteps, Duration maxTime, long seed,
                          boolean resume, long evalEvery, long logEvery, TrainingPath path) {
        /** The same options on the default path (the fused engine where it runs the model). */
        public Options(List<Path> data, Path runDir, HParams hparams, long maxSteps, Duration maxTime, long seed,
                       boolean resume, long evalEvery, long logEvery) {
            this(data, runDir, hparams, maxSteps, maxTime, seed, resume, evalEvery, logEvery, TrainingPath.AUTO);
        }
    }

    /** How the run ended. */
    public record Result(long step, Trainer.Outcome outcome, double bestValidCost, Path lastCheckpoint) {
    }

    private TrainingRun() {
    }

    /** Runs training; log lines go to {@code out} (and to {@code train.log}). */
    public static Result run(Options o, PrintStream console, boolean terminal) {
        Path dir = o.runDir();
        Path last = dir.resolve(LAST);
        Checkpoint resumed = null;
        if (o.resume()) {
            if (!Files.exists(last)) {
                throw new BadInputException(dir + ": nothing to resume (no " + LAST + " in the run folder)");
            }
            resumed = Checkpoint.read(last);
        } else if (Files.exists(last)) {
            throw new BadInputException(dir + " already holds a training run; use --resume to continue it, or another --out");
        }
        HParams asked = resumed != null ? resumed.hparams() : o.hparams();
        long seed = resumed != null ? resumed.seed() : o.seed();
        List<String> dataNames = new ArrayList<>();
        List<Path> dataPaths = new ArrayList<>();
        if (resumed != null && (o.data() == null || o.data().isEmpty())) {
            resumed.data().forEach(d -> dataPaths.add(Path.of(d)));
        } else {
            dataPaths.addAll(o.data());
        }
        if (dataPaths.isEmpty()) {
            throw new BadInputException("no training data: give --data FILE.npz");
        }
        // 1. data (docs/model.md §3): merge, filter, clamp, scale factor from the training split
        List<SketchSplits> files = new ArrayList<>();
        long held = 0;
        for (Path p : dataPaths) {
            SketchSplits split = SketchFiles.loadSplits(p);
            files.add(split);
            dataNames.add(p.toAbsolutePath().normalize().toString());
            held += sketchrnn.data.InputLimits.sketchBytes(split.train()) + sketchrnn.data.InputLimits.sketchBytes(split.valid())
                    + sketchrnn.data.InputLimits.sketchBytes(split.test());
            // the data are copied while they are filtered and normalised, and batches are made from them
            sketchrnn.data.InputLimits.checkHeld(held, 5, p.getFileName() + ": the sketches of " + files.size() + " of "
                    + dataPaths.size() + " data files", "train on fewer classes at once, or give Java more memory"
                    + " (SKETCHRNN_JAVA_OPTS=-Xmx16g)");
        }
        TrainingData data = resumed != null
                ? TrainingData.of(files, asked.model().maxSeqLen(), resumed.scaleFactor())
                : TrainingData.of(files, asked.model().maxSeqLen());
        if (data.train().isEmpty()) {
            throw new BadInputException("no training sketches of at most " + asked.model().maxSeqLen() + " points in "
                    + dataPaths);
        }
        // as the reference does, N_max becomes the longest sketch kept (batches and evaluation pad to it)
        HParams hp = resumed != null ? asked
                : asked.withMaxSeqLen(Math.min(asked.model().maxSeqLen(), data.longestLength()));
        TrainingConfig training = hp.training();
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new BadInputException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        TeeOutputStream tee = new TeeOutputStream(console, dir.resolve("train.log"), resumed != null);
        PrintStream log = new PrintStream(tee, true, java.nio.charset.StandardCharsets.UTF_8);
        // 2. model and optimizer (restored when resuming)
        SketchRnn.Parameters initial = resumed != null ? new SketchRnn.Parameters(resumed.shapes(), resumed.weights())
                : SketchRnn.initialParameters(hp.model(), seed);
        try (TrainingBackend backend = backend(hp, initial, o.path() == null ? TrainingPath.AUTO : o.path(),
                resumed != null ? last.toString() : "the initial parameters")) {
            Adam adam = backend.adam();
            long start = 0;
            Trainer trainer = new Trainer(new Trainer.Config(o.maxSteps(), o.maxTime(), o.evalEvery(), seed));
            if (resumed != null) {
                if (resumed.optimizer() == null) {
                    throw new BadInputException(last + ": has no optimizer state, cannot resume from it");
                }
                adam.restore(resumed.optimizer());
                start = resumed.step();
                trainer.setBestValidation(resumed.bestValidCost());
            }
            log.printf(Locale.ROOT, "%s run %s: %s data %s, %d/%d/%d sketches, scale factor %.4f, N_max %d%n",
                    resumed != null ? "resuming" : "starting", dir, describe(hp), data.names(), data.train().size(),
                    data.valid().size(), data.test().size(), data.scaleFactor(), data.longestLength());
            log.printf(Locale.ROOT, "model: %,d parameters; %s; from step %d%s%s%n", backend.layout().size(),
                    backend.describe(), start, o.maxSteps() == Long.MAX_VALUE ? "" : " to step " + o.maxSteps(),
                    o.maxTime() == null ? "" : String.format(Locale.ROOT, " for at most %.1f min", o.maxTime().toMillis() / 60000.0));
            // 3. the sketch-specific parts
            Batcher batcher = batcher(data, training, seed);
            int padTo = hp.model().maxSeqLen();
            Map<String, Double> checkpointMetrics = new LinkedHashMap<>(resumed != null ? resumed.metrics() : Map.of());
            long[] lastGoodStep = {start};
            Trainer.Task task = new Trainer.Task() {
                @Override
                public Metrics lossAndGradient(long step) {
                    Batch batch = batcher.trainBatch(step);
                    double klw = (float) Schedules.klWeight(training, step);
                    return backend.lossAndGradient(batch, klw, Trainer.stepSeed(seed, step)).with(LossMetrics.KLW, klw);
                }

                @Override
                public void update(long step, double learningRate) {
                    backend.update(learningRate, training.gradClip());
                }

                @Override
                public Metrics validate(long step) {
                    return backend.evaluate(data.valid(), training.batchSize(), padTo, seed)
                            .validation(training.klWeight(), training.klTolerance());
                }

                @Override
                public double learningRate(long step) {
                    return Schedules.learningRate(training, step);
                }
            };
            MetricsCsv csv = new MetricsCsv(dir.resolve("metrics.csv"), LossMetrics.ALL);
            csv.start(start);
            String title = "sketch-rnn " + hp.model().encModel() + "/" + hp.model().decModel() + " on "
                    + String.join("+", RunFolder.shortNames(data.names()));
            trainer.addCallback(new TrainLog(log, o.logEvery(), o.maxSteps(), terminal, csv, LossMetrics.ALL));
            trainer.addCallback(new Trainer.Callback() {
                @Override
                public void onValidation(long step, Metrics m, boolean best) {
                    Map<String, Double> metrics = validMetrics(m);
                    checkpointMetrics.clear();
                    checkpointMetrics.putAll(metrics);
                    if (best) {
                        checkpoint(hp, backend, false, step, trainer.bestValidation(), data.scaleFactor(), dataNames, seed,
                                metrics).write(dir.resolve(BEST));
                    }
                    checkpoint(hp, backend, true, step, trainer.bestValidation(), data.scaleFactor(), dataNames, seed,
                            metrics).write(last);
                    lastGoodStep[0] = step;
                    LossPlot.write(csv.read(), title, dir.resolve("loss.png"));
                }
            });
            // 4. train
            Trainer.Outcome outcome = trainer.run(task, start);
            long end = trainer.lastStep();
            if (outcome == Trainer.Outcome.NON_FINITE) {
                // 5. the NaN guard: back to the last good checkpoint, and say so
                if (Files.exists(last)) {
                    Checkpoint good = Checkpoint.read(last);
                    ModelState.requireSameShapes(backend.layout().shapes(), good.shapes(), last.toString());
                    backend.loadWeights(good.weights());
                    log.printf(Locale.ROOT, "stopped: the cost became NaN or infinite after step %d; restored the last good "
                            + "checkpoint (step %d, %s). Try a lower learning_rate or grad_clip.%n", end, good.step(), last);
                    return new Result(good.step(), outcome, trainer.bestValidation(), last);
                }
                log.printf(Locale.ROOT, "stopped: the cost became NaN or infinite before the first checkpoint; nothing saved.%n");
                return new Result(start, outcome, trainer.bestValidation(), null);
            }
            long done = trainer.lastStep();
            if (done > lastGoodStep[0] || !Files.exists(last)) {
                // 6. a checkpoint where the run stopped (no extra validation: a resumed run must validate
                //    at the same steps as an uninterrupted one)
                checkpoint(hp, backend, true, done, trainer.bestValidation(), data.scaleFactor(), dataNames, seed,
                        checkpointMetrics).write(last);
                LossPlot.write(csv.read(), title, dir.resolve("loss.png"));
            }
            log.printf(Locale.ROOT, "done at step %d (%s); best validation cost %.4f; checkpoints in %s%n", done,
                    outcome == Trainer.Outcome.TIME_LIMIT ? "time limit" : "step limit", trainer.bestValidation(), dir);
            return new Result(done, outcome, trainer.bestValidation(), last);
        } finally {
            log.flush();
            tee.closeFile();
        }
    }

    /**
     * The backend of a path for a model of {@code hp} starting from {@code parameters} (names and shapes are
     * checked against the model's): the fused engine in plain Java, or the DJL model.
     */
    static TrainingBackend backend(HParams hp, SketchRnn.Parameters parameters, TrainingPath path, String source) {
        if (path.resolve(hp) == TrainingPath.DJL) {
            SketchRnn model = SketchRnn.create(hp, 0);
            try {
                ModelState.loadInto(model, parameters.shapes(), parameters.values(), source);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            return new DjlBackend(model);
        }
        ModelState.requireSameShapes(SketchRnn.parameterShapes(hp.model()), parameters.shapes(), source);
        return new FusedBackend(hp, parameters.shapes(), parameters.values(), TrainingPath.engineThreads());
    }

    /**
     * The batcher of a prepared data set's training split with the run's hyperparameters: {@code batch_size},
     * {@code group_by_length}, the augmentation ({@code random_scale_factor}, {@code augment_stroke_prob}),
     * and N_max = the data set's longest sketch.
     */
    public static Batcher batcher(TrainingData data, TrainingConfig training, long seed) {
        return Batcher.of(data, training.batchSize(),
                new Augmentation(training.randomScaleFactor(), training.augmentStrokeProb()), training.groupByLength(), seed);
    }

    /** A checkpoint of the backend's parameters (and Adam's state when {@code withOptimizer}). */
    static Checkpoint checkpoint(HParams hp, TrainingBackend backend, boolean withOptimizer, long step, double best,
            double scaleFactor, List<String> data, long seed, Map<String, Double> metrics) {
        return new Checkpoint(hp, step, best, scaleFactor, data, seed, metrics, backend.layout().shapes(),
                backend.weights(), withOptimizer ? backend.adam().state() : null);
    }

    /** A checkpoint's record of a validation: {@code valid_cost, valid_recon_loss, ...} (every measured metric). */
    static Map<String, Double> validMetrics(Metrics m) {
        return m.saved("valid_", Metric.Kind.OBJECTIVE, Metric.Kind.TERM);
    }

    static String describe(HParams hp) {
        ModelConfig m = hp.model();
        return String.format(Locale.ROOT, "%s, enc %s %d, dec %s %d, z %d, M %d, batch %d,",
                m.conditional() ? "conditional" : "decoder-only", m.encModel(), m.encRnnSize(), m.decModel(),
                m.decRnnSize(), m.zSize(), m.numMixture(), hp.training().batchSize());
    }
}
