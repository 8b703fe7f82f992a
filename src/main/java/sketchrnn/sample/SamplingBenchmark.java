package sketchrnn.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Times sampling (docs/model.md §11) two ways on the same sketches: {@code count} sketches in one batch, and the same
 * sketches one at a time (sketch k always draws from stream k of the seed, so both paths draw the same
 * sketches). Steps are sketch-steps: one sampled point (or the end) of one sketch.
 */
public final class SamplingBenchmark {
    private SamplingBenchmark() {
    }

    /**
     * One way of sampling, timed.
     *
     * @param ms           wall time of the whole run
     * @param sketches     sketches drawn
     * @param steps        sketch-steps (points drawn, ends included)
     * @param decoderCalls native decoder steps made
     */
    public record Timing(double ms, int sketches, long steps, long decoderCalls) {
        public double msPerSketch() {
            return ms / sketches;
        }

        public double msPerStep() {
            return ms / Math.max(1, steps);
        }
    }

    /** The two timings. */
    public record Result(Timing batch, Timing single) {
        /** How many times faster per sketch the batch is than one at a time. */
        public double speedup() {
            return single.msPerSketch() / batch.msPerSketch();
        }
    }

    /**
     * Warms up, then times a batch of {@code count} and the same {@code count} sketches one at a time,
     * {@code repeats} times each, alternating, and keeps the fastest run of each way (on a machine shared
     * with other work the fastest is the least disturbed).
     */
    public static Result run(SketchModel model, int count, SamplingOptions o, int repeats) {
        time(model, Math.min(count, 4), o, true); // warm-up: native libraries, allocator, JIT
        time(model, Math.min(count, 4), o, false);
        Timing batch = null;
        Timing single = null;
        for (int r = 0; r < repeats; r++) {
            Timing b = time(model, count, o, true);
            Timing s = time(model, count, o, false);
            batch = batch == null || b.ms() < batch.ms() ? b : batch;
            single = single == null || s.ms() < single.ms() ? s : single;
        }
        return new Result(batch, single);
    }

    /** Times {@code count} sketches, batched or one at a time. */
    public static Timing time(SketchModel model, int count, SamplingOptions o, boolean batched) {
        long[] steps = {0};
        BatchSampler.StepObserver counter = (row, point, y, at) -> steps[0]++;
        List<float[]> zs = model.latentDraws(o, count);
        long calls = 0;
        long t0 = System.nanoTime();
        if (batched) {
            Decoding.Stats stats = new Decoding.Stats();
            Decoding.decode(model.network(), zs, count, o, 0, counter, stats);
            calls = stats.decoderCalls;
        } else {
            for (int k = 0; k < count; k++) {
                Decoding.Stats stats = new Decoding.Stats();
                Decoding.decode(model.network(), zs == null ? null : zs.subList(k, k + 1), 1, o, k, counter, stats);
                calls += stats.decoderCalls;
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        return new Timing(ms, count, steps[0], calls);
    }
}
