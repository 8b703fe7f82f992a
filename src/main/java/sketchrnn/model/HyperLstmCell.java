package sketchrnn.model;

import static sketchrnn.model.Ops.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import sketchrnn.model.LayerNormLstmCell.LayerNormedUpdate;

/**
 * The HyperLSTM cell of docs/model.md §6.3 (Ha, Dai and Le 2016, "HyperNetworks"; reference rnn.py
 * {@code HyperLSTMCell} with its defaults: layer norm on, no recurrent dropout in the small cell).
 *
 * <p>A small layer-norm LSTM of {@code hyper_num_units} ({@code Hh}) reads {@code [x ; h]}. From its new
 * output {@code ĥ} every gate g of i, j, f, o gets embeddings of {@code hyper_embedding_size} ({@code Nh})
 * and from them scaling vectors that modulate the main cell's input and recurrent contributions
 * ("hyper_norm"), plus a bias for the recurrent one:
 * <pre>
 *   zw_gx = ĥ·W_zw_gx + b_zw_gx      α_gx = zw_gx·W_α_gx                     (x contributions: no bias)
 *   zw_gh = ĥ·W_zw_gh + b_zw_gh      α_gh = zw_gh·W_α_gh
 *   zb_gh = ĥ·W_zb_gh                β_gh = zb_gh·W_β_gh                      (h contributions)
 *   g     = α_gx ⊙ (x·W_xh)_g + α_gh ⊙ (h·W_hh)_g + β_gh + bias_g
 * </pre>
 * then layer norm, gating and dropout exactly as {@link LayerNormLstmCell}. Initialisation follows the
 * reference: {@code W_zw = 0, b_zw = 1, W_α = 0.1/Nh} (so every α starts at 0.1, the recurrent batch-norm
 * trick of Cooijmans et al.), {@code W_zb ~ N(0, 0.01²)}, {@code W_β = 0}.
 *
 * <p>Parameters (prefix): {@code W_xh (Dx, 4H)}, {@code W_hh (H, 4H)}, {@code bias (4H)}, {@code ln_gamma,
 * ln_beta (4H)}, {@code ln_c_gamma, ln_c_beta (H)}; the small cell's {@code hyper_cell/W_xh (Dx+H, 4Hh)},
 * {@code hyper_cell/W_hh (Hh, 4Hh)}, {@code hyper_cell/ln_*}; for g in ix, jx, fx, ox, ih, jh, fh, oh:
 * {@code hyper_g/zw/w (Hh, Nh)}, {@code hyper_g/zw/b (Nh)}, {@code hyper_g/alpha/w (Nh, H)}; for g in ih,
 * jh, fh, oh also {@code hyper_g/zb/w (Hh, Nh)}, {@code hyper_g/beta/w (Nh, H)}. The state is
 * {@code [c, hyper_c, h, hyper_h]}.
 */
final class HyperLstmCell implements RecurrentCell {
    private static final List<String> X_GATES = List.of("ix", "jx", "fx", "ox");
    private static final List<String> H_GATES = List.of("ih", "jh", "fh", "oh");

    private final String prefix;
    private final String hyperPrefix;
    private final int inputSize;
    private final int units;
    private final double keep;
    private final int hyperUnits;
    private final int embedding;

    HyperLstmCell(String prefix, int inputSize, int units, double keep, int hyperUnits, int embedding) {
        this.prefix = prefix;
        this.hyperPrefix = prefix + "hyper_cell/";
        this.inputSize = inputSize;
        this.units = units;
        this.keep = keep;
        this.hyperUnits = hyperUnits;
        this.embedding = embedding;
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
        return new long[] {units, hyperUnits, units, hyperUnits};
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(ParameterSpec.matrix(prefix + "W_xh", inputSize, 4L * units, new Init.GlorotUniform()));
        specs.add(ParameterSpec.matrix(prefix + "W_hh", units, 4L * units, new Init.OrthogonalPerGate()));
        specs.add(ParameterSpec.vector(prefix + "bias", 4L * units, Init.zeros()));
        specs.addAll(LayerNormedUpdate.parameters(prefix, units));
        specs.add(ParameterSpec.matrix(hyperPrefix + "W_xh", inputSize + units, 4L * hyperUnits, new Init.GlorotUniform()));
        specs.add(ParameterSpec.matrix(hyperPrefix + "W_hh", hyperUnits, 4L * hyperUnits, new Init.OrthogonalPerGate()));
        specs.addAll(LayerNormedUpdate.parameters(hyperPrefix, hyperUnits));
        for (String g : gates()) {
            String p = prefix + "hyper_" + g + "/";
            specs.add(ParameterSpec.matrix(p + "zw/w", hyperUnits, embedding, Init.zeros()));
            specs.add(ParameterSpec.vector(p + "zw/b", embedding, Init.ones()));
            specs.add(ParameterSpec.matrix(p + "alpha/w", embedding, units, new Init.Constant(0.1 / embedding)));
            if (H_GATES.contains(g)) {
                specs.add(ParameterSpec.matrix(p + "zb/w", hyperUnits, embedding, new Init.Gaussian(0.01)));
                specs.add(ParameterSpec.matrix(p + "beta/w", embedding, units, Init.zeros()));
            }
        }
        return specs;
    }

