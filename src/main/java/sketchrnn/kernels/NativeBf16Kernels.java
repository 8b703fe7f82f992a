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
}
