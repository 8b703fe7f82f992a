package sketchrnn.model;

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
final class LstmCell extends GatedLstmCell {
    LstmCell(String prefix, int inputSize, int units, double keep) {
        super(prefix, inputSize, units, keep);
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.matrix(prefix + "W_xh", inputSize, 4L * units, new Init.GlorotUniform()),
                ParameterSpec.matrix(prefix + "W_hh", units, 4L * units, new Init.OrthogonalPerGate()),
                ParameterSpec.vector(prefix + "bias", 4L * units, Init.zeros()));
    }

    @Override
    NDArray gateBias(Weights w, NDManager scope, DataType dtype) {
        return w.get(prefix + "bias").add(Ops.forgetBias(scope, units, dtype));              // forget bias +1 folded in
    }

    @Override
    Update update(Weights w, NDManager scope, DataType dtype) {
        return LstmCell::update;
    }

    /** From the gate pre-activations {@code (B, 4H)}, c and the dropout mask (or null) to {@code [c', h']}. */
    private static NDList update(NDArray pre, NDArray c, NDArray mask) {
        NDList memory = Ops.lstmMemory(pre.split(4, 1), c, mask);                          // c', σ(o)
        NDArray c2 = memory.get(0);                                                         // (B, H)
        return new NDList(c2, c2.tanh().mul(memory.get(1)));                                // [c', h']
    }
}