    private static List<String> gates() {
        List<String> all = new ArrayList<>(X_GATES);
        all.addAll(H_GATES);
        return all;
    }

    @Override
    public double recurrentKeep() {
        return keep;
    }

    @Override
    public Step prepare(Weights w, long dx, NDArray constant, NDManager scope) {
        // main cell: x·W_xh and h·W_hh stay apart, each is scaled by its own embeddings
        NDArray wxh = w.get(prefix + "W_xh");                                                    // (Dx+Dc, 4H)
        DataType dtype = wxh.getDataType();
        NDArray xWeightT = wxh.get("0:{}", dx).transpose();                                      // (4H, Dx)
        NDArray xConstant = Ops.constantPart(constant, wxh, dx, null);                           // (B, 4H) or null
        NDArray whh = w.get(prefix + "W_hh");                                                    // (H, 4H)
        NDArray bias = w.get(prefix + "bias").reshape(4, units);                                 // (4, H)
        // the small cell reads [x ; h] with state ĥ: one matrix over [x ; h ; ĥ]
        NDArray hyperWxh = w.get(hyperPrefix + "W_xh");                                          // (Dx+Dc+H, 4Hh)
        NDArray hyperWeightT = NDArrays.concat(new NDList(hyperWxh.get("0:{}", dx),
                hyperWxh.get("{}:", inputSize), w.get(hyperPrefix + "W_hh")), 0).transpose();    // (4Hh, Dx+H+Hh)
        NDArray hyperConstant = Ops.constantPart(constant, hyperWxh.get("0:{}", inputSize), dx, null); // (B, 4Hh)|null
        // the twelve embeddings from ĥ in one matmul: zw of the 8 gates, then zb of the 4 recurrent ones
        NDList zWeights = new NDList();
        NDList zBiases = new NDList();
        NDList scaleWeights = new NDList();
        for (String g : gates()) {
            zWeights.add(w.get(prefix + "hyper_" + g + "/zw/w"));
            zBiases.add(w.get(prefix + "hyper_" + g + "/zw/b"));
            scaleWeights.add(w.get(prefix + "hyper_" + g + "/alpha/w"));
        }
        for (String g : H_GATES) {
            zWeights.add(w.get(prefix + "hyper_" + g + "/zb/w"));
            scaleWeights.add(w.get(prefix + "hyper_" + g + "/beta/w"));
        }
        zBiases.add(scope.zeros(new Shape(4L * embedding), dtype));                              // zb has no bias
        NDArray zT = NDArrays.concat(zWeights, 1).transpose();                                   // (12Nh, Hh)
        NDArray zB = NDArrays.concat(zBiases, 0);                                                // (12Nh)
        NDArray scales = NDArrays.stack(scaleWeights, 0);                                        // (12, Nh, H)
        LayerNormedUpdate hyperUpdate = new LayerNormedUpdate(w, hyperPrefix, hyperUnits, scope, dtype);
        LayerNormedUpdate update = new LayerNormedUpdate(w, prefix, units, scope, dtype);
        return (x, state, mask) -> {
            long batch = x.getShape().get(0);
            NDArray c = state.get(0);                                                            // (B, H)
            NDArray hyperC = state.get(1);                                                       // (B, Hh)
            NDArray h = state.get(2);                                                            // (B, H)
            NDArray hyperH = state.get(3);                                                       // (B, Hh)
            // the small cell steps first, on [x ; h]
            NDArray xhh = NDArrays.concat(new NDList(x, h, hyperH), 1);                       // (B, Dx+H+Hh)
            NDArray hyperPre = linear(xhh, hyperWeightT, hyperConstant);                         // (B, 4Hh)
            NDList hyper = hyperUpdate.apply(hyperPre, hyperC, null);                            // [ĉ', ĥ']
            // its output scales the main cell's contributions gate by gate
            NDArray emb = linear(hyper.get(1), zT, zB)                                           // (B, 12Nh)
                    .reshape(batch, 12, embedding).transpose(1, 0, 2);                           // (12, B, Nh)
            NDList ab = emb.batchMatMul(scales).transpose(1, 0, 2).split(3, 1);                  // α_x, α_h, β_h: 3 x (B, 4, H)
            NDArray xPart = linear(x, xWeightT, xConstant).reshape(batch, 4, units);            // (B, 4, H)
            NDArray hPart = h.matMul(whh).reshape(batch, 4, units);                              // (B, 4, H)
            NDArray pre = ab.get(0).mul(xPart).add(ab.get(1).mul(hPart)).add(ab.get(2)).add(bias); // (B, 4, H)
            NDList main = update.apply(pre.reshape(batch, 4L * units), c, mask);
            return new NDList(main.get(0), hyper.get(0), main.get(1), hyper.get(1));
        };
    }
}
