package sketchrnn.engine;

import sketchrnn.kernels.Activations;
import sketchrnn.kernels.CellKernels;
import sketchrnn.kernels.Gemm;

/**
 * One recurrent layer of sketch-rnn over a whole sequence, forward and backward derived by hand: the
 * {@code lstm} cell or the {@code layer_norm} cell of docs/model.md (paper section 3; reference rnn.py
 * {@code LSTMCell}, {@code LayerNormLSTMCell}), with recurrent dropout on the candidate (Semeniuta et al.
 * 2016). With gate pre-activations {@code a = [a_i, a_j, a_f, a_o]}:
 * <pre>
 *   lstm:        a = x·W_x + h·W_h + b                     (+1 on a_f, the forget bias)
 *   layer_norm:  a = LN_4(x·W_x + h·W_h) ⊙ γ + β           (LN over each gate block; +1 on a_f)
 *   c' = c ⊙ σ(a_f) + σ(a_i) ⊙ m ⊙ tanh(a_j)               (m: inverted dropout mask, or 1)
 *   h' = σ(a_o) ⊙ tanh(ĉ),  ĉ = c' (lstm) or LN(c') ⊙ γ_c + β_c (layer_norm)
 * </pre>
 * The input has a per-step part {@code x_t (Dx)} and an optional part that is the same at every step
 * ({@code k (Dk)}: the decoder's z), so {@code W_x = [W_x,step ; W_x,const]} and the constant's projection
 * is computed once per sequence. Buffers are named after these symbols and live in a {@link Trace}, one
 * per shard of the batch, allocated once per run.
 *
 * <p>The work of a step: one matrix product {@code h·W_h} for all rows of the shard, then one fused
 * element-wise pass per row. Input projections of all steps are one product before the recurrence; the
 * weight gradients of all steps are one product each after it.
 */
final class LstmLayer {
    final int units;          // H
    final int stepInput;      // Dx
    final int constInput;     // Dk (0: none)
    final boolean layerNorm;
    final float keep;         // recurrent dropout keep probability; 1: none
    private final int gates;  // 4H
    private final int wx;     // offsets into the flat parameters
    private final int wh;
    private final int bias;   // lstm only, else -1
    private final int gamma;  // layer_norm only, else -1
    private final int beta;
    private final int gammaC;
    private final int betaC;

    static final float LN_EPSILON = 1e-3f;

    LstmLayer(FlatParameters p, String prefix, int stepInput, int constInput, int units, boolean layerNorm, double keep) {
        this.units = units;
        this.stepInput = stepInput;
        this.constInput = constInput;
        this.layerNorm = layerNorm;
        this.keep = (float) keep;
        this.gates = 4 * units;
        wx = p.offset(prefix + "W_xh");
        wh = p.offset(prefix + "W_hh");
        bias = layerNorm ? -1 : p.offset(prefix + "bias");
        gamma = layerNorm ? p.offset(prefix + "ln_gamma") : -1;
        beta = layerNorm ? p.offset(prefix + "ln_beta") : -1;
        gammaC = layerNorm ? p.offset(prefix + "ln_c_gamma") : -1;
        betaC = layerNorm ? p.offset(prefix + "ln_c_beta") : -1;
        if (p.length(prefix + "W_xh") != (stepInput + constInput) * gates || p.length(prefix + "W_hh") != units * gates) {
            throw new IllegalArgumentException(prefix + ": weight shapes do not match the layer's sizes");
        }
    }

    boolean dropout() {
        return keep < 1f;
    }

    /** Where the pre-activations of every step are computed, and dL/da left by the backward pass. */
    private float[] pre(Trace s) {
        return layerNorm ? s.a : s.act;
    }

