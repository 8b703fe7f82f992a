package sketchrnn.kernels;

/**
 * One implementation of the kernels (scalar or Vector API). The public facades {@link Gemm} and
 * {@link Activations} delegate to the instance chosen once by {@link KernelSelection}. Argument
 * meanings are those of the facades.
 */
interface Kernels {
    void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
            boolean accumulate);

    void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
            boolean accumulate);

    void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc,
            boolean accumulate);

    void sigmoid(float[] x, int xOff, float[] y, int yOff, int n);

    void tanh(float[] x, int xOff, float[] y, int yOff, int n);

    void exp(float[] x, int xOff, float[] y, int yOff, int n);

    /** "scalar" or "vector(...)" with the species, for logs. */
    String name();
}
