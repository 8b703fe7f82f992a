package sketchrnn.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import sketchrnn.model.Metrics;

/**
 * A small generic training loop: a step's loss and gradient, the NaN guard, the update, and callbacks.
 * What is trained, its loss, update and validation plug in through {@link Task}; logging, checkpoints and
 * plots plug in through {@link Callback}.
 *
 * <p>Recipe of one step {@code s} (numbered as in the code):
 * <ol>
 *   <li>the task's loss and gradient for step {@code s} (its randomness a function of the run's seed and
 *       {@code s}, so that a resumed run draws what an uninterrupted one drew);</li>
 *   <li>stop with {@link Outcome#NON_FINITE} when the cost is NaN or infinite, before touching the weights;</li>
 *   <li>the update (clipping and Adam);</li>
 *   <li>callbacks: after the step, then validation every {@code evalEvery} steps.</li>
 * </ol>
 */
public final class Trainer {

    /** What is trained. */
    public interface Task {
        /** Loss and gradient of training step {@code step}: the metrics to log, with an objective. */
        Metrics lossAndGradient(long step);

        /** Updates the parameters from the gradient just computed. */
        void update(long step, double learningRate);

        /** Validation metrics at {@code step}; their objective selects the best, lower is better. */
        Metrics validate(long step);

        /** Learning rate at {@code step}. */
        double learningRate(long step);
    }

    /** One finished training step. */
    public record StepEvent(long step, double learningRate, Metrics metrics, double millis) {
    }

    /** Hooks called by the loop; every method is optional. */
    public interface Callback {
        default void onStep(StepEvent event) {
        }

        default void onValidation(long step, Metrics metrics, boolean best) {
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

    /** The seed of step {@code step}'s random numbers in a run seeded {@code seed}. */
    public static long stepSeed(long seed, long step) {
        long h = seed * 0x9E3779B97F4A7C15L + step * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        return h & 0x7FFFFFFFFFFFL;
    }

    /**
     * Trains from {@code startStep} (0 for a new run) until {@code maxSteps} steps are done, the time
     * runs out, or the cost stops being finite.
     */
    public Outcome run(Task task, long startStep) {
        long deadline = config.maxTime() == null ? Long.MAX_VALUE : System.nanoTime() + config.maxTime().toNanos();
        long step = startStep;
        Outcome outcome = Outcome.MAX_STEPS;
        while (step < config.maxSteps()) {
            if (System.nanoTime() > deadline) {
                outcome = Outcome.TIME_LIMIT;
                break;
            }
            long t0 = System.nanoTime();
            double lr = task.learningRate(step);
            // 1. loss and gradient
            Metrics metrics = task.lossAndGradient(step);
            // 2. the NaN guard (a missing objective is NaN)
            if (!Double.isFinite(metrics.objective())) {
                lastStep = step;
                outcome = Outcome.NON_FINITE;
                break;
            }
            // 3. the update
            task.update(step, lr);
            step++;
            // 4. callbacks
            StepEvent event = new StepEvent(step, lr, metrics, (System.nanoTime() - t0) / 1e6);
            for (Callback c : callbacks) {
                c.onStep(event);
            }
            if (config.evalEvery() > 0 && step % config.evalEvery() == 0) {
                validate(task, step);
            }
        }
        if (outcome != Outcome.NON_FINITE) {
            lastStep = step;
        }
        for (Callback c : callbacks) {
            c.onEnd(lastStep, outcome);
        }
        return outcome;
    }

    /** Runs validation now and tells the callbacks. */
    public Metrics validate(Task task, long step) {
        Metrics v = task.validate(step);
        double cost = v.objective();
        boolean best = Double.isFinite(cost) && cost < bestValidation;
        if (best) {
            bestValidation = cost;
        }
        for (Callback c : callbacks) {
            c.onValidation(step, v, best);
        }
        return v;
    }
}
