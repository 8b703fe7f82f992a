package sketchrnn.model;

import static sketchrnn.model.Ops.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The skeleton of the LSTM cells without hypernetwork ({@link LstmCell}, {@link LayerNormLstmCell}):
 * {@code pre = [x ; h]·[W_xh ; W_hh] (+ bias)} in one fused matmul-and-add, then the cell's own update of
 * {@code c} to {@code [c', h']} ({@link #update}). The share of a constant input (z) is folded into the
 * bias once per sequence.
 */
abstract class GatedLstmCell implements RecurrentCell {
    protected final String prefix;
    protected final int inputSize;
    protected final int units;
    private final double keep;

    GatedLstmCell(String prefix, int inputSize, int units, double keep) {
        this.prefix = prefix;
        this.inputSize = inputSize;
        this.units = units;
        this.keep = keep;
    }

    /** The update of a step: from the gate pre-activations {@code (B, 4H)}, c and the dropout mask (or null) to {@code [c', h']}. */
    @FunctionalInterface
    interface Update {
        NDList apply(NDArray pre, NDArray c, NDArray mask);
    }

    /** The bias added to the pre-activations {@code (4H)}, or null for none. */
    abstract NDArray gateBias(Weights w, NDManager scope, DataType dtype);

    /** The cell's update, its weights prepared in {@code scope}. */
    abstract Update update(Weights w, NDManager scope, DataType dtype);

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int numUnits() {
        return units;
    }

    @Override
    public long[] stateParts() {
        return new long[] {units, units};
    }

    @Override
    public double recurrentKeep() {
        return keep;
    }

    @Override
    public Step prepare(Weights w, long dx, NDArray constant, NDManager scope) {
        NDArray wxh = w.get(prefix + "W_xh");                                                // (Dx+Dc, 4H)
        DataType dtype = wxh.getDataType();
        NDArray weightT = wxh.get("0:{}", dx).concat(w.get(prefix + "W_hh"), 0).transpose(); // (4H, Dx+H) over [x ; h]
        NDArray bias = Ops.constantPart(constant, wxh, dx, gateBias(w, scope, dtype));       // (4H), (B, 4H) or null
        Update update = update(w, scope, dtype);
        return (x, state, mask) -> update.apply(linear(x.concat(state.get(1), 1), weightT, bias), // (B, 4H)
                state.get(0), mask);
    }
}
