package sketchrnn.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import sketchrnn.data.Stroke5;
import sketchrnn.model.DecoderState;
import sketchrnn.model.DecoderStep;
import sketchrnn.model.SketchRnn;

/**
 * The sampling loop of docs/model.md §11.1 for many sketches at once. Each time step is one
 * {@link SketchRnn#decodeStep} for the whole batch, one copy of its output {@code y (A, 3+6M)} to Java, and
 * a {@link PointSampler} draw per sketch from that sketch's own random stream; the sampled points are the
 * next step's input. A sketch stops at {@code p3} or when it has its budget of points.
 *
 * <p>Finished sketches are <em>compacted out</em>: the rows of the state and z that are still drawing are
 * gathered (one native call, only on steps where some sketch finished), so late steps cost what the
 * sketches still drawing need, not the whole batch.
 *
 * <p>Memory: every array of a step lives in that step's sub-manager of the call's session; the state and z
 * are carried into the next step's manager and the previous one is closed, so at most two steps' arrays
 * are alive, however long the sketches. Per step the JNI traffic is: one array created (the inputs), the
 * decoder step, one copy out.
 */
final class BatchSampler {
    /** Sees each step's raw output for each sketch before its point is drawn (tests, tracing). */
    @FunctionalInterface
    interface StepObserver {
        /**
         * @param row   the sketch (row of the starting batch)
         * @param point the index of the point about to be drawn
         * @param y     the step's output, row-major {@code (A, 3+6M)}
         * @param at    where this sketch's row starts in {@code y}
         */
        void onStep(int row, int point, float[] y, int at);
    }

    /**
     * Where the batch starts.
     *
     * @param state   (B, stateSize) the decoder state before the first sampled point, in a sub-manager of the
     *                session that the sampler may close
     * @param z       (B, Nz) latent vectors in that same manager, or null for a decoder-only model
     * @param firstY  (B, 3+6M) row-major: the output that predicts each sketch's first point (a completion's
     *                primed decoder); null to start by feeding the start token S0
     * @param budgets the most points each sketch may have
     * @param streams each sketch's random stream
     */
    record Start(DecoderState state, NDArray z, float[] firstY, int[] budgets, List<SplittableRandom> streams) {
    }

    private final SketchRnn net;
    private final PointSampler sampler;
    private StepObserver observer;
    private int decodeSteps;

    BatchSampler(SketchRnn net, SamplingOptions options) {
        this.net = net;
        this.sampler = new PointSampler(net.hparams().model().numMixture(), options);
    }

    /** Calls {@code o} at every step (null for none). */
    BatchSampler observe(StepObserver o) {
        this.observer = o;
        return this;
    }

    /** How many decoder steps (native batch calls) the last run made. */
    int decodeSteps() {
        return decodeSteps;
    }

    /**
     * Draws every sketch of the batch to its end.
     *
     * @param session the call's manager; {@code start}'s arrays live in {@code owner}, a sub-manager of it
     *                that this method closes
     * @return each sketch as flat stroke-3 {@code [dx, dy, p, ...]} in model units, in batch order
     */
    List<float[]> run(NDManager session, NDManager owner, Start start) {
        return run(session, owner, start, null);
    }

