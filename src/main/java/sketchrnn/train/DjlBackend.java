package sketchrnn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.data.Batch;
import sketchrnn.data.Sketch;
import sketchrnn.engine.FlatParameters;
import sketchrnn.engine.FusedSketchRnn;
import sketchrnn.model.LossTerms;
import sketchrnn.model.Metrics;
import sketchrnn.model.SketchRnn;

/**
 * Training on the DJL model with autograd (the reference path): z's noise is the fused engine's
 * ({@link FusedSketchRnn#latentNoise}), the dropout masks come from the step seed ({@link sketchrnn.model.Noise}:
 * the run's own generator, not the engine's process-wide one), the gradients are copied out flat, and Adam
 * updates a flat copy of the parameters that is written back to the model.
 */
public final class DjlBackend implements TrainingBackend {
    private final SketchRnn model;
    private final FlatParameters layout;
    private final float[] theta;
    private final float[] grad;
    private final Adam adam;

    /** Trains {@code model} (which the backend closes). */
    public DjlBackend(SketchRnn model) {
        this.model = model;
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            shapes.put(e.getKey(), e.getValue().getShape().getShape());
            values.put(e.getKey(), e.getValue().toFloatArray());
        }
        this.layout = new FlatParameters(shapes);
        this.theta = layout.flatten(values);
        this.grad = new float[layout.size()];
        this.adam = new Adam(layout);
    }

    public SketchRnn model() {
        return model;
    }

    @Override
    public String describe() {
        return "DJL autograd, " + System.getProperty("ai.djl.pytorch.num_threads", "default") + " libtorch threads";
    }

    @Override
    public FlatParameters layout() {
        return layout;
    }

    @Override
    public Metrics lossAndGradient(Batch batch, double klWeight, long stepSeed) {
        Map<String, NDArray> params = model.parameters();
        NDManager base = params.values().iterator().next().getManager();
        try (NDManager scope = base.newSubManager()) {
            LossTerms l;
            NDArray eps = null;
            if (model.hparams().model().conditional()) {                         // the fused engine's ε: the same function
                eps = scope.create(FusedSketchRnn.latentNoise(stepSeed, batch.size(), model.hparams().model().zSize()),
                        new ai.djl.ndarray.types.Shape(batch.size(), model.hparams().model().zSize()));
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                l = model.loss(batch, true, (float) klWeight, scope, eps, stepSeed);
                gc.backward(l.cost());
            }
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray g = e.getValue().getGradient();
                g.attach(scope);                                         // else the gradient's handle leaks
                float[] v = g.toFloatArray();
                System.arraycopy(v, 0, grad, layout.offset(e.getKey()), v.length);
                g.set(new NDIndex("..."), 0f);                           // they accumulate across collectors; NaN too is cleared
            }
            return l.metrics();
        }
    }

    @Override
    public void update(double learningRate, double clip) {
        adam.step(theta, grad, learningRate, clip);
        writeBack();
    }

    private void writeBack() {
        ModelState.loadInto(model, layout.shapes(), layout.unflatten(theta), "the updated parameters");
    }

    @Override
    public Evaluation.Result evaluate(List<Sketch> sketches, int batchSize, int padTo, long seed) {
        return Evaluation.evaluate(model, sketches, batchSize, padTo, seed);
    }

    @Override
    public Adam adam() {
        return adam;
    }

    @Override
    public Map<String, float[]> weights() {
        return layout.unflatten(theta);
    }

    @Override
    public void loadWeights(Map<String, float[]> weights) {
        System.arraycopy(layout.flatten(weights), 0, theta, 0, theta.length);
        writeBack();
    }

    @Override
    public void close() {
        model.close();
    }
}