    /** The activations of one shard of {@code rows} sequences over at most {@code maxSteps} steps. */
    final class Trace {
        final int capacityRows;
        final int maxSteps;
        int rows;                 // the rows of the current pass, at most capacityRows
        int[] active;             // rows still running at each step (a prefix: rows sorted by length), or null: all
        final float[] x;        // (T·rows, Dx) inputs x_t, row t·rows + r
        final float[] k;        // (rows, Dk) the constant input, or null
        final float[] a;        // (T·rows, 4H) layer_norm: pre-activations, normalised to x̂; after backward dL/da; lstm: null
        final float[] act;      // (T·rows, 4H) σ(a_i), tanh(a_j), σ(a_f), σ(a_o); lstm: the pre-activations first, dL/da after backward
        final float[] rstd;     // (T·rows, 4) 1/sqrt(var + eps) of each gate block (layer_norm)
        final float[] c;        // ((T+1)·rows, H) c_0 .. c_T
        final float[] h;        // ((T+1)·rows, H) h_0 .. h_T
        final float[] cHat;     // (T·rows, H) LN(c_t) before γ_c, β_c (layer_norm)
        final float[] rstdC;    // (T·rows) (layer_norm)
        final float[] tanhC;    // (T·rows, H) tanh(ĉ_t)
        final float[] m;        // (T·rows, H) dropout multipliers 0 or 1/keep, or null
        final float[] kProj;    // (rows, 4H) k·W_x,const + bias
        final float[] dh;       // (rows, H) dL/dh of the step being differentiated
        final float[] dc;       // (rows, H) dL/dc
        final float[] dhPrev;   // (rows, H)
        final float[] daSum;    // (rows, 4H) Σ_t dL/da_t, for the constant input
        final float[] dk;       // (rows, Dk) dL/dk, or null
        final float[] whT;      // (4H, H) W_hᵀ, for dL/dh_{t-1} = dL/da_t · W_hᵀ
        final float[] row;      // (4H) scratch
        final float[] rowC;     // (H) scratch
        int steps;

        Trace(int rows, int maxSteps) {
            this.capacityRows = rows;
            this.rows = rows;
            this.maxSteps = maxSteps;
            int n = rows * maxSteps;
            x = new float[n * stepInput];
            k = constInput > 0 ? new float[rows * constInput] : null;
            a = layerNorm ? new float[n * gates] : null;
            act = new float[n * gates];
            rstd = layerNorm ? new float[n * 4] : null;
            c = new float[(n + rows) * units];
            h = new float[(n + rows) * units];
            cHat = layerNorm ? new float[n * units] : null;
            rstdC = layerNorm ? new float[n] : null;
            tanhC = new float[n * units];
            m = dropout() ? new float[n * units] : null;
            kProj = new float[rows * gates];
            dh = new float[rows * units];
            dc = new float[rows * units];
            dhPrev = new float[rows * units];
            daSum = constInput > 0 ? new float[rows * gates] : null;
            dk = constInput > 0 ? new float[rows * constInput] : null;
            whT = new float[gates * units];
            row = new float[gates];
            rowC = new float[units];
        }

        /** Bytes held. */
        long bytes() {
            long n = (long) x.length + (a == null ? 0 : a.length) + act.length + c.length + h.length + tanhC.length + kProj.length
                    + 3L * dh.length + whT.length + row.length + rowC.length;
            n += (k == null ? 0 : k.length) + (rstd == null ? 0 : rstd.length) + (cHat == null ? 0 : cHat.length)
                    + (rstdC == null ? 0 : rstdC.length) + (m == null ? 0 : m.length)
                    + (daSum == null ? 0 : daSum.length) + (dk == null ? 0 : dk.length);
            return 4 * n;
        }
    }

    Trace newTrace(int rows, int maxSteps) {
        return new Trace(rows, maxSteps);
    }

    /** Rows that run step t: the first {@code active[t]} (the encoder stops each sketch at its length). */
    private static int activeRows(Trace s, int t) {
        return s.active == null ? s.rows : s.active[t];
    }

    // ---------------------------------------------------------------- forward

    /**
     * Runs {@code steps} steps from the state in slot 0 of {@code s.c}, {@code s.h} (set by the caller),
     * reading {@code s.x} (and {@code s.k}, {@code s.m} when used).
     */
    void forward(float[] theta, Trace s, int steps) {
        s.steps = steps;
        int rows = s.rows;
        int n = steps * rows;
        if (steps == 0) {
            return;
        }
        // 1. the part that is the same at every step: k·W_x,const + b (+1 forget bias for lstm)
        for (int r = 0; r < rows; r++) {
            int o = r * gates;
            if (bias >= 0) {
                System.arraycopy(theta, bias, s.kProj, o, gates);
                for (int u = 2 * units; u < 3 * units; u++) {
                    s.kProj[o + u] += 1f;
                }
            } else {
                java.util.Arrays.fill(s.kProj, o, o + gates, 0f);
            }
        }
        if (constInput > 0) {
            Gemm.nn(rows, gates, constInput, s.k, 0, constInput, theta, wx + stepInput * gates, gates, s.kProj, 0, gates, true);
        }
        // 3. the recurrence, W_h prepared once for all its products (packed in bf16 when that is on)
        try (Gemm.PackedB wH = Gemm.pack(units, gates, theta, wh, gates)) {
            recurrence(theta, s, steps, wH);
        }
    }

