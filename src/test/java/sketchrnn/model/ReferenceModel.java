package sketchrnn.model;

import java.util.HashMap;
import java.util.Map;
import sketchrnn.data.Batch;

/**
 * sketch-rnn re-derived in plain Java double arithmetic from docs/model.md §4-8 and the reference rnn.py / model.py
 * formulas, one sketch and one step at a time, straight loops, no tensors: the independent ground truth
 * for the model's forward pass and loss. Dropout is not modelled (tests run without it).
 */
final class ReferenceModel {
    private final ModelConfig hp;
    private final double klTolerance;
    private final Map<String, double[]> p = new HashMap<>();

    ReferenceModel(SketchRnn model) {
        this.hp = model.hparams().model();
        this.klTolerance = model.hparams().training().klTolerance();
        model.parameters().forEach((name, array) -> p.put(name, Fixtures.values(array)));
    }

    /** The loss terms of a batch for given eps (B x Nz; ignored when unconditional). */
    Terms loss(Batch batch, double[][] eps, boolean training, double klWeight) {
        int size = batch.size();
        int steps = batch.maxLen();
        double offset = 0;
        double pen = 0;
        double klSum = 0;
        for (int b = 0; b < size; b++) {
            double[] z = null;
            if (hp.conditional()) {
                double[][] musig = encode(batch, b);
                double[] mu = musig[0];
                double[] sigmaHat = musig[1];
                z = new double[hp.zSize()];
                for (int k = 0; k < z.length; k++) {
                    z[k] = mu[k] + Math.exp(sigmaHat[k] / 2) * eps[b][k];
                    klSum += 1 + sigmaHat[k] - mu[k] * mu[k] - Math.exp(sigmaHat[k]);
                }
            }
            double[][] y = decode(batch, b, z);
            for (int t = 0; t < steps; t++) {
                double[] target = point(batch, b, t + 1);
                double real = 1 - target[4];
                offset += offsetLoss(y[t], target[0], target[1]) * real;
                pen += penLoss(y[t], target) * (training ? 1 : real);
            }
        }
        offset /= Math.max(steps, hp.maxSeqLen()) * size;                               // L_R over N_max
        pen /= Math.max(steps, hp.maxSeqLen()) * size;
        double kl = hp.conditional() ? -0.5 * klSum / (size * hp.zSize()) : 0;
        double cost = offset + pen + (hp.conditional() ? klWeight * Math.max(kl, klTolerance) : 0);
        return new Terms(cost, offset + pen, offset, pen, kl);
    }

    record Terms(double cost, double recon, double offset, double pen, double kl) {
    }

    /** mu and sigma_hat of sketch b: forward over S_1..S_len, backward over S_len..S_1. */
    double[][] encode(Batch batch, int b) {
        int len = batch.lengths()[b];
        int e = hp.encRnnSize();
        double[][] fw = zeroState(hp.encModel(), e);
        double[][] bw = zeroState(hp.encModel(), e);
        for (int t = 1; t <= len; t++) {
            fw = step(hp.encModel(), "enc_fw/", e, slice(point(batch, b, t)), fw);
            bw = step(hp.encModel(), "enc_bw/", e, slice(point(batch, b, len + 1 - t)), bw);
        }
        double[] h = concat(fw[2], bw[2]);
        return new double[][] {
            add(xW(h, "enc_mu/w", hp.zSize()), p.get("enc_mu/b")),
            add(xW(h, "enc_sigma/w", hp.zSize()), p.get("enc_sigma/b"))};
    }

