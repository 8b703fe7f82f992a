package sketchrnn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;

/**
 * Small checkpoints for the browser-model tests, written as the trainer writes them: a freshly initialised model
 * whose every weight is then moved by up to +-{@value #SPREAD} (so that, like a trained model's, the weights are
 * not the tiny initial values of the mu, sigma and initial-state layers), with validation metrics.
 */
final class SmallCheckpoints {
    static final double SPREAD = 0.3;
    /** The scale factor of aaron_sheep's training split. */
    static final double SHEEP_SCALE = 18.519826;

    private SmallCheckpoints() {
    }

    /** Plain-LSTM hyperparameters: encoder 8, decoder {@code h}, z 4, 20 mixtures, N_max 250. */
    static HParams hparams(boolean conditional, int h, CellKind cell) {
        return HParams.defaults().withCells(cell, cell).withConditional(conditional).withSizes(8, h, 4)
                .with("num_mixture", "20").withMaxSeqLen(250);
    }

    /** Writes a checkpoint of a model with these hyperparameters, trained (as far as it knows) on {@code data}. */
    static Path write(Path file, HParams hp, long seed, List<String> data) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> weights = new LinkedHashMap<>();
        Random random = new Random(seed);
        try (SketchRnn model = SketchRnn.create(hp, seed)) {
            Checkpoint fresh = ModelState.capture(model, null, 0, Double.POSITIVE_INFINITY, SHEEP_SCALE, data, seed, Map.of());
            fresh.weights().forEach((name, v) -> {
                float[] w = v.clone();
                for (int i = 0; i < w.length; i++) {
                    w[i] += (float) ((random.nextDouble() * 2 - 1) * SPREAD);
                }
                weights.put(name, w);
                shapes.put(name, fresh.shapes().get(name));
            });
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("valid_cost", 1.75);
        metrics.put("valid_recon_loss", 1.5);
        metrics.put("valid_kl_loss", 0.5);
        new Checkpoint(hp, 1234, 1.75, SHEEP_SCALE, data, seed, metrics, shapes, weights, null).write(file);
        return file;
    }
}