    private void recurrence(float[] theta, Trace s, int steps, Gemm.PackedB wH) {
        int rows = s.rows;
        for (int t = 0; t < steps; t++) {
            int live = activeRows(s, t);
            // 2. a_t = x_t·W_x,step + k·W_x,const + b: Dx is tiny (5), one fused pass per row
            for (int r = 0; r < live; r++) {
                inputProjection(theta, s, t * rows + r, r);
            }
            // a_t += h_{t-1}·W_h                                                          (live, 4H)
            Gemm.nn(live, gates, units, s.h, t * rows * units, units, wH, pre(s), t * rows * gates, gates, true);
            for (int r = 0; r < live; r++) {
                cellForward(theta, s, t, r);
            }
            if (live < rows) {                                                       // finished rows: zero state
                int from = ((t + 1) * rows + live) * units;
                int to = (t + 2) * rows * units;
                java.util.Arrays.fill(s.h, from, to, 0f);
                java.util.Arrays.fill(s.c, from, to, 0f);
            }
        }
    }

    /** Row n of a: {@code x_n·W_x,step + kProj_r}. */
    private void inputProjection(float[] theta, Trace s, int n, int r) {
        float[] a = pre(s);
        int p = n * gates;
        int q = r * gates;
        // the non-zero inputs (the pen state is one-hot: at most 3 of the decoder's 5 in practice)
        int count = 0;
        float x0 = 0f, x1 = 0f, x2 = 0f;
        int w0 = 0, w1 = 0, w2 = 0;
        for (int i = 0; i < stepInput; i++) {
            float xi = s.x[n * stepInput + i];
            if (xi == 0f) {
                continue;
            }
            if (count == 0) {
                x0 = xi;
                w0 = wx + i * gates;
            } else if (count == 1) {
                x1 = xi;
                w1 = wx + i * gates;
            } else if (count == 2) {
                x2 = xi;
                w2 = wx + i * gates;
            }
            count++;
        }
        // one pass over the row (the decoder's pen state is one-hot: at most 3 of its 5 inputs are non-zero)
        float[] k = s.kProj;
        switch (count) {
            case 0, 1, 2, 3 -> CellKernels.inputRow(a, p, k, q, theta, count, x0, w0, x1, w1, x2, w2, gates);
            default -> {
                System.arraycopy(k, q, a, p, gates);
                for (int i = 0; i < stepInput; i++) {
                    float xi = s.x[n * stepInput + i];
                    if (xi == 0f) {
                        continue;
                    }
                    int w = wx + i * gates;
                    for (int u = 0; u < gates; u++) {
                        a[p + u] += xi * theta[w + u];
                    }
                }
            }
        }
    }

    /** The element-wise part of step t for row r: gates, c_{t+1}, h_{t+1}. */
    private void cellForward(float[] theta, Trace s, int t, int r) {
        int H = units;
        int n = t * s.rows + r;
        int p = n * gates;
        float[] a = s.a;
        float[] act = s.act;
        if (layerNorm) {
            for (int b = 0; b < 4; b++) {
                s.rstd[n * 4 + b] = CellKernels.normalise(a, p + b * H, H, LN_EPSILON);  // a ← x̂
            }
            CellKernels.affine(a, p, theta, gamma, theta, beta, act, p, gates);          // γ⊙x̂ + β
            for (int u = 2 * H; u < 3 * H; u++) {
                act[p + u] += 1f;                                                    // forget bias
            }
        }                                                                            // lstm: act holds a, bias in
        Activations.sigmoid(act, p, act, p, H);                                      // σ(a_i)
        Activations.tanh(act, p + H, act, p + H, H);                                 // tanh(a_j)
        Activations.sigmoid(act, p + 2 * H, act, p + 2 * H, 2 * H);                  // σ(a_f), σ(a_o)
        int cPrev = n * H;                                                           // slot t
        int cNext = (n + s.rows) * H;                                                // slot t+1
        float[] c = s.c;
        int hn = n * H;
        CellKernels.cellState(H, act, p, c, cPrev, cNext, s.m, hn);                  // c' = f⊙c + i⊙m⊙j
        float[] tc = s.tanhC;
        if (layerNorm) {
            System.arraycopy(c, cNext, s.cHat, hn, H);
            s.rstdC[n] = CellKernels.normalise(s.cHat, hn, H, LN_EPSILON);
            CellKernels.affine(s.cHat, hn, theta, gammaC, theta, betaC, tc, hn, H);
            Activations.tanh(tc, hn, tc, hn, H);
        } else {
            Activations.tanh(c, cNext, tc, hn, H);
        }
        CellKernels.multiply(act, p + 3 * H, tc, hn, s.h, cNext, H);                // h' = o⊙tanh(ĉ)
    }

