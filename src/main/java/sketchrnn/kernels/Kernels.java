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

    /** See {@link CellKernels#inputRow}. */
    void inputRow(float[] y, int yOff, float[] k, int kOff, float[] w, int terms, float x0, int w0, float x1, int w1,
            float x2, int w2, int n);

    /** See {@link CellKernels#cellState}. */
    void cellState(int h, float[] act, int p, float[] c, int cPrevOff, int cNextOff, float[] m, int mOff);

    /** See {@link CellKernels#multiply}. */
    void multiply(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n);

    /** See {@link CellKernels#normalise}. */
    float normalise(float[] v, int o, int n, float eps);

    /** See {@link CellKernels#normaliseBackward}. */
    void normaliseBackward(float[] g, int go, float[] xHat, int xo, float rstd, float[] out, int oo, int n);

    /** See {@link CellKernels#affine}. */
    void affine(float[] x, int xo, float[] gamma, int go, float[] beta, int bo, float[] out, int oo, int n);

    /** See {@link CellKernels#affineBackward}. */
    void affineBackward(float[] d, int dOff, float[] xHat, int xo, float[] gamma, int go, float[] grad, int ggo, int gbo, int n);

    /** See {@link CellKernels#lstmBackwardRow}. */
    void lstmBackwardRow(int h, float[] act, int p, float[] dh, int dhOff, float[] tanhC, int tcOff, float[] c, int cOff,
            float[] dc, int dcOff, float[] m, int mOff, float[] grad, int biasOff, float[] daSum, int sumOff);

    /** "scalar" or "vector(...)" with the species, for logs. */
    String name();
}
