package sketchrnn.train;

import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Batch;
import sketchrnn.data.Batcher;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.SketchSplits;
import sketchrnn.data.TrainingData;
import sketchrnn.model.HParams;
import sketchrnn.model.LossTerms;
import sketchrnn.model.SketchRnn;

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
    public static final String LAST = "last.ckpt";
    public static final String BEST = "best.ckpt";

    /** What to train and for how long. {@code hparams} and {@code data} are ignored when resuming. */
    public record Options(List<Path> data, Path runDir, HParams hparams, long maxSteps, Duration maxTime, long seed,
                          boolean resume, long evalEvery, long logEvery) {
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
        // 1. data (SPEC 2): merge, filter, clamp, scale factor from the training split
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
                ? TrainingData.of(files, asked.maxSeqLen(), resumed.scaleFactor())
                : TrainingData.of(files, asked.maxSeqLen());
        if (data.train().isEmpty()) {
            throw new BadInputException("no training sketches of at most " + asked.maxSeqLen() + " points in " + dataPaths);
        }
        // as the reference does, N_max becomes the longest sketch kept (batches and evaluation pad to it)
        HParams hp = resumed != null ? asked : asked.withMaxSeqLen(Math.min(asked.maxSeqLen(), data.longestLength()));
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new BadInputException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        TeeOutputStream tee = new TeeOutputStream(console, dir.resolve("train.log"), resumed != null);
        PrintStream log = new PrintStream(tee, true, java.nio.charset.StandardCharsets.UTF_8);
        // 2. model and optimizer (restored when resuming)
        try (SketchRnn model = resumed != null ? ModelState.restore(resumed) : SketchRnn.create(hp, seed)) {
            Adam adam = new Adam(model.parameters());
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
            log.printf(Locale.ROOT, "model: %,d parameters; from step %d%s%s%n", model.parameterCount(), start,
                    o.maxSteps() == Long.MAX_VALUE ? "" : " to step " + o.maxSteps(),
                    o.maxTime() == null ? "" : String.format(Locale.ROOT, " for at most %.1f min", o.maxTime().toMillis() / 60000.0));
            // 3. the sketch-specific parts
            Batcher batcher = Batcher.of(data, hp, seed);
            int padTo = hp.maxSeqLen();
            Map<String, Double> checkpointMetrics = new LinkedHashMap<>(resumed != null ? resumed.metrics() : Map.of());
            long[] lastGoodStep = {start};
            Trainer.Task task = new Trainer.Task() {
                @Override
                public Map<String, ai.djl.ndarray.NDArray> parameters() {
                    return model.parameters();
                }

                @Override
                public Trainer.StepOutput forward(long step, NDManager scope) {
                    Batch batch = batcher.trainBatch(step);
                    float klw = (float) Schedules.klWeight(hp, step);
                    LossTerms l = model.loss(batch, true, klw, scope);
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("cost", (double) l.cost().getFloat());
                    m.put("recon", (double) l.recon());
                    m.put("offset", (double) l.offset());
                    m.put("pen", (double) l.pen());
                    m.put("kl", (double) l.kl());
                    m.put("klw", (double) klw);
                    return new Trainer.StepOutput(l.cost(), m);
                }

                @Override
                public Map<String, Double> validate(long step) {
                    Evaluation.Result r = Evaluation.evaluate(model, data.valid(), hp.batchSize(), padTo, seed);
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("cost", r.cost(hp.klWeight(), hp.klTolerance()));
                    m.put("recon", r.recon());
                    m.put("offset", r.offset());
                    m.put("pen", r.pen());
                    m.put("kl", r.kl());
                    m.put("klw", hp.klWeight());
                    return m;
                }

                @Override
                public double learningRate(long step) {
                    return Schedules.learningRate(hp, step);
                }

                @Override
                public double gradClip() {
                    return hp.gradClip();
                }
            };
            MetricsCsv csv = new MetricsCsv(dir.resolve("metrics.csv"));
            csv.start(start);
            String title = "sketch-rnn " + hp.encModel() + "/" + hp.decModel() + " on " + String.join("+", shortNames(data.names()));
            trainer.addCallback(new TrainLog(log, o.logEvery(), o.maxSteps(), terminal, csv));
            trainer.addCallback(new Trainer.Callback() {
                @Override
                public void onValidation(long step, Map<String, Double> m, boolean best) {
                    Map<String, Double> metrics = validMetrics(m);
                    checkpointMetrics.clear();
                    checkpointMetrics.putAll(metrics);
                    if (best) {
                        ModelState.capture(model, null, step, trainer.bestValidation(), data.scaleFactor(), dataNames,
                                seed, metrics).write(dir.resolve(BEST));
                    }
                    ModelState.capture(model, adam, step, trainer.bestValidation(), data.scaleFactor(), dataNames, seed,
                            metrics).write(last);
                    lastGoodStep[0] = step;
                    LossPlot.write(csv.read(), title, dir.resolve("loss.png"));
                }
            });
            // 4. train
            Trainer.Outcome outcome = trainer.run(task, adam, start);
            long end = trainer.lastStep();
            if (outcome == Trainer.Outcome.NON_FINITE) {
                // 5. the NaN guard: back to the last good checkpoint, and say so
                if (Files.exists(last)) {
                    Checkpoint good = Checkpoint.read(last);
                    ModelState.loadInto(model, good.shapes(), good.weights(), last.toString());
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
                ModelState.capture(model, adam, done, trainer.bestValidation(), data.scaleFactor(), dataNames, seed,
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
     * The checkpoint a model argument names: a checkpoint file as is; a run folder's {@code best.ckpt},
     * else its {@code last.ckpt}.
     */
    public static Path checkpointOf(Path modelArg) {
        if (Files.isDirectory(modelArg)) {
            Path best = modelArg.resolve(BEST);
            if (Files.exists(best)) {
                return best;
            }
            Path last = modelArg.resolve(LAST);
            if (Files.exists(last)) {
                return last;
            }
            throw new BadInputException(modelArg + ": a folder without " + BEST + " or " + LAST + " (not a training run)");
        }
        if (!Files.exists(modelArg)) {
            throw new BadInputException(modelArg + ": no such model file or run folder");
        }
        return modelArg;
    }

    static Map<String, Double> validMetrics(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        String[][] names = {{"cost", "valid_cost"}, {"recon", "valid_recon_loss"}, {"offset", "valid_offset_loss"},
            {"pen", "valid_pen_loss"}, {"kl", "valid_kl_loss"}};
        for (String[] n : names) {
            if (m.get(n[0]) != null) {
                out.put(n[1], m.get(n[0]));
            }
        }
        return out;
    }

    static String describe(HParams hp) {
        return String.format(Locale.ROOT, "%s, enc %s %d, dec %s %d, z %d, M %d, batch %d,",
                hp.conditional() ? "conditional" : "decoder-only", hp.encModel(), hp.encRnnSize(), hp.decModel(),
                hp.decRnnSize(), hp.zSize(), hp.numMixture(), hp.batchSize());
    }

    /** The data set names without folder and extension ("aaron_sheep"). */
    public static List<String> shortNamesOf(List<String> names) {
        return shortNames(names);
    }

    static List<String> shortNames(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String f = Path.of(n).getFileName().toString();
            int dot = f.lastIndexOf('.');
            out.add(dot > 0 ? f.substring(0, dot) : f);
        }
        return out;
    }
}
