package sketchrnn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.TrainingData;
import sketchrnn.model.SketchRnn;
import sketchrnn.train.Checkpoint;
import sketchrnn.train.Evaluation;
import sketchrnn.train.ModelState;
import sketchrnn.train.TrainingRun;

/** {@code sketchrnn eval}: a model's losses on a split of a data set, as one JSON line. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model on a data split (SPEC 4 evaluation losses) and print one JSON line: "
                + "recon_loss, offset_loss, pen_loss, kl_loss, count.",
        footer = {"", "Examples:",
                "  sketchrnn eval --model runs/sheep --data ../shared/data/aaron_sheep.npz --split test",
                "  sketchrnn eval --model runs/sheep/last.ckpt --data ../shared/data/aaron_sheep.npz --split valid"})
public final class EvalVerb implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR|CHECKPOINT", description = "A run folder (its best.ckpt) or a checkpoint.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.npz", description = "Data set (sketch-rnn .npz).")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "train, valid or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--batch", defaultValue = "100", description = "Sketches per evaluation batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the latent noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Checkpoint c = Checkpoint.read(TrainingRun.checkpointOf(model));
        TrainingData d = TrainingData.of(List.of(SketchFiles.loadSplits(data)), c.hparams().maxSeqLen(), c.scaleFactor());
        try (SketchRnn m = ModelState.restore(c)) {
            Evaluation.Result r = Evaluation.evaluate(m, d.split(split), batch, c.hparams().maxSeqLen(), seed);
            System.out.println(r.toJson());
        }
        return 0;
    }
}