    // ---------------------------------------------------------------- backward

    /**
     * Differentiates the run of {@link #forward}: gradients of the layer's weights are added to {@code grad},
     * {@code s.dh} and {@code s.dc} end as dL/dh_0 and dL/dc_0, and {@code s.dk} (with a constant input) as
     * dL/dk. The loss reaches the outputs through {@code dOut (T·rows, H)} (dL/dh_{t+1} of every step, or null)
     * and through {@code dFinal (rows, H)} at step {@code last[r]} of each row (or null; -1: none).
     */
    void backward(float[] theta, float[] grad, Trace s, float[] dOut, float[] dFinal, int[] last) {
        int rows = s.rows;
        int H = units;
        int steps = s.steps;
        java.util.Arrays.fill(s.dc, 0f);
        if (steps == 0) {
            java.util.Arrays.fill(s.dh, 0f);
            if (s.dk != null) {
                java.util.Arrays.fill(s.dk, 0f);
            }
            return;
        }
        for (int i0 = 0; i0 < units; i0 += 16) {                                    // W_hᵀ, in 16x64 tiles
            for (int g0 = 0; g0 < gates; g0 += 64) {
                for (int i = i0; i < Math.min(i0 + 16, units); i++) {
                    for (int g = g0; g < Math.min(g0 + 64, gates); g++) {
                        s.whT[g * units + i] = theta[wh + i * gates + g];
                    }
                }
            }
        }
        outputGradient(s, steps - 1, dOut, dFinal, last, null);
        if (constInput > 0) {
            java.util.Arrays.fill(s.daSum, 0f);                                      // summed in cellBackward
        }
        try (Gemm.PackedB whT = Gemm.pack(gates, H, s.whT, 0, H)) {
            backThroughTime(theta, grad, s, dOut, dFinal, last, whT);
        }
        int n = steps * rows;
        // weight gradients of all steps at once
        float[] da = pre(s);
        Gemm.tn(H, gates, n, s.h, 0, H, da, 0, gates, grad, wh, gates, true);           // dW_h += h_{0..T-1}ᵀ·da
        Gemm.tn(stepInput, gates, n, s.x, 0, stepInput, da, 0, gates, grad, wx, gates, true); // dW_x,step += xᵀ·da
        // (db += Σ da was summed in cellBackward, row by row while da was in cache)
        if (constInput > 0) {
            // daSum (Σ_t da of each row) was summed in cellBackward
            int wk = wx + stepInput * gates;
            Gemm.tn(constInput, gates, rows, s.k, 0, constInput, s.daSum, 0, gates, grad, wk, gates, true); // dW_x,const
            Gemm.nt(rows, constInput, gates, s.daSum, 0, gates, theta, wk, gates, s.dk, 0, constInput, false); // dk
        }
    }

    /** Back through the steps, last to first: each cell's backward pass, then dL/dh_{t-1} = dL/da_t·W_hᵀ. */
    private void backThroughTime(float[] theta, float[] grad, Trace s, float[] dOut, float[] dFinal, int[] last,
            Gemm.PackedB whT) {
        int rows = s.rows;
        int H = units;
        for (int t = s.steps - 1; t >= 0; t--) {
            int live = activeRows(s, t);
            for (int r = 0; r < live; r++) {
                cellBackward(theta, grad, s, t, r);                                  // a_t ← dL/da_t
            }
            if (live < rows) {                                                       // finished rows: no gradient
                java.util.Arrays.fill(pre(s), (t * rows + live) * gates, (t + 1) * rows * gates, 0f);
                java.util.Arrays.fill(s.dhPrev, live * H, rows * H, 0f);
            }
            // dL/dh_{t-1} = dL/da_t · W_hᵀ                                               (live, H)
            Gemm.nn(live, H, gates, pre(s), t * rows * gates, gates, whT, s.dhPrev, 0, H, false);
            if (t > 0) {
                outputGradient(s, t - 1, dOut, dFinal, last, s.dhPrev);
            } else {
                System.arraycopy(s.dhPrev, 0, s.dh, 0, s.dh.length);
            }
        }
    }

