package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A recurrent cell of docs/model.md §6: {@link LstmCell} ({@code lstm}), {@link LayerNormLstmCell}
 * ({@code layer_norm}) or {@link HyperLstmCell} ({@code hyper}).
 *
 * <p>A cell runs in two phases, for speed: {@link #prepare} does everything that depends neither on the
 * input nor on the state once (weights joined into one matrix over {@code [x ; h]}, the share of the
 * constant input z folded into the bias), then its {@link Step} applies the recurrence one step at a time
 * with a single fused matmul-and-add. A cell implements {@link #prepare} only: a sequence ({@link #start},
 * training and encoding: with the dropout masks of all steps in one draw) and single steps
 * ({@link #prepareSteps}, sampling) both run the prepared step.
 *
 * <p>The state is a list of {@code (B, n)} arrays, its c parts first, then its h parts, in the order of
 * the flat state {@code [c | h]} (hyper: {@code [c | hyper_c | h | hyper_h]}); the cell's output is the
 * first h part.
 */
interface RecurrentCell {

    /**
     * A cell of a kind (docs/model.md §6), its parameters named under {@code prefix}; a hyper cell takes its own
     * sizes from {@code model}.
     *
     * @param keep the keep probability of recurrent dropout in training (1: none)
     */
    static RecurrentCell of(CellKind kind, String prefix, int inputSize, int numUnits, double keep, ModelConfig model) {
        return switch (kind) {
            case LSTM -> new LstmCell(prefix, inputSize, numUnits, keep);
            case LAYER_NORM -> new LayerNormLstmCell(prefix, inputSize, numUnits, keep);
            case HYPER -> new HyperLstmCell(prefix, inputSize, numUnits, keep, model.hyperNumUnits(),
                    model.hyperEmbeddingSize());
        };
    }

    /** Size of the cell's input x (for the conditional decoder: 5 + Nz). */
    int inputSize();

    /** Size of the cell's output h. */
    int numUnits();

    /** Sizes of the state parts: {@code [H, H]}, or {@code [H, Hh, H, Hh]} for hyper. */
    long[] stateParts();

    /** The trainable parameters, full names, fixed order. */
    List<ParameterSpec> parameters();

    /** The keep probability of recurrent dropout (1: none). */
    double recurrentKeep();

    /**
     * Prepares the recurrence: everything that does not depend on the input or the state.
     *
     * @param w        the pass's weights
     * @param dx       the size of the input a step reads; the rest of {@link #inputSize()}, if any, is
     *                 {@code constant}
     * @param constant (B, inputSize - dx) an input part identical at every step (the decoder's z), or null
     *                 when {@code dx == inputSize()}
     * @param scope    where the prepared arrays live
     */
    Step prepare(Weights w, long dx, NDArray constant, NDManager scope);

    /** One step of a prepared recurrence. */
    @FunctionalInterface
    interface Step {
        /**
         * @param x     (B, dx) the step's input
         * @param state the state before the step
         * @param mask  (B, H) the step's recurrent dropout mask, or null
         * @return the state after it
         */
        NDList apply(NDArray x, NDList state, NDArray mask);
    }

    /**
     * Prepares a run over a sequence.
     *
     * @param w        the pass's weights
     * @param x        (T, B, Dx) the inputs of all steps
     * @param constant (B, Dc) an input part identical at every step, the decoder's z; null for none.
     *                 The cell's input is {@code [x_t ; constant]}, {@code Dx + Dc = inputSize()}.
     * @param dropout  where recurrent dropout masks come from; null for none (evaluation, inference)
     * @param scope    where every array of the run lives
     */
    default Run start(Weights w, NDArray x, NDArray constant, Noise dropout, NDManager scope) {
        long steps = x.getShape().get(0);
        Step step = prepare(w, x.getShape().get(2), constant, scope);
        NDList xs = Ops.steps(x);                                                        // T x (B, Dx)
        NDList masks = Ops.dropoutMasks(dropout, scope, recurrentKeep(), steps, x.getShape().get(1), numUnits(),
                x.getDataType());                                                        // T x (B, H) or null
        return (t, state) -> step.apply(xs.get(t), state, masks == null ? null : masks.get(t));
    }

    /**
     * Prepares single steps for inference (sampling, completion): everything that does not depend on the
     * input or the state is computed once here, in {@code scope}, and reused by every {@link Steps#step}. No
     * dropout.
     */
    default Steps prepareSteps(Weights w, NDManager scope) {
        Step step = prepare(w, inputSize(), null, scope);
        return (x, state) -> step.apply(x, state, null);
    }

    /** Repeated single steps with prepared weights. */
    @FunctionalInterface
    interface Steps {
        /**
         * @param x     (B, inputSize) the whole input of the step (for the decoder {@code [S ; z]})
         * @param state the state before the step
         * @return the state after it, attached to x's manager
         */
        NDList step(NDArray x, NDList state);
    }

    /** One sequence being run: the recurrence. */
    @FunctionalInterface
    interface Run {
        /** The state after step t, from the state before it. */
        NDList step(int t, NDList state);
    }

    /** Size of the flat state. */
    default int stateSize() {
        long n = 0;
        for (long p : stateParts()) {
            n += p;
        }
        return (int) n;
    }

    /** The cell's output h: the first h part of the state. */
    default NDArray output(NDList state) {
        return state.get(state.size() / 2);
    }

    /** All-zero state. */
    default NDList zeroState(int batchSize, NDManager scope, DataType dtype) {
        NDList state = new NDList();
        for (long p : stateParts()) {
            state.add(scope.zeros(new Shape(batchSize, p), dtype));
        }
        return state;
    }

    /** The state parts of a flat state {@code (B, stateSize)}. */
    default NDList split(NDArray flat) {
        long[] parts = stateParts();
        long[] at = new long[parts.length - 1];
        long sum = 0;
        for (int k = 0; k < at.length; k++) {
            sum += parts[k];
            at[k] = sum;
        }
        return flat.split(at, 1);
    }

    /**
     * Runs a prepared sequence: {@code steps} steps from {@code state}. Each step's intermediates are closed
     * as soon as it is done (the autograd graph keeps what the backward pass needs).
     *
     * @return (T, B, H) the outputs h of every step
     */
    default NDArray unroll(Run run, NDList state, long steps) {
        NDList outputs = new NDList();
        for (int t = 0; t < steps; t++) {
            try (NDScope step = new NDScope()) {
                state = run.step(t, state);
                NDScope.unregister(state);
            }
            outputs.add(output(state));
        }
        return NDArrays.stack(outputs, 0);
    }

    /** The flat state {@code (B, stateSize)} of state parts. */
    default NDArray join(NDList state) {
        return NDArrays.concat(state, 1);
    }
}
