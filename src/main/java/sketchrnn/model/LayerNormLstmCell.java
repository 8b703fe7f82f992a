package sketchrnn.model;

import static sketchrnn.model.Ops.layerNorm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer-norm LSTM cell of docs/model.md §6.2 (reference rnn.py {@code LayerNormLSTMCell}; Ba et al.
 * 2016): no bias; each gate block of the pre-activations is layer-normalised (epsilon 1e-3, learned gain and shift), and
 * so is c' before the output tanh:
 * <pre>
 *   [i, j, f, o] = LN_4([x ; h]·[W_xh ; W_hh]) ⊙ ln_gamma + ln_beta   (LN over each block of H)
 *   c' = c ⊙ σ(f + 1) + σ(i) ⊙ d(tanh j)
 *   h' = σ(o) ⊙ tanh(LN(c') ⊙ ln_c_gamma + ln_c_beta)
 * </pre>
 *
 * <p>Parameters (prefix): {@code W_xh (Dx, 4H)}, {@code W_hh (H, 4H)}, {@code ln_gamma (4H)},
 * {@code ln_beta (4H)}, {@code ln_c_gamma (H)}, {@code ln_c_beta (H)}.
 */
final class LayerNormLstmCell extends GatedLstmCell {
    LayerNormLstmCell(String prefix, int inputSize, int units, double keep) {
        super(prefix, inputSize, units, keep);
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.matrix(prefix + "W_xh", inputSize, 4L * units, new Init.GlorotUniform()));
        specs.add(ParameterSpec.matrix(prefix + "W_hh", units, 4L * units, new Init.OrthogonalPerGate()));
        specs.addAll(LayerNormedUpdate.parameters(prefix, units));
        return specs;
    }

    @Override
    NDArray gateBias(Weights w, NDManager scope, DataType dtype) {
        return null;                                                                         // ln_beta is the bias
    }

    @Override
    Update update(Weights w, NDManager scope, DataType dtype) {
        return new LayerNormedUpdate(w, prefix, units, scope, dtype)::apply;
    }

    /**
     * The layer-normed half of a step, shared with {@link HyperLstmCell} (its main cell and its small
     * inner cell): from the gate pre-activations {@code (B, 4H)} and c to the new {@code [c', h']}.
     */
    static final class LayerNormedUpdate {
        private final int units;
        private final NDArray ones;     // (H) unit gain of the fused normalisation; the learned gain follows
        private final NDArray zeros;    // (H)
        private final NDArray gamma;    // (4H)
        private final NDArray betaF;    // (4H) ln_beta with the forget bias +1 folded into the f block
        private final NDArray gammaC;   // (H)
        private final NDArray betaC;    // (H)

        static List<ParameterSpec> parameters(String prefix, int units) {
            return List.of(
                    ParameterSpec.vector(prefix + "ln_gamma", 4L * units, Init.ones()),
                    ParameterSpec.vector(prefix + "ln_beta", 4L * units, Init.zeros()),
                    ParameterSpec.vector(prefix + "ln_c_gamma", units, Init.ones()),
                    ParameterSpec.vector(prefix + "ln_c_beta", units, Init.zeros()));
        }

        LayerNormedUpdate(Weights w, String prefix, int units, NDManager scope, DataType dtype) {
            this.units = units;
            ones = scope.ones(new Shape(units), dtype);
            zeros = scope.zeros(new Shape(units), dtype);
            gamma = w.get(prefix + "ln_gamma");
            betaF = w.get(prefix + "ln_beta").add(Ops.forgetBias(scope, units, dtype));
            gammaC = w.get(prefix + "ln_c_gamma");
            betaC = w.get(prefix + "ln_c_beta");
        }

        /**
         * @param pre  (B, 4H) gate pre-activations
         * @param c    (B, H)
         * @param mask (B, H) recurrent dropout mask, or null
         * @return [c', h'], each (B, H)
         */
        NDList apply(NDArray pre, NDArray c, NDArray mask) {
            long batch = pre.getShape().get(0);
            NDList gates = layerNorm(pre.reshape(batch, 4, units), ones, zeros)             // (B, 4, H)
                    .reshape(batch, 4L * units).mul(gamma).add(betaF)                        // (B, 4H)
                    .split(4, 1);                                                            // 4 x (B, H)
            NDList memory = Ops.lstmMemory(gates, c, mask);                                  // c', σ(o)
            NDArray c2 = memory.get(0);                                                      // (B, H)
            NDArray h2 = layerNorm(c2, gammaC, betaC).tanh().mul(memory.get(1));             // (B, H)
            return new NDList(c2, h2);
        }
    }
}
