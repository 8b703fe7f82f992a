package sketchrnn.interop;

/**
 * A plain-Java decoder of a decoder-only browser model, written from the semantics of {@code @magenta/sketch}
 * 0.2.0 (TensorFlow.js {@code basicLSTMCell} and {@code getPDF}) to check that they are understood: tests
 * compare it with the runtime's own traces. Test code only; the real model is the DJL one.
 *
 * <p>One step: {@code x = [dx / s, dy / s, p1, p2, p3]} (s = scale factor, pixel factor 1), gates
 * {@code [x ; h] . [W_xh ; W_hh] + bias} split {@code i, j, f, o},
 * {@code c' = c * sigmoid(f + 1) + sigmoid(i) * tanh(j)}, {@code h' = sigmoid(o) * tanh(c')}. The mixture:
 * {@code y = h' . output_w + output_b} split {@code [pen (3) | pi | muX | muY | log sigmaX | log sigmaY | rho]};
 * pen and pi are softmax of logits / T, sigma = exp(.) * sqrt(T), rho = tanh. Values are float32 like the
 * runtime's tensors; each dot product accumulates in double.
 */
final class PlainLstmDecoder {

    /**
     * Which semantics to use: the runtime's ({@link #RUNTIME}), or one deliberately wrong detail, to show that
     * the traces tell them apart.
     */
    record Semantics(boolean forgetBias, boolean divideByScaleFactor, boolean sigmaTimesSqrtT, boolean gatesIjfo) {
        static final Semantics RUNTIME = new Semantics(true, true, true, true);
    }

    /** The mixture parameters of one step, as the runtime's {@code StrokePDF}. */
    record Mdn(float[] pi, float[] muX, float[] muY, float[] sigmaX, float[] sigmaY, float[] corr, float[] pen) {
    }

    private final int h;
    private final int m;
    private final double scale;
    private final float[] wxh;
    private final float[] whh;
    private final float[] bias;
    private final float[] outW;
    private final float[] outB;
    private final Semantics semantics;
    private float[] c;
    private float[] hidden;

    PlainLstmDecoder(BrowserModel model, Semantics semantics) {
        if (model.conditional()) {
            throw new IllegalArgumentException("decoder-only models only");
        }
        this.h = model.sizes().decRnnSize();
        this.m = model.sizes().numMixture();
        this.scale = model.scaleFactor();
        this.wxh = model.array("dec/W_xh").values();
        this.whh = model.array("dec/W_hh").values();
        this.bias = model.array("dec/bias").values();
        this.outW = model.array("output/w").values();
        this.outB = model.array("output/b").values();
        this.semantics = semantics;
        this.c = new float[h];
        this.hidden = new float[h];
    }

    /** Feeds one stroke-5 point in data units. */
    void step(double dx, double dy, int p1, int p2, int p3) {
        double s = semantics.divideByScaleFactor() ? scale : 1.0;
        float[] x = {(float) (dx / s), (float) (dy / s), p1, p2, p3};
        int g = 4 * h;
        double[] acc = new double[g];
        accumulate(acc, x, wxh, g);
        accumulate(acc, hidden, whh, g);
        float[] gates = new float[g];
        for (int j = 0; j < g; j++) {
            gates[j] = (float) acc[j] + bias[j];
        }
        // runtime order i, j, f, o; the wrong variant reads i, f, j, o
        int iOff = 0;
        int jOff = semantics.gatesIjfo() ? h : 2 * h;
        int fOff = semantics.gatesIjfo() ? 2 * h : h;
        int oOff = 3 * h;
        float forget = semantics.forgetBias() ? 1f : 0f;
        float[] newC = new float[h];
        float[] newH = new float[h];
        for (int k = 0; k < h; k++) {
            float keep = sigmoid(gates[fOff + k] + forget);
            float write = sigmoid(gates[iOff + k]) * (float) Math.tanh(gates[jOff + k]);
            newC[k] = c[k] * keep + write;
            newH[k] = (float) Math.tanh(newC[k]) * sigmoid(gates[oOff + k]);
        }
        c = newC;
        hidden = newH;
    }

    /** The mixture parameters at temperature {@code t} (the same t for offsets and discrete parts). */
    Mdn mdn(double t) {
        int n = 3 + 6 * m;
        double[] acc = new double[n];
        accumulate(acc, hidden, outW, n);
        float[] y = new float[n];
        for (int j = 0; j < n; j++) {
            y[j] = (float) acc[j] + outB[j];
        }
        float sigmaScale = (float) (semantics.sigmaTimesSqrtT() ? Math.sqrt(t) : t);
        float[] pen = softmax(y, 0, 3, t);
        float[] pi = softmax(y, 3, m, t);
        float[] muX = new float[m];
        float[] muY = new float[m];
        float[] sx = new float[m];
        float[] sy = new float[m];
        float[] corr = new float[m];
        for (int k = 0; k < m; k++) {
            muX[k] = y[3 + m + k];
            muY[k] = y[3 + 2 * m + k];
            sx[k] = (float) Math.exp(y[3 + 3 * m + k]) * sigmaScale;
            sy[k] = (float) Math.exp(y[3 + 4 * m + k]) * sigmaScale;
            corr[k] = (float) Math.tanh(y[3 + 5 * m + k]);
        }
        return new Mdn(pi, muX, muY, sx, sy, corr, pen);
    }

    private static void accumulate(double[] acc, float[] in, float[] w, int cols) {
        for (int r = 0; r < in.length; r++) {
            double v = in[r];
            if (v == 0) {
                continue;
            }
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                acc[j] += v * w[base + j];
            }
        }
    }

    private static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    private static float[] softmax(float[] y, int from, int count, double t) {
        float[] z = new float[count];
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            z[k] = (float) (y[from + k] / t);
            max = Math.max(max, z[k]);
        }
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += Math.exp(z[k] - max);
        }
        float[] p = new float[count];
        for (int k = 0; k < count; k++) {
            p[k] = (float) (Math.exp(z[k] - max) / sum);
        }
        return p;
    }
}
