package sketchrnn.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import sketchrnn.data.Sketch;
import sketchrnn.data.Stroke5;
import sketchrnn.model.DecoderState;
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
        int budget = o.maxLengthFor(net.hparams().model().maxSeqLen());
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
                    float[] flat = new float[b * net.hparams().model().zSize()];
                    for (int i = 0; i < b; i++) {
                        float[] row = zs.get(from + i);
                        System.arraycopy(row, 0, flat, i * row.length, row.length);
                    }
                    z = owner.create(flat, new Shape(b, net.hparams().model().zSize()));     // (B, Nz)
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
     * An unfinished sketch to complete.
     *
     * @param sketch in model units, already checked
     * @param zs     the codes its endings are conditioned on: null for a decoder-only model; one row shared by
     *               every ending (the prefix is then read once); or {@code count} rows, row k for ending k (the
     *               prefix is then read once per ending, as the decoder's state after it depends on z)
     * @param count  how many endings
     * @param seed   ending k draws from stream k of this seed
     */
    record Prefix(Sketch sketch, float[][] zs, int count, long seed) {
        Prefix {
            if (zs != null && zs.length != 1 && zs.length != count) {
                throw new IllegalArgumentException(zs.length + " codes for " + count + " endings");
            }
        }

        /** How many times the prefix is read: once per code, once for a decoder-only model. */
        int reads() {
            return zs == null ? 1 : zs.length;
        }
    }

    /** Completions of one prefix (see {@link #completeAll}): the endings only, flat stroke-3 in model units. */
    static List<float[]> complete(SketchRnn net, Sketch prefix, float[][] zs, int count, SamplingOptions o,
                                  BatchSampler.StepObserver observer) {
        return completeAll(net, List.of(new Prefix(prefix, zs, count, o.seed())), o, observer).get(0);
    }

    /**
     * Completions (docs/model.md §11.3) of several unfinished sketches at once, each with its own number of endings,
     * codes and seed (the other options are shared). Computing them together costs little more than one of them:
     * every native call works on all rows.
     * <ol>
     *   <li>rows: one per code of a prefix: one per prefix for a decoder-only model or a code shared by all its
     *       endings ({@link SketchModel.EndingCode#MEAN}, the default), one per ending when each ending has its
     *       own code ({@code SAMPLE}, {@code PRIOR});</li>
     *   <li>teacher forcing: feed {@code S0, P1 .. Pn} of all rows through the decoder together (up to
     *       {@link #MAX_BATCH} rows at a time), one step at a time, the decoder's weights prepared once; a row
     *       whose prefix is fed keeps its state from then on, so each row ends in the state its own prefix and
     *       code reached. Its output y predicts the point after the prefix;</li>
     *   <li>each ending starts from its row's state and z (a row shared by several endings is copied);</li>
     *   <li>draw each ending's first point from that y with the end of the sketch ruled out (its pen logit set
     *       to minus infinity: the pen state is drawn from the other two, renormalised), so that every ending
     *       has at least one point: an ending drawn from the model given that the drawing goes on (without
     *       it, a prefix the model reads as finished gets empty endings);</li>
     *   <li>sample the endings together, ending k of a prefix from stream k of its seed, until {@code p3} or the
     *       length budget (the whole sketch, prefix included, at most the options' maximum length).</li>
     * </ol>
     *
     * @return for each prefix, its endings only, flat stroke-3 in model units
     */
    static List<List<float[]>> completeAll(SketchRnn net, List<Prefix> prefixes, SamplingOptions o,
                                           BatchSampler.StepObserver observer) {
        // 1. The rows to read and, for each ending, its row; rows and endings both in prefix order.
        int rowCount = 0;
        int total = 0;
        for (Prefix p : prefixes) {
            rowCount += p.reads();
            total += p.count();
        }
        int[] prefixOfRow = new int[rowCount];
        float[][] zOfRow = new float[rowCount][];
        int[] rowOf = new int[total];
        int[] prefixOf = new int[total];
        int[] endingOf = new int[total];
        for (int i = 0, row = 0, k = 0; i < prefixes.size(); i++) {
            Prefix p = prefixes.get(i);
            for (int j = 0; j < p.reads(); j++) {
                prefixOfRow[row + j] = i;
                zOfRow[row + j] = p.zs() == null ? null : p.zs()[j];
            }
            for (int e = 0; e < p.count(); e++, k++) {
                rowOf[k] = row + (p.reads() == 1 ? 0 : e);
                prefixOf[k] = i;
                endingOf[k] = e;
            }
            row += p.reads();
        }
        List<List<float[]>> out = new ArrayList<>(prefixes.size());
        for (Prefix p : prefixes) {
            out.add(new ArrayList<>(p.count()));
        }
        int maxLength = o.maxLengthFor(net.hparams().model().maxSeqLen());
        try (NoGrad inference = NoGrad.start(); NDManager session = NDManager.newBaseManager()) {
            NDManager prepared = session.newSubManager();                             // the joined weights, once
            SketchRnn.Stepper stepper = net.stepper(prepared);                         // for prefixes and endings
            for (int first = 0, k0 = 0; first < rowCount; ) {
                int r = Math.min(MAX_BATCH, rowCount - first);
                // 2. Teacher forcing through this group's rows together.
                Forced forced = force(net, stepper, session, prefixes, prefixOfRow, zOfRow, first, r);
                int w = forced.y.length / r;
                int k1 = k0;
                while (k1 < total && rowOf[k1] < first + r) {
                    k1++;
                }
                // 3-4. The endings of these rows, all together (in batches of MAX_BATCH).
                for (int from = k0; from < k1; from += MAX_BATCH) {
                    int b = Math.min(MAX_BATCH, k1 - from);
                    NDManager owner = session.newSubManager();
                    long[] rows = new long[b];
                    float[] firstY = new float[b * w];
                    int[] budgets = new int[b];
                    List<SplittableRandom> streams = new ArrayList<>(b);
                    for (int k = 0; k < b; k++) {
                        int row = rowOf[from + k] - first;
                        Prefix p = prefixes.get(prefixOf[from + k]);
                        rows[k] = row;
                        System.arraycopy(forced.y, row * w, firstY, k * w, w);
                        firstY[k * w + PointSampler.END] = Float.NEGATIVE_INFINITY;   // an ending has a point
                        budgets[k] = Math.max(0, maxLength - p.sketch().size());
                        streams.add(RandomStreams.forSketch(p.seed(), endingOf[from + k]));
                    }
                    NDArray index = owner.create(rows);                                // (B)
                    NDArray states = forced.state.get(new NDIndex("{}", index));       // (B, stateSize)
                    states.attach(owner);
                    NDArray zs = null;
                    if (forced.z != null) {
                        zs = forced.z.get(new NDIndex("{}", index));                   // (B, Nz)
                        zs.attach(owner);
                    }
                    BatchSampler sampler = new BatchSampler(net, o).observe(shift(observer, from));
                    List<float[]> endings = sampler.run(session, owner,
                            new BatchSampler.Start(new DecoderState(states), zs, firstY, budgets, streams), stepper);
                    for (int k = 0; k < b; k++) {
                        out.get(prefixOf[from + k]).add(endings.get(k));
                    }
                }
                forced.owner.close();
                first += r;
                k0 = k1;
            }
        }
        return out;
    }

    /** Rows after teacher forcing: their state (R, stateSize), z (R, Nz) or null, output y (R, 3+6M), in owner. */
    private record Forced(NDArray state, NDArray z, float[] y, NDManager owner) {
    }

    /** Feeds {@code S0, P1 .. Pn} of rows {@code first .. first+r-1} through the decoder together. */
    private static Forced force(SketchRnn net, SketchRnn.Stepper stepper, NDManager session, List<Prefix> prefixes,
                                int[] prefixOfRow, float[][] zOfRow, int first, int r) {
        int steps = 0;
        int[] fed = new int[r];                                                        // S0 + the prefix's points
        for (int i = 0; i < r; i++) {
            fed[i] = prefixes.get(prefixOfRow[first + i]).sketch().size() + 1;
            steps = Math.max(steps, fed[i]);
        }
        float[] inputs = new float[steps * r * 5];                                     // (T, R, 5), zero padded
        for (int i = 0; i < r; i++) {
            Sketch p = prefixes.get(prefixOfRow[first + i]).sketch();
            float[] rows = Stroke5.encode(p, p.size());                                // (n+1, 5): S0, P1..Pn
            for (int t = 0; t < fed[i]; t++) {
                System.arraycopy(rows, t * 5, inputs, (t * r + i) * 5, 5);
            }
        }
        NDManager gen = session.newSubManager();
        // Each row's code, or none; the initial state tanh(z W + b), or zeros.
        NDArray z = null;
        if (zOfRow[first] != null) {
            int nz = zOfRow[first].length;
            float[] flat = new float[r * nz];
            for (int i = 0; i < r; i++) {
                System.arraycopy(zOfRow[first + i], 0, flat, i * nz, nz);
            }
            z = gen.create(flat, new Shape(r, nz));                                    // (R, Nz)
        }
        NDArray state = net.initialState(z, r, gen).state();                           // (R, stateSize)
        for (int t = 0; t < steps; t++) {
            NDManager next = session.newSubManager();
            NDArray x = next.create(Arrays.copyOfRange(inputs, t * r * 5, (t + 1) * r * 5), new Shape(r, 5)); // (R, 5)
            NDArray after = stepper.step(x, z, new DecoderState(state), next, false).state().state(); // (R, stateSize)
            boolean[] live = new boolean[r];
            boolean someDone = false;
            for (int i = 0; i < r; i++) {
                live[i] = t < fed[i];
                someDone |= !live[i];
            }
            if (someDone) {                                                            // rows already fed keep their state
                NDArray keep = next.create(live).reshape(r, 1).broadcast(after.getShape()); // (R, stateSize)
                after = NDArrays.where(keep, after, state);
            }
            if (z != null) {
                z.attach(next);
            }
            gen.close();
            gen = next;
            state = after;
        }
        float[] y = stepper.output(new DecoderState(state), gen).toFloatArray();      // (R, 3+6M)
        return new Forced(state, z, y, gen);
    }

    private static BatchSampler.StepObserver shift(BatchSampler.StepObserver o, int from) {
        return o == null || from == 0 ? o : (row, point, y, at) -> o.onStep(row + from, point, y, at);
    }
}
