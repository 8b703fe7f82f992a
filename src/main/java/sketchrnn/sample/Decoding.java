package sketchrnn.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import sketchrnn.data.Sketch;
import sketchrnn.data.Stroke5;
import sketchrnn.model.DecoderState;
import sketchrnn.model.DecoderStep;
import sketchrnn.model.SketchRnn;

/**
 * The decoding recipes behind {@link SketchModel}: fresh sketches from z (or from nothing, decoder-only),
 * and completions of a given beginning. Large requests are cut into batches of {@link #MAX_BATCH}; sketch
 * {@code k} of a call always draws from the stream of index {@code k}, whatever the batch it lands in.
 */
final class Decoding {
    /** The most sketches decoded in one batch. */
    static final int MAX_BATCH = 512;

    private Decoding() {
    }

    /** Counters of a call (benchmarks). */
    static final class Stats {
        long decoderCalls;
    }

    /** As {@link #decode(SketchRnn, List, int, SamplingOptions, int, BatchSampler.StepObserver, Stats)} without counters. */
    static List<float[]> decode(SketchRnn net, List<float[]> zs, int count, SamplingOptions o, int firstIndex,
                                BatchSampler.StepObserver observer) {
        return decode(net, zs, count, o, firstIndex, observer, null);
    }

    /**
     * Sketches from latent vectors (one per z), or {@code count} sketches of a decoder-only model (zs null).
     *
     * @param firstIndex the stream index of the first sketch (0 for a whole call; the benchmark's one-at-a-time
     *                   path passes k to draw sketch k alone)
     * @return flat stroke-3 in model units
     */
    static List<float[]> decode(SketchRnn net, List<float[]> zs, int count, SamplingOptions o, int firstIndex,
                                BatchSampler.StepObserver observer, Stats stats) {
        int budget = o.maxLengthFor(net.hparams().maxSeqLen());
        List<float[]> out = new ArrayList<>(count);
        for (int from = 0; from < count; from += MAX_BATCH) {
            int b = Math.min(MAX_BATCH, count - from);
            int[] budgets = new int[b];
            Arrays.fill(budgets, budget);
            List<SplittableRandom> streams = new ArrayList<>(b);
            for (int i = 0; i < b; i++) {
                streams.add(RandomStreams.forSketch(o.seed(), firstIndex + from + i));
            }
            try (NoGrad inference = NoGrad.start(); NDManager session = NDManager.newBaseManager()) {
                NDManager owner = session.newSubManager();
                // 1. z (B, Nz) for a conditional model; the initial state tanh(z W + b), or zeros.
                NDArray z = null;
                if (zs != null) {
                    float[] flat = new float[b * net.hparams().zSize()];
                    for (int i = 0; i < b; i++) {
                        float[] row = zs.get(from + i);
                        System.arraycopy(row, 0, flat, i * row.length, row.length);
                    }
                    z = owner.create(flat, new Shape(b, net.hparams().zSize()));     // (B, Nz)
                }
                DecoderState state = net.initialState(z, b, owner);                   // (B, stateSize)
                // 2. Sample every sketch from S0 to its end, all at once.
                BatchSampler sampler = new BatchSampler(net, o).observe(shift(observer, from));
                out.addAll(sampler.run(session, owner, new BatchSampler.Start(state, z, null, budgets, streams)));
                if (stats != null) {
                    stats.decoderCalls += sampler.decodeSteps();
                }
            }
        }
        return out;
    }

    /**
     * Completions (SPEC 5): {@code count} different continuations of a beginning.
     * <ol>
     *   <li>z: for a conditional model the mean code of the prefix itself (the model continues what it
     *       recognises in it); none for a decoder-only model;</li>
     *   <li>teacher forcing: feed {@code S0, P1 .. Pn} through the decoder one step at a time (batch of one);
     *       the last output predicts the point after the prefix;</li>
     *   <li>copy the reached state (and z) {@code count} times;</li>
     *   <li>draw each ending's first point from that last output, then sample all endings together, each from
     *       its own stream, until {@code p3} or the length budget (the whole sketch, prefix included, at most
     *       the options' maximum length).</li>
     * </ol>
     *
     * @param prefix in model units, already checked
     * @param zPrefix the prefix's code (mu), or null for a decoder-only model
     * @return the endings only, flat stroke-3 in model units
     */
    static List<float[]> complete(SketchRnn net, Sketch prefix, float[] zPrefix, int count, SamplingOptions o,
                                  BatchSampler.StepObserver observer) {
        int n = prefix.size();
        int budget = Math.max(0, o.maxLengthFor(net.hparams().maxSeqLen()) - n);
        float[] rows = Stroke5.encode(prefix, n);                                     // (n+1, 5): S0, P1..Pn
        List<float[]> out = new ArrayList<>(count);
        for (int from = 0; from < count; from += MAX_BATCH) {
            int b = Math.min(MAX_BATCH, count - from);
            try (NoGrad inference = NoGrad.start(); NDManager session = NDManager.newBaseManager()) {
                NDManager gen = session.newSubManager();
                // 1. The prefix's own code, or none.
                NDArray z = zPrefix == null ? null : gen.create(zPrefix, new Shape(1, zPrefix.length)); // (1, Nz)
                NDArray state = net.initialState(z, 1, gen).state();                 // (1, stateSize)
                // 2. Teacher forcing through the prefix.
                float[] y = null;
                for (int t = 0; t <= n; t++) {
                    NDManager next = session.newSubManager();
                    NDArray in = next.create(Arrays.copyOfRange(rows, t * 5, t * 5 + 5), new Shape(1, 5)); // (1, 5)
                    DecoderStep step = net.decodeStep(in, z, new DecoderState(state), next);
                    y = step.y().toFloatArray();                                       // (1, 3+6M)
                    state = step.state().state();                                      // (1, stateSize)
                    if (z != null) {
                        z.attach(next);
                    }
                    gen.close();
                    gen = next;
                }
                // 3. The reached state, once per ending.
                NDArray states = state.repeat(0, b);                                   // (B, stateSize)
                NDArray zs = z == null ? null : z.repeat(0, b);                        // (B, Nz)
                float[] firstY = new float[b * y.length];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(y, 0, firstY, i * y.length, y.length);
                }
                // 4. The endings, all together.
                int[] budgets = new int[b];
                Arrays.fill(budgets, budget);
                List<SplittableRandom> streams = new ArrayList<>(b);
                for (int i = 0; i < b; i++) {
                    streams.add(RandomStreams.forSketch(o.seed(), from + i));
                }
                BatchSampler sampler = new BatchSampler(net, o).observe(shift(observer, from));
                out.addAll(sampler.run(session, gen,
                        new BatchSampler.Start(new DecoderState(states), zs, firstY, budgets, streams)));
            }
        }
        return out;
    }

    private static BatchSampler.StepObserver shift(BatchSampler.StepObserver o, int from) {
        return o == null || from == 0 ? o : (row, point, y, at) -> o.onStep(row + from, point, y, at);
    }
}
