package sketchrnn.model;

import static sketchrnn.model.Ops.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import sketchrnn.data.Batch;

/**
 * The decoder of docs/model.md §5 (paper section 3.2, Eq. 4-5): an RNN ({@code dec_model}, {@code dec_rnn_size} H)
 * that reads the previous point and z and outputs the hidden vector the mixture density head projects.
 * <pre>
 *   [c_0 ; h_0] = tanh(z·W_z + b_z)                (Eq. 4; zeros when unconditional)
 *   x_i = [S_{i-1} ; z],   h_i = cell(x_i, h_{i-1}) (Eq. 5; x_i = S_{i-1} when unconditional)
 * </pre>
 * z is the same at every step, so its share of the cell's input projection is computed once per sketch.
 * Optional input dropout (on the whole {@code x_i}) and output dropout (on {@code h_i} before the head,
 * not on the state), training only, as the reference's DropoutWrapper.
 *
 * <p>Parameters: {@code dec_init/w (Nz, stateSize)} and {@code dec_init/b (stateSize)} when conditional,
 * then the cell under {@code dec/} with {@code W_xh (5+Nz, 4H)} (or {@code (5, 4H)}).
 */
final class Decoder {
    private final RecurrentCell cell;
    private final boolean conditional;
    private final int zSize;
    private final double inputKeep;
    private final double outputKeep;
    private final boolean tanhZ;

    /**
     * The decoder of {@code model} with the dropout of {@code training}; {@code tanhZ}: the initial-state layer
     * reads tanh(z) (browser files before version 6).
     */
    Decoder(ModelConfig model, TrainingConfig training, boolean tanhZ) {
        this.tanhZ = tanhZ;
        conditional = model.conditional();
        zSize = model.zSize();
        cell = RecurrentCell.of(model.decModel(), "dec/", conditional ? 5 + zSize : 5, model.decRnnSize(),
                training.recurrentKeep(), model);
        inputKeep = training.inputKeep();
        outputKeep = training.outputKeep();
    }

    RecurrentCell cell() {
        return cell;
    }

    boolean tanhZ() {
        return tanhZ;
    }

    List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>();
        if (conditional) {
            specs.add(ParameterSpec.matrix("dec_init/w", zSize, cell.stateSize(), new Init.Gaussian(0.001)));
            specs.add(ParameterSpec.vector("dec_init/b", cell.stateSize(), Init.zeros()));
        }
        specs.addAll(cell.parameters());
        return specs;
    }

    /**
     * Eq. 4: the state before the first step, from z (B, Nz); zeros for unconditional models. With
     * {@code tanhZ} the layer reads tanh(z) instead (browser files before version 6); the z appended to
     * the decoder's inputs stays as it is.
     */
    NDList initialState(Weights w, NDArray z, int batchSize, NDManager scope, DataType dtype) {
        if (!conditional) {
            return cell.zeroState(batchSize, scope, dtype);
        }
        NDArray in = tanhZ ? z.tanh() : z;                                             // (B, Nz)
        return cell.split(linear(in, w.get("dec_init/w").transpose(), w.get("dec_init/b")).tanh()); // (B, stateSize)
    }

    /**
     * Eq. 5 with teacher forcing over a whole batch.
     *
     * @param inputs (T, B, 5) S_0..S_{T-1}, time-major
     * @param z       (B, Nz), null when unconditional
     * @param dropout where the dropout masks come from (training); null for none
     * @return (T*B, H) the outputs h_1..h_T, time-major
     */
    NDArray run(Weights w, NDArray inputs, NDArray z, Noise dropout, NDManager scope) {
        long steps = inputs.getShape().get(0);
        int size = (int) inputs.getShape().get(1);
        DataType dtype = inputs.getDataType();
        NDList state = initialState(w, z, size, scope, dtype);
        NDArray x = inputs;                                                            // (T, B, 5)
        NDArray constant = conditional ? z : null;                                     // (B, Nz): folded
        if (dropout != null && inputKeep < 1) {
            if (constant != null) {                                                    // dropout differs per step
                x = x.concat(z.expandDims(0).broadcast(new Shape(steps, size, zSize)), 2); // (T, B, 5+Nz)
                constant = null;
            }
            x = x.mul(dropout.mask(scope, inputKeep, x.getShape(), dtype));
        }
        RecurrentCell.Run run = cell.start(w, x, constant, dropout, scope);
        NDArray outputs = cell.unroll(run, state, steps)                                // (T, B, H)
                .reshape(steps * size, cell.numUnits());                              // (T*B, H)
        if (dropout != null && outputKeep < 1) {
            outputs = outputs.mul(dropout.mask(scope, outputKeep, outputs.getShape(), dtype));
        }
        return outputs;
    }

    /**
     * Prepares single steps without dropout (sampling, completion): the cell's weights once, in {@code scope};
     * each step reads {@code [S ; z]} (S alone when unconditional).
     */
    Steps prepareSteps(Weights w, NDManager scope) {
        RecurrentCell.Steps steps = cell.prepareSteps(w, scope);
        return (input, z, state) -> steps.step(conditional ? input.concat(z, 1) : input, state); // x: (B, 5+Nz)
    }

    /** Single steps of the decoder. */
    @FunctionalInterface
    interface Steps {
        /**
         * @param input (B, 5) the previous point
         * @param z     (B, Nz), ignored when unconditional
         * @return the state after the step
         */
        NDList step(NDArray input, NDArray z, NDList state);
    }

    /** (T, B, 5) time-major: step t of sketch b is its row S_t (S_0 the start token). */
    static float[] inputs(Batch batch) {
        int size = batch.size();
        int steps = batch.maxLen();
        float[] x = new float[steps * size * 5];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < size; b++) {
                batch.copyRow(b, t, x, (t * size + b) * 5);
            }
        }
        return x;
    }
}