    /** s.dh = dL/dh_{t+1} from outside (dOut, dFinal at last step) plus {@code recurrent} (or nothing). */
    private void outputGradient(Trace s, int t, float[] dOut, float[] dFinal, int[] last, float[] recurrent) {
        int rows = s.rows;
        int H = units;
        if (recurrent != null) {
            System.arraycopy(recurrent, 0, s.dh, 0, rows * H);
        } else {
            java.util.Arrays.fill(s.dh, 0f);
        }
        if (dOut != null) {
            int o = t * rows * H;
            for (int i = 0; i < rows * H; i++) {
                s.dh[i] += dOut[o + i];
            }
        }
        if (dFinal != null) {
            for (int r = 0; r < rows; r++) {
                if (last[r] == t) {
                    for (int u = 0; u < H; u++) {
                        s.dh[r * H + u] += dFinal[r * H + u];
                    }
                }
            }
        }
    }

    /** The element-wise part of step t for row r, backwards: from s.dh, s.dc to dL/da_t (into pre(s)) and dL/dc_t. */
    private void cellBackward(float[] theta, float[] grad, Trace s, int t, int r) {
        int H = units;
        int n = t * s.rows + r;
        int p = n * gates;
        int hn = n * H;
        int cPrev = n * H;
        int rh = r * H;
        if (!layerNorm) {  // lstm: one fused pass (gates, dc, db and Σ_t da), see CellKernels.lstmBackwardRow
            CellKernels.lstmBackwardRow(H, s.act, p, s.dh, rh, s.tanhC, hn, s.c, cPrev, s.dc, rh, s.m, hn, grad, bias,
                    constInput > 0 ? s.daSum : null, r * gates);
            return;
        }
        // layer_norm
        float[] act = s.act;
        float[] da = s.row;       // dL/d(gate inputs after LN), (4H)
        float[] dcHat = s.rowC;   // (H)
        // h' = σ(a_o) ⊙ tanh(ĉ)
        float[] dh = s.dh;
        float[] tanhC = s.tanhC;
        int o3 = p + 3 * H;
        for (int u = 0; u < H; u++) {
            float dhv = dh[rh + u];
            float tc = tanhC[hn + u];
            float o = act[o3 + u];
            da[3 * H + u] = dhv * tc * o * (1 - o);
            dcHat[u] = dhv * o * (1 - tc * tc);                                      // dL/dĉ
        }
        CellKernels.affineBackward(dcHat, 0, s.cHat, hn, theta, gammaC, grad, gammaC, betaC, H); // dL/dLN(c')
        CellKernels.normaliseBackward(dcHat, 0, s.cHat, hn, s.rstdC[n], dcHat, 0, H); // dL/dc' via ĉ
        // c' = c ⊙ σ(a_f) + σ(a_i) ⊙ m ⊙ tanh(a_j)
        float[] c = s.c;
        float[] dc = s.dc;
        if (s.m == null) {
            for (int u = 0; u < H; u++) {
                float dcv = dc[rh + u] + dcHat[u];
                float i = act[p + u];
                float tj = act[p + H + u];
                float f = act[p + 2 * H + u];
                da[u] = dcv * tj * i * (1 - i);
                da[H + u] = dcv * i * (1 - tj * tj);
                da[2 * H + u] = dcv * c[cPrev + u] * f * (1 - f);
                dc[rh + u] = dcv * f;                                                // dL/dc_t
            }
        } else {
            float[] m = s.m;
            for (int u = 0; u < H; u++) {
                float dcv = dc[rh + u] + dcHat[u];
                float i = act[p + u];
                float tj = act[p + H + u];
                float f = act[p + 2 * H + u];
                float mv = m[hn + u];
                da[u] = dcv * tj * mv * i * (1 - i);
                da[H + u] = dcv * i * mv * (1 - tj * tj);
                da[2 * H + u] = dcv * c[cPrev + u] * f * (1 - f);
                dc[rh + u] = dcv * f;                                                // dL/dc_t
            }
        }
        float[] a = s.a;                                                             // holds x̂
        for (int b = 0; b < 4; b++) {
            int o = p + b * H;
            CellKernels.affineBackward(da, b * H, a, o, theta, gamma + b * H, grad, gamma + b * H, beta + b * H, H);
            CellKernels.normaliseBackward(da, b * H, a, o, s.rstd[n * 4 + b], a, o, H); // a ← dL/da (pre-LN)
        }
        if (constInput > 0) {
            float[] sum = s.daSum;                                                   // Σ_t da of row r
            int q = r * gates;
            for (int u = 0; u < gates; u++) {
                sum[q + u] += a[p + u];
            }
        }
    }

    /** {@code out[o + j] += Σ_i m[i, j]} for an (n, cols) row-major {@code m}. */
    static void columnSums(float[] m, int n, int cols, float[] out, int o) {
        for (int i = 0; i < n; i++) {
            int q = i * cols;
            for (int j = 0; j < cols; j++) {
                out[o + j] += m[q + j];
            }
        }
    }
}