    /** y of every step of sketch b with teacher forcing (rows S_0..S_{T-1} in). */
    double[][] decode(Batch batch, int b, double[] z) {
        int units = hp.decRnnSize();
        double[][] state = zeroState(hp.decModel(), units);
        if (z != null) {
            // tanh(z·W + b), split [c | (hyper_c) | h | (hyper_h)]
            double[] flat = add(xW(z, "dec_init/w", p.get("dec_init/b").length), p.get("dec_init/b"));
            for (int k = 0; k < flat.length; k++) {
                flat[k] = Math.tanh(flat[k]);
            }
            int hu = hp.decModel() == CellKind.HYPER ? hp.hyperNumUnits() : 0;
            state = new double[][] {part(flat, 0, units), part(flat, units, hu), part(flat, units + hu, units),
                part(flat, 2 * units + hu, hu)};
        }
        double[][] y = new double[batch.maxLen()][];
        for (int t = 0; t < batch.maxLen(); t++) {
            double[] x = slice(point(batch, b, t));
            if (z != null) {
                x = concat(x, z);
            }
            state = step(hp.decModel(), "dec/", units, x, state);
            y[t] = add(xW(state[2], "output/w", 3 + 6 * hp.numMixture()), p.get("output/b"));
        }
        return y;
    }

    /** -log(Σ_j pi_j N_j(dx, dy) + 1e-6), Graves Eq. 24-25. */
    double offsetLoss(double[] y, double dx, double dy) {
        int m = hp.numMixture();
        double[] pi = softmax(part(y, 3, m));
        double sum = 0;
        for (int j = 0; j < m; j++) {
            double muX = y[3 + m + j];
            double muY = y[3 + 2 * m + j];
            double sx = Math.exp(y[3 + 3 * m + j]);
            double sy = Math.exp(y[3 + 4 * m + j]);
            double rho = Math.tanh(y[3 + 5 * m + j]);
            double nx = (dx - muX) / sx;
            double ny = (dy - muY) / sy;
            double zz = nx * nx + ny * ny - 2 * rho * nx * ny;
            double density = Math.exp(-zz / (2 * (1 - rho * rho))) / (2 * Math.PI * sx * sy * Math.sqrt(1 - rho * rho));
            sum += pi[j] * density;
        }
        return -Math.log(sum + 1e-6);
    }

    /** -Σ_k p_k log softmax(pen logits)_k. */
    static double penLoss(double[] y, double[] target) {
        double[] q = softmax(part(y, 0, 3));
        return -(target[2] * Math.log(q[0]) + target[3] * Math.log(q[1]) + target[4] * Math.log(q[2]));
    }

    // ---- cells: state {c, hyper_c, h, hyper_h} (hyper parts empty for lstm and layer_norm) ----

    private double[][] zeroState(CellKind kind, int units) {
        int hu = kind == CellKind.HYPER ? hp.hyperNumUnits() : 0;
        return new double[][] {new double[units], new double[hu], new double[units], new double[hu]};
    }

    private double[][] step(CellKind kind, String prefix, int units, double[] x, double[][] s) {
        switch (kind) {
            case LSTM: {
                double[] gates = add(add(xW(x, prefix + "W_xh", 4 * units), xW(s[2], prefix + "W_hh", 4 * units)),
                        p.get(prefix + "bias"));
                double[][] ch = gate(gates, s[0], units);
                return new double[][] {ch[0], s[1], ch[1], s[3]};
            }
            case LAYER_NORM: {
                double[][] ch = layerNormStep(prefix, units,
                        add(xW(x, prefix + "W_xh", 4 * units), xW(s[2], prefix + "W_hh", 4 * units)), s[0]);
                return new double[][] {ch[0], s[1], ch[1], s[3]};
            }
            default: { // hyper
                int hu = hp.hyperNumUnits();
                double[] hyperIn = concat(x, s[2]);
                double[][] hyper = layerNormStep(prefix + "hyper_cell/", hu,
                        add(xW(hyperIn, prefix + "hyper_cell/W_xh", 4 * hu), xW(s[3], prefix + "hyper_cell/W_hh", 4 * hu)),
                        s[1]);
                double[] hHat = hyper[1];
                double[] xh = xW(x, prefix + "W_xh", 4 * units);
                double[] hh = xW(s[2], prefix + "W_hh", 4 * units);
                double[] bias = p.get(prefix + "bias");
                double[] pre = new double[4 * units];
                String[] gateNames = {"i", "j", "f", "o"};
                for (int g = 0; g < 4; g++) {
                    String gx = prefix + "hyper_" + gateNames[g] + "x/";
                    String gh = prefix + "hyper_" + gateNames[g] + "h/";
                    double[] alphaX = xW(add(xW(hHat, gx + "zw/w", hp.hyperEmbeddingSize()), p.get(gx + "zw/b")), gx + "alpha/w", units);
                    double[] alphaH = xW(add(xW(hHat, gh + "zw/w", hp.hyperEmbeddingSize()), p.get(gh + "zw/b")), gh + "alpha/w", units);
                    double[] betaH = xW(xW(hHat, gh + "zb/w", hp.hyperEmbeddingSize()), gh + "beta/w", units);
                    for (int k = 0; k < units; k++) {
                        int at = g * units + k;
                        pre[at] = alphaX[k] * xh[at] + alphaH[k] * hh[at] + betaH[k] + bias[at];
                    }
                }
                double[][] ch = layerNormStep(prefix, units, pre, s[0]);
                return new double[][] {ch[0], hyper[0], ch[1], hyper[1]};
            }
        }
    }

