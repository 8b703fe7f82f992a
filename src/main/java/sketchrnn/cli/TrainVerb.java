package sketchrnn.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import sketchrnn.data.BadInputException;
import sketchrnn.model.HParamKey;
import sketchrnn.model.HParams;
import sketchrnn.train.Trainer;
import sketchrnn.train.TrainingRun;

/** {@code sketchrnn train}: trains a model on sketch-rnn npz data sets. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a sketch-rnn model on one or more .npz data sets (several files: a multi-class model).",
        footer = {"", "Examples:",
                "  sketchrnn train --data ../shared/data/aaron_sheep.npz --out runs/sheep \\",
                "      --minutes 30 --hp enc_model=layer_norm --hp dec_model=layer_norm \\",
                "      --hp dec_rnn_size=256 --hp enc_rnn_size=128 --hp z_size=64",
                "  sketchrnn train --data cat.npz,pig.npz --out runs/catpig --max-steps 20000 \\",
                "      --hp group_by_length=true",
                "  sketchrnn train --out runs/sheep --resume --minutes 30   # 30 more minutes",
                "",
                "The run folder receives last.ckpt (with optimizer state), best.ckpt (best validation cost), "
                + "metrics.csv, loss.png and train.log. Hyperparameters: the reference code's names, listed "
                + "below (docs/model.md §10), e.g. dec_model=hyper. --engine djl trains on the DJL autograd path "
                + "(hyper cells take it by themselves)."})
public final class TrainVerb implements Callable<Integer> {
    @Option(names = "--data", split = ",", paramLabel = "FILE.npz", description = "Training data (sketch-rnn .npz), comma-separated.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run folder for checkpoints, metrics and plots.")
    Path out;

    @Option(names = "--hp", paramLabel = "KEY=VALUE", description = "Hyperparameter override, repeatable (e.g. dec_rnn_size=256).")
    List<String> hp = new ArrayList<>();

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N training steps in all (default: no limit).")
    Long maxSteps;

    @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes of training in this invocation.")
    Double minutes;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of initialisation, batches and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "500", description = "Validate and checkpoint every N steps (default: ${DEFAULT-VALUE}).")
    long evalEvery;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "20", description = "Log a line every N steps (default: ${DEFAULT-VALUE}).")
    long logEvery;

    @picocli.CommandLine.Mixin
    EngineOption engine = new EngineOption();

    /** The verb, its help ending with every hyperparameter: name, default and meaning ({@link HParams#KEYS}). */
    static CommandLine command() {
        CommandLine cl = new CommandLine(new TrainVerb());
        UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
        List<String> footer = new ArrayList<>(List.of(usage.footer()));
        footer.addAll(hyperparameterList());
        usage.footer(footer.toArray(String[]::new));
        return cl;
    }

    /** The hyperparameters of the model, then those of training, {@code name=default} and what each means. */
    private static List<String> hyperparameterList() {
        Map<String, String> defaults = HParams.defaults().asText();
        List<String> lines = new ArrayList<>();
        for (HParamKey.Part part : HParamKey.Part.values()) {
            lines.add("");
            lines.add(part == HParamKey.Part.MODEL
                    ? "Hyperparameters of the model (--hp KEY=VALUE; the reference code's defaults):"
                    : "Hyperparameters of training:");
            for (HParamKey k : HParams.KEYS) {
                if (k.part() == part) {
                    List<String> doc = HelpLayout.wrap(k.doc(), HelpLayout.WIDTH - 30);
                    for (int i = 0; i < doc.size(); i++) {
                        String setting = i == 0 ? k.name() + "=" + defaults.get(k.name()) : "";
                        lines.add(String.format("  %-26s  %s", setting, doc.get(i)));
                    }
                }
            }
        }
        return lines;
    }

    @Override
    public Integer call() {
        if (maxSteps == null && minutes == null) {
            throw new BadInputException("give --max-steps N or --minutes M (or both) to bound the training");
        }
        if (maxSteps != null && maxSteps <= 0 || minutes != null && !(minutes > 0) || evalEvery <= 0 || logEvery <= 0) {
            throw new BadInputException("--max-steps, --minutes, --eval-every and --log-every must be positive");
        }
        if (resume && !hp.isEmpty()) {
            throw new BadInputException("--hp cannot change a run being resumed (its hyperparameters are in its checkpoint)");
        }
        if (!resume && data.isEmpty()) {
            throw new BadInputException("give --data FILE.npz[,MORE.npz] (or --resume an existing run)");
        }
        HParams hparams = HParams.defaults().withOverrides(hp);
        TrainingRun.Options o = new TrainingRun.Options(data, out, hparams, maxSteps == null ? Long.MAX_VALUE : maxSteps,
                minutes == null ? null : Duration.ofMillis((long) (minutes * 60_000)), seed, resume, evalEvery, logEvery,
                engine.path());
        TrainingRun.Result r = TrainingRun.run(o, System.out, System.console() != null);
        return r.outcome() == Trainer.Outcome.NON_FINITE ? 1 : 0;
    }
}
