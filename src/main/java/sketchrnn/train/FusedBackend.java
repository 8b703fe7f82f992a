package sketchrnn.train;

import java.util.List;
import java.util.Map;
import sketchrnn.data.Batch;
import sketchrnn.data.Sketch;
import sketchrnn.engine.FlatParameters;
import sketchrnn.engine.FusedSketchRnn;
import sketchrnn.model.HParams;
import sketchrnn.model.Metrics;

/** Training on the fused engine: {@link FusedSketchRnn} and Adam on its flat parameters. */
public final class FusedBackend implements TrainingBackend {
    private final FusedSketchRnn engine;
    private final Adam adam;
    private final int threads;

    public FusedBackend(HParams hp, Map<String, long[]> shapes, Map<String, float[]> weights, int threads) {
        this.engine = new FusedSketchRnn(hp, shapes, weights, threads);
        this.adam = new Adam(engine.layout());
        this.threads = threads;
    }

    public FusedSketchRnn engine() {
        return engine;
    }

    @Override
    public String describe() {
        return "fused engine, " + threads + (threads == 1 ? " thread, " : " threads, ") + sketchrnn.kernels.Gemm.implementation() + " kernels";
    }

    @Override
    public FlatParameters layout() {
        return engine.layout();
    }

    @Override
    public Metrics lossAndGradient(Batch batch, double klWeight, long stepSeed) {
        return engine.step(batch, klWeight, stepSeed).metrics();
    }

    @Override
    public void update(double learningRate, double clip) {
        adam.step(engine.parameters(), engine.gradient(), learningRate, clip);
    }

    @Override
    public Evaluation.Result evaluate(List<Sketch> sketches, int batchSize, int padTo, long seed) {
        return Evaluation.evaluate(engine, sketches, batchSize, padTo, seed);
    }

    @Override
    public Adam adam() {
        return adam;
    }

    @Override
    public Map<String, float[]> weights() {
        return engine.weights();
    }

    @Override
    public void loadWeights(Map<String, float[]> weights) {
        engine.load(weights);
    }

    @Override
    public void close() {
        engine.close();
    }
}