    /**
     * As {@link #run(NDManager, NDManager, Start)} with the decoder's prepared weights of the caller (who
     * keeps them open), or null to prepare them here.
     */
    List<float[]> run(NDManager session, NDManager owner, Start start, SketchRnn.Stepper given) {
        int b = start.budgets().length;
        int w = sampler.rowSize();
        PointBuffer[] points = new PointBuffer[b];
        for (int r = 0; r < b; r++) {
            points[r] = new PointBuffer();
        }
        NDManager gen = owner;
        NDManager prepared = given == null ? session.newSubManager() : null;           // our joined weights
        SketchRnn.Stepper stepper = given != null ? given : net.stepper(prepared);
        try {
            // 1. Every sketch with points to draw is active; the next inputs start as S0 = (0, 0, 1, 0, 0).
            int[] active = new int[b];
            int a = 0;
            for (int r = 0; r < b; r++) {
                if (start.budgets()[r] > 0) {
                    active[a++] = r;
                }
            }
            float[] inputs = new float[b * Stroke5.WIDTH];
            for (int i = 0; i < b; i++) {
                inputs[i * Stroke5.WIDTH + 2] = 1f;
            }
            NDArray state = start.state().state();                                    // (A, stateSize)
            NDArray z = start.z();                                                     // (A, Nz) or null
            if (a < b && a > 0) {
                boolean[] keep = new boolean[b];
                for (int i = 0; i < a; i++) {
                    keep[active[i]] = true;
                }
                NDArray mask = gen.create(keep);
                state = state.get(mask);
                z = z == null ? null : z.get(mask);
            }
            float[] y = start.firstY();
            if (y != null && a < b) {
                y = gatherRows(y, active, a, w);
            }
            float[] point = new float[2];
            boolean[] keep = new boolean[b];
            decodeSteps = 0;
            while (a > 0) {
                // 2. One decoder step for the whole active batch, its output copied to Java once.
                if (y == null) {
                    NDManager next = session.newSubManager();
                    NDArray in = next.create(Arrays.copyOf(inputs, a * Stroke5.WIDTH), new Shape(a, Stroke5.WIDTH)); // (A, 5)
                    DecoderStep step = stepper.step(in, z, new DecoderState(state), next, true);
                    y = step.y().toFloatArray();                                       // (A, 3+6M)
                    state = step.state().state();                                      // (A, stateSize)
                    if (z != null) {
                        z.attach(next);
                    }
                    gen.close();
                    gen = next;
                    decodeSteps++;
                }
                // 3. Each sketch draws its point from its own stream; the point is its next input.
                int kept = 0;
                for (int i = 0; i < a; i++) {
                    int r = active[i];
                    if (observer != null) {
                        observer.onStep(r, points[r].size(), y, i * w);
                    }
                    int pen = sampler.sample(y, i * w, start.streams().get(r), point, 0);
                    boolean done = pen == PointSampler.END;
                    if (!done) {
                        points[r].add(point[0], point[1], pen == PointSampler.PEN_UP ? 1f : 0f);
                        done = points[r].size() >= start.budgets()[r];
                    }
                    keep[i] = !done;
                    if (!done) {
                        int at = kept * Stroke5.WIDTH;
                        inputs[at] = point[0];
                        inputs[at + 1] = point[1];
                        inputs[at + 2] = pen == PointSampler.PEN_DOWN ? 1f : 0f;
                        inputs[at + 3] = pen == PointSampler.PEN_UP ? 1f : 0f;
                        inputs[at + 4] = 0f;
                        active[kept++] = r;
                    }
                }
                // 4. Finished sketches leave the batch: gather the rows of the state (and z) still drawing.
                if (kept > 0 && kept < a) {
                    NDArray mask = gen.create(Arrays.copyOf(keep, a));                 // (A)
                    state = state.get(mask);                                           // (kept, stateSize)
                    z = z == null ? null : z.get(mask);                                // (kept, Nz)
                }
                a = kept;
                y = null;
            }
        } finally {
            gen.close();
            if (prepared != null) {
                prepared.close();
            }
        }
        List<float[]> out = new ArrayList<>(b);
        for (PointBuffer p : points) {
            out.add(p.toArray());
        }
        return out;
    }

    private static float[] gatherRows(float[] y, int[] rows, int n, int w) {
        float[] out = new float[n * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(y, rows[i] * w, out, i * w, w);
        }
        return out;
    }

    /** A growing stroke-3 point list. */
    private static final class PointBuffer {
        private float[] data = new float[3 * 32];
        private int n;

        void add(float dx, float dy, float p) {
            if (3 * n + 3 > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[3 * n] = dx;
            data[3 * n + 1] = dy;
            data[3 * n + 2] = p;
            n++;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return Arrays.copyOf(data, 3 * n);
        }
    }
}