    /** LN over each gate block, gain and shift, then the gates with LN on c' before its tanh. */
    private double[][] layerNormStep(String prefix, int units, double[] pre, double[] c) {
        double[] gamma = p.get(prefix + "ln_gamma");
        double[] beta = p.get(prefix + "ln_beta");
        double[] normed = new double[4 * units];
        for (int g = 0; g < 4; g++) {
            double[] block = layerNorm(part(pre, g * units, units));
            for (int k = 0; k < units; k++) {
                normed[g * units + k] = block[k] * gamma[g * units + k] + beta[g * units + k];
            }
        }
        double[][] ch = gate(normed, c, units);
        double[] cNorm = layerNorm(ch[0]);
        double[] gc = p.get(prefix + "ln_c_gamma");
        double[] bc = p.get(prefix + "ln_c_beta");
        double[] o = part(normed, 3 * units, units);
        double[] h = new double[units];
        for (int k = 0; k < units; k++) {
            h[k] = Math.tanh(cNorm[k] * gc[k] + bc[k]) * sigmoid(o[k]);
        }
        return new double[][] {ch[0], h};
    }

    /** c' = c σ(f + 1) + σ(i) tanh(j), h' = σ(o) tanh(c'). */
    private static double[][] gate(double[] g, double[] c, int n) {
        double[] c2 = new double[n];
        double[] h2 = new double[n];
        for (int k = 0; k < n; k++) {
            c2[k] = c[k] * sigmoid(g[2 * n + k] + 1) + sigmoid(g[k]) * Math.tanh(g[n + k]);
            h2[k] = sigmoid(g[3 * n + k]) * Math.tanh(c2[k]);
        }
        return new double[][] {c2, h2};
    }

    private static double[] layerNorm(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        var /= v.length;
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (v[k] - mean) / Math.sqrt(var + 1e-3);
        }
        return out;
    }

    // ---- plain vector helpers ----

    /** x·W with W (in, out) row-major. */
    private double[] xW(double[] x, String name, int out) {
        double[] w = p.get(name);
        if (w.length != x.length * out) {
            throw new IllegalArgumentException(name + " has " + w.length + " values, expected " + x.length + "x" + out);
        }
        double[] r = new double[out];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < out; j++) {
                r[j] += x[i] * w[i * out + j];
            }
        }
        return r;
    }

    private static double[] point(Batch batch, int b, int row) {
        double[] r = new double[5];
        for (int k = 0; k < 5; k++) {
            r[k] = batch.strokes()[(b * (batch.maxLen() + 1) + row) * 5 + k];
        }
        return r;
    }

    private static double[] slice(double[] v) {
        return v.clone();
    }

    private static double[] part(double[] v, int from, int n) {
        double[] r = new double[n];
        System.arraycopy(v, from, r, 0, n);
        return r;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] r = new double[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static double[] add(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k] + b[k];
        }
        return r;
    }

    private static double[] softmax(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        double[] r = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            r[k] = Math.exp(v[k] - max);
            sum += r[k];
        }
        for (int k = 0; k < v.length; k++) {
            r[k] /= sum;
        }
        return r;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
