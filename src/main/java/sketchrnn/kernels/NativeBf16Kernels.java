package sketchrnn.kernels;

/**
 * The native bf16 products ({@link NativeBf16}) as a {@link Kernels}, with another implementation's
 * activations: for benchmarks and tests that compare implementations side by side. {@link Gemm} calls
 * {@link NativeBf16} directly when bf16 is on.
 */
final class NativeBf16Kernels implements Kernels {
    private final Kernels activations;

    NativeBf16Kernels(Kernels activations) {
        this.activations = activations;
    }

    @Override
    public void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
            boolean accumulate) {
        NativeBf16.gemm(0, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    @Override
    public void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
            boolean accumulate) {
        NativeBf16.gemm(1, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    @Override
    public void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
            boolean accumulate) {
        NativeBf16.gemm(2, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        activations.sigmoid(x, xOff, y, yOff, n);
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        activations.tanh(x, xOff, y, yOff, n);
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        activations.exp(x, xOff, y, yOff, n);
    }

    @Override
    public String name() {
        return "native bf16";
    }

    @Override
    public void inputRow(float[] y, int yOff, float[] k, int kOff, float[] w, int terms, float x0, int w0, float x1, int w1,
            float x2, int w2, int n) {
        activations.inputRow(y, yOff, k, kOff, w, terms, x0, w0, x1, w1, x2, w2, n);
    }

    @Override
    public void cellState(int h, float[] act, int p, float[] c, int cPrevOff, int cNextOff, float[] m, int mOff) {
        activations.cellState(h, act, p, c, cPrevOff, cNextOff, m, mOff);
    }

    @Override
    public void multiply(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        activations.multiply(x, xOff, y, yOff, out, outOff, n);
    }

    @Override
    public float normalise(float[] v, int o, int n, float eps) {
        return activations.normalise(v, o, n, eps);
    }

    @Override
    public void normaliseBackward(float[] g, int go, float[] xHat, int xo, float rstd, float[] out, int oo, int n) {
        activations.normaliseBackward(g, go, xHat, xo, rstd, out, oo, n);
    }

    @Override
    public void affine(float[] x, int xo, float[] gamma, int go, float[] beta, int bo, float[] out, int oo, int n) {
        activations.affine(x, xo, gamma, go, beta, bo, out, oo, n);
    }

    @Override
    public void affineBackward(float[] d, int dOff, float[] xHat, int xo, float[] gamma, int go, float[] grad, int ggo, int gbo,
            int n) {
        activations.affineBackward(d, dOff, xHat, xo, gamma, go, grad, ggo, gbo, n);
    }

    @Override
    public void lstmBackwardRow(int h, float[] act, int p, float[] dh, int dhOff, float[] tanhC, int tcOff, float[] c, int cOff,
            float[] dc, int dcOff, float[] m, int mOff, float[] grad, int biasOff, float[] daSum, int sumOff) {
        activations.lstmBackwardRow(h, act, p, dh, dhOff, tanhC, tcOff, c, cOff, dc, dcOff, m, mOff, grad, biasOff, daSum, sumOff);
    }
}
