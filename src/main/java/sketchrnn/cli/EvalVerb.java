package sketchrnn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.TrainingData;
import sketchrnn.sample.PackagedModels;
import sketchrnn.sample.SketchModel;
import sketchrnn.train.Evaluation;

/** {@code sketchrnn eval}: a model's losses on a split of a data set, as one JSON line. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model on a data split (evaluation losses, docs/model.md §8.2) and print one JSON line: "
                + "recon_loss, offset_loss, pen_loss, kl_loss, count.",
        footer = {"", "Examples:",
                "  sketchrnn eval --data ../shared/data/aaron_sheep.npz      # the embedded model",
                "  sketchrnn eval --model runs/sheep --data aaron_sheep.npz --split test",
                "  sketchrnn eval --model runs/sheep/last.ckpt --data sheep.npz --split valid",
                "  sketchrnn eval --model sheep.vae.json --data ../shared/data/aaron_sheep.npz"})
public final class EvalVerb implements Callable<Integer> {
    @Option(names = "--model", defaultValue = PackagedModels.NAME, paramLabel = "MODEL",
            description = "A run folder (its best.ckpt), a checkpoint, a browser model (.gen.json / .vae.json), or "
                    + "default, the embedded model (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.npz", description = "Data set (sketch-rnn .npz).")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "train, valid or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--batch", defaultValue = "100", description = "Sketches per evaluation batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the latent noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Mixin
    EngineOption engine = new EngineOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (SketchModel m = SketchModel.load(model)) { // "default": the embedded model
            // the model's own max_seq_len (longer sketches are dropped) and scale factor (data to model units)
            int maxSeqLen = m.hparams().model().maxSeqLen();
            TrainingData d = TrainingData.of(List.of(SketchFiles.loadSplits(data)), maxSeqLen, m.scaleFactor());
            Evaluation.Result r = Evaluation.evaluate(m.network(), d.split(split), batch, maxSeqLen, seed,
                    engine.evaluationPath());
            spec.commandLine().getOut().println(r.toJson());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
