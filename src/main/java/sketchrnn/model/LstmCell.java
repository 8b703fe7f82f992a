package sketchrnn.model;

import static sketchrnn.model.Ops.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * The LSTM cell of docs/model.md §6.1 (reference rnn.py {@code LSTMCell}) with recurrent dropout on the candidate
 * only (Semeniuta et al. 2016, "without memory loss"):
 * <pre>
 *   [i, j, f, o] = [x ; h]·[W_xh ; W_hh] + bias
 *   c' = c ⊙ σ(f + 1) + σ(i) ⊙ d(tanh j)
 *   h' = σ(o) ⊙ tanh(c')
 * </pre>
 * {@code d} is inverted dropout with keep probability {@code recurrent_dropout_prob}, training only. The
 * forget bias +1 is added at run time, not stored.
 *
 * <p>Parameters (prefix, e.g. {@code dec/}): {@code W_xh (Dx, 4H)}, {@code W_hh (H, 4H)},
 * {@code bias (4H)}; gate order i, j, f, o.
 */
final class LstmCell implements RecurrentCell {
    private final String prefix;
    private final int inputSize;
    private final int units;
    private final double keep;

    LstmCell(String prefix, int inputSize, int units, double keep) {
        this.prefix = prefix;
        this.inputSize = inputSize;
        this.units = units;
        this.keep = keep;
    }

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
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.matrix(prefix + "W_xh", inputSize, 4L * units, new Init.GlorotUniform()),
                ParameterSpec.matrix(prefix + "W_hh", units, 4L * units, new Init.OrthogonalPerGate()),
                ParameterSpec.vector(prefix + "bias", 4L * units, Init.zeros()));
    }

    @Override
    public Run start(Weights w, NDArray x, NDArray constant, Noise dropout, NDManager scope) {
        long steps = x.getShape().get(0);
        long batch = x.getShape().get(1);
        long dx = x.getShape().get(2);
        DataType dtype = x.getDataType();
        NDArray wxh = w.get(prefix + "W_xh");                                               // (Dx+Dc, 4H)
        NDArray weightT = wxh.get("0:{}", dx).concat(w.get(prefix + "W_hh"), 0).transpose(); // (4H, Dx+H) over [x ; h]
        NDArray bias = Ops.constantPart(constant, wxh, dx,                                 // (4H) or (B, 4H)
                w.get(prefix + "bias").add(Ops.forgetBias(scope, units, dtype)));          // forget bias +1 folded in
        NDList xs = Ops.steps(x);                                                           // T x (B, Dx)
        NDList masks = Ops.dropoutMasks(dropout, scope, keep, steps, batch, units, dtype); // T x (B, H)
        return (t, state) -> update(linear(xs.get(t).concat(state.get(1), 1), weightT, bias), // (B, 4H)
                state.get(0), masks == null ? null : masks.get(t));
    }

    @Override
    public Steps prepareSteps(Weights w, NDManager scope) {
        DataType dtype = w.get(prefix + "W_xh").getDataType();
        NDArray weightT = w.get(prefix + "W_xh").concat(w.get(prefix + "W_hh"), 0).transpose(); // (4H, Dx+Dc+H)
        NDArray bias = w.get(prefix + "bias").add(Ops.forgetBias(scope, units, dtype));         // (4H)
        return (x, state) -> update(linear(x.concat(state.get(1), 1), weightT, bias), state.get(0), null);
    }

    /** From the gate pre-activations {@code (B, 4H)}, c and the dropout mask (or null) to {@code [c', h']}. */
    private static NDList update(NDArray pre, NDArray c, NDArray mask) {
        NDList memory = Ops.lstmMemory(pre.split(4, 1), c, mask);                          // c', σ(o)
        NDArray c2 = memory.get(0);                                                         // (B, H)
        return new NDList(c2, c2.tanh().mul(memory.get(1)));                                // [c', h']
    }
}
