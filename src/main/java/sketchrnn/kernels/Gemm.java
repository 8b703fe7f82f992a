package sketchrnn.kernels;

/**
 * Single-precision matrix products on row-major {@code float[]} storage.
 *
 * <p>Every matrix is addressed by an array, an offset of its element (0, 0) and a leading dimension (the
 * distance between the starts of two consecutive rows, at least the row length). The products are computed
 * on the calling thread; calls from different threads are independent (scratch buffers are thread-local).
 * {@code c} must not overlap {@code a} or {@code b}. With {@code k == 0} the product is zero, so C is left
 * as is when accumulating and cleared otherwise.
 *
 * <p>The implementation is chosen once per JVM: Vector API kernels when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, plain Java otherwise or with {@code -Dsketchrnn.kernels=scalar}.
 */
public final class Gemm {
    private static final Kernels K = KernelSelection.INSTANCE;
    private static volatile boolean profiling;
    private static final java.util.concurrent.atomic.LongAdder NANOS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder FLOPS = new java.util.concurrent.atomic.LongAdder();

    /** Time and floating-point operations of every product from now on, summed over threads (benchmarks). */
    public static void startProfile() {
        NANOS.reset();
        FLOPS.reset();
        profiling = true;
    }

    /** {@code [nanoseconds, flops]} since {@link #startProfile}, summed over the threads that ran products. */
    public static long[] profile() {
        return new long[] {NANOS.sum(), FLOPS.sum()};
    }

    private static long begin() {
        return profiling ? System.nanoTime() : 0L;
    }

    private static void end(long t0, int m, int n, int k) {
        if (t0 != 0L) {
            NANOS.add(System.nanoTime() - t0);
            FLOPS.add(2L * m * n * k);
        }
    }

    private Gemm() {}

    /**
     * C[m×n] = (accumulate ? C : 0) + A[m×k]·B[k×n].
     *
     * @param a A, m×k: element (i, p) at {@code a[aOff + i*lda + p]}
     * @param b B, k×n: element (p, j) at {@code b[bOff + p*ldb + j]}
     * @param c C, m×n: element (i, j) at {@code c[cOff + i*ldc + j]}
     * @param accumulate add the product to C instead of overwriting it
     */
    public static void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
            int cOff, int ldc, boolean accumulate) {
        check(m, n, k);
        if (m == 0 || n == 0) {
            return;
        }
        long t0 = begin();
        K.nn(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        end(t0, m, n, k);
    }

    /**
     * C[m×n] = (accumulate ? C : 0) + A[m×k]·Bᵀ, where B is stored n×k.
     *
     * @param a A, m×k: element (i, p) at {@code a[aOff + i*lda + p]}
     * @param b B, n×k: element (j, p) at {@code b[bOff + j*ldb + p]}
     * @param c C, m×n: element (i, j) at {@code c[cOff + i*ldc + j]}
     * @param accumulate add the product to C instead of overwriting it
     */
    public static void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
            int cOff, int ldc, boolean accumulate) {
        check(m, n, k);
        if (m == 0 || n == 0) {
            return;
        }
        long t0 = begin();
        K.nt(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        end(t0, m, n, k);
    }

    /**
     * C[m×n] = (accumulate ? C : 0) + Aᵀ·B, where A is stored k×m (weight gradients: k is the long batch×time
     * dimension).
     *
     * @param a A, k×m: element (p, i) at {@code a[aOff + p*lda + i]}
     * @param b B, k×n: element (p, j) at {@code b[bOff + p*ldb + j]}
     * @param c C, m×n: element (i, j) at {@code c[cOff + i*ldc + j]}
     * @param accumulate add the product to C instead of overwriting it
     */
    public static void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c,
            int cOff, int ldc, boolean accumulate) {
        check(m, n, k);
        if (m == 0 || n == 0) {
            return;
        }
        long t0 = begin();
        K.tn(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        end(t0, m, n, k);
    }

    /**
     * Which implementation runs: {@code "scalar"}, or {@code "vector"} followed by the preferred species in
     * parentheses, e.g. {@code "vector (16 x float, 512 bits)"}. For logs and benchmarks.
     */
    public static String implementation() {
        return K.name();
    }

    private static void check(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension: m=" + m + " n=" + n + " k=" + k);
        }
    }
}
