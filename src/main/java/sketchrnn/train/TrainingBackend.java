package sketchrnn.train;

import java.util.List;
import java.util.Map;
import sketchrnn.data.Batch;
import sketchrnn.data.Sketch;
import sketchrnn.engine.FlatParameters;
import sketchrnn.model.Metrics;

/**
 * What computes a training step's loss and gradient: the fused engine ({@link FusedBackend}, the default
 * on CPU for the cells it runs) or the DJL model with autograd ({@link DjlBackend}, the reference and the
 * route to GPUs). Both hold their parameters flat in the same {@link FlatParameters} layout and share one
 * {@link Adam}, so checkpoints move between them.
 */
public interface TrainingBackend extends AutoCloseable {

    /** A short description for logs ("fused engine, 2 threads"). */
    String describe();

    FlatParameters layout();

    /** The loss of a training batch ({@link sketchrnn.model.LossMetrics}); its gradient is kept for {@link #update}. */
    Metrics lossAndGradient(Batch batch, double klWeight, long stepSeed);

    /** Element-wise clipping and one Adam step from the gradient of the last {@link #lossAndGradient}. */
    void update(double learningRate, double clip);

    /** Evaluation losses (docs/model.md: no dropout, pen loss masked) over a split. */
    Evaluation.Result evaluate(List<Sketch> sketches, int batchSize, int padTo, long seed);

    Adam adam();

    /** Named copies of the parameters. */
    Map<String, float[]> weights();

    /** Replaces every parameter (names and sizes as {@link #layout()}). */
    void loadWeights(Map<String, float[]> weights);

    @Override
    void close();
}
