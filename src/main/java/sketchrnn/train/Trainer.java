package sketchrnn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small generic training loop: forward, backward, element-wise gradient clipping, Adam, and
 * callbacks. What is trained, its loss and its validation plug in through {@link Task}; logging,
 * checkpoints and plots plug in through {@link Callback}.
 *
 * <p>Recipe of one step {@code s} (numbered as in the code):
 * <ol>
 *   <li>seed the engine's RNG from {@code (seed, s)} so dropout and the latent noise of a step are the
 *       same whether or not the run was resumed;</li>
 *   <li>forward pass and cost inside a {@link GradientCollector}; backward;</li>
 *   <li>stop with {@link Outcome#NON_FINITE} when the cost is NaN or infinite, before touching the weights;</li>
 *   <li>fetch gradients into the step's scope, Adam update with clipping, zero the gradients;</li>
 *   <li>callbacks: after the step, then validation every {@code evalEvery} steps.</li>
 * </ol>
 */
public final class Trainer {

    /** What is trained. */
    public interface Task {
        /** The parameters to optimise, in a fixed order. */
        Map<String, NDArray> parameters();

        /** Forward pass of training step {@code step}: the scalar cost and metrics; intermediates in {@code scope}. */
        StepOutput forward(long step, NDManager scope);

        /** Validation metrics at {@code step}; must contain {@code "cost"}, lower is better. */
        Map<String, Double> validate(long step);

        /** Learning rate at {@code step}. */
        double learningRate(long step);

        /** Element-wise gradient clip value. */
        double gradClip();
    }

    /** A forward pass's scalar cost (to differentiate) and the metrics to log. */
    public record StepOutput(NDArray cost, Map<String, Double> metrics) {
    }

    /** One finished training step. */
    public record StepEvent(long step, double learningRate, Map<String, Double> metrics, double millis) {
    }

    /** Hooks called by the loop; every method is optional. */
    public interface Callback {
        default void onStep(StepEvent event) {
        }

        default void onValidation(long step, Map<String, Double> metrics, boolean best) {
        }

        /** Called once when the loop ends; {@code step} is the number of steps completed. */
        default void onEnd(long step, Outcome outcome) {
        }
    }

    /** Why the loop ended. */
    public enum Outcome { MAX_STEPS, TIME_LIMIT, NON_FINITE }

    /** How long to train and how often to validate. */
    public record Config(long maxSteps, Duration maxTime, long evalEvery, long seed) {
    }

    private final Config config;
    private final List<Callback> callbacks = new ArrayList<>();
    private double bestValidation = Double.POSITIVE_INFINITY;
    private long lastStep;

    public Trainer(Config config) {
        this.config = config;
    }

    public Trainer addCallback(Callback callback) {
        callbacks.add(callback);
        return this;
    }

    /** Sets the best validation cost seen so far (when resuming). */
    public void setBestValidation(double best) {
        this.bestValidation = best;
    }

    public double bestValidation() {
        return bestValidation;
    }

    /** Steps completed when {@link #run} returned. */
    public long lastStep() {
        return lastStep;
    }

    /** The engine seed of step {@code step} of a run seeded {@code seed}. */
    public static long stepSeed(long seed, long step) {
        long h = seed * 0x9E3779B97F4A7C15L + step * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        return h & 0x7FFFFFFFFFFFL;
    }

    /**
     * Trains from {@code startStep} (0 for a new run) until {@code maxSteps} steps are done, the time
     * runs out, or the cost stops being finite.
     */
    public Outcome run(Task task, Adam adam, long startStep) {
        long deadline = config.maxTime() == null ? Long.MAX_VALUE : System.nanoTime() + config.maxTime().toNanos();
        Map<String, NDArray> params = task.parameters();
        NDManager base = params.values().iterator().next().getManager();
        long step = startStep;
        Outcome outcome = Outcome.MAX_STEPS;
        while (step < config.maxSteps()) {
            if (System.nanoTime() > deadline) {
                outcome = Outcome.TIME_LIMIT;
                break;
            }
            long t0 = System.nanoTime();
            double lr = task.learningRate(step);
            Map<String, Double> metrics;
            try (NDManager scope = base.newSubManager()) {
                // 1. per-step randomness
                Engine.getInstance().setRandomSeed((int) stepSeed(config.seed(), step));
                // 2. forward and backward
                StepOutput out;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    out = task.forward(step, scope);
                    gc.backward(out.cost());
                }
                // 3. the NaN guard
                double cost = out.cost().getFloat();
                if (!Double.isFinite(cost)) {
                    zeroGradients(params, scope);
                    lastStep = step;
                    outcome = Outcome.NON_FINITE;
                    metrics = out.metrics();
                    break;
                }
                // 4. clip, Adam, zero gradients
                Map<String, NDArray> grads = new LinkedHashMap<>();
                for (Map.Entry<String, NDArray> e : params.entrySet()) {
                    NDArray g = e.getValue().getGradient();
                    g.attach(scope);
                    grads.put(e.getKey(), g);
                }
                adam.step(params, grads, lr, task.gradClip(), scope);
                for (NDArray g : grads.values()) {
                    // the gradient buffers accumulate across collectors: clear them in place, by assignment
                    // (g - g would keep NaN and turn infinities into NaN)
                    g.set(new NDIndex("..."), 0f);
                }
                metrics = out.metrics();
            }
            step++;
            // 5. callbacks
            StepEvent event = new StepEvent(step, lr, metrics, (System.nanoTime() - t0) / 1e6);
            for (Callback c : callbacks) {
                c.onStep(event);
            }
            if (config.evalEvery() > 0 && step % config.evalEvery() == 0) {
                validate(task, step);
            }
        }
        lastStep = step;
        for (Callback c : callbacks) {
            c.onEnd(step, outcome);
        }
        return outcome;
    }

    /** Runs validation now and tells the callbacks. */
    public Map<String, Double> validate(Task task, long step) {
        Map<String, Double> v = task.validate(step);
        double cost = v.get("cost");
        boolean best = Double.isFinite(cost) && cost < bestValidation;
        if (best) {
            bestValidation = cost;
        }
        for (Callback c : callbacks) {
            c.onValidation(step, v, best);
        }
        return v;
    }

    private static void zeroGradients(Map<String, NDArray> params, NDManager scope) {
        for (NDArray p : params.values()) {
            if (p.hasGradient()) {
                NDArray g = p.getGradient();
                g.attach(scope);
                g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
            }
        }
    }
}
