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
    /** Products in bf16 (native, AVX512_BF16) instead of fp32; see {@link #useBf16}. */
    private static volatile boolean bf16 = false;
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
        product(NN, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
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
        product(NT, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * A right-hand matrix B (k×n) prepared once for many products A·B, as the recurrent weights W_h are over the
     * steps of one pass. With bf16 products on, B is rounded and packed into native memory once, instead of on
     * every product; otherwise it is only a reference to the array. B must not change while this is in use.
     * Close it when done (it frees the native copy).
     */
    public static final class PackedB implements AutoCloseable {
        final int k;
        final int n;
        final float[] b;
        final int bOff;
        final int ldb;
        private long bf16;

        private PackedB(int k, int n, float[] b, int bOff, int ldb, long bf16) {
            this.k = k;
            this.n = n;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.bf16 = bf16;
        }

        @Override
        public void close() {
            if (bf16 != 0L) {
                NativeBf16.free(bf16);
                bf16 = 0L;
            }
        }
    }

    /**
     * Prepares B (k×n: element (p, j) at {@code b[bOff + p*ldb + j]}) for {@link #nn(int, int, int, float[], int, int,
     * PackedB, float[], int, int, boolean)}, in the precision in force now.
     */
    public static PackedB pack(int k, int n, float[] b, int bOff, int ldb) {
        check(1, n, k);
        long p = 0L;
        if (bf16 && k > 0 && n > 0) {
            within(b, bOff, ldb, k, n, "B");
            p = NativeBf16.pack(k, n, b, bOff, ldb);
        }
        return new PackedB(k, n, b, bOff, ldb, p);
    }

    /** {@link #nn(int, int, int, float[], int, int, float[], int, int, float[], int, int, boolean)} with a prepared B. */
    public static void nn(int m, int n, int k, float[] a, int aOff, int lda, PackedB b, float[] c, int cOff, int ldc,
            boolean accumulate) {
        if (b.k != k || b.n != n) {
            throw new IllegalArgumentException("packed B is " + b.k + "x" + b.n + ", the product needs " + k + "x" + n);
        }
        if (b.bf16 == 0L) {
            nn(m, n, k, a, aOff, lda, b.b, b.bOff, b.ldb, c, cOff, ldc, accumulate);
            return;
        }
        check(m, n, k);
        if (m == 0) {
            return;
        }
        within(a, aOff, lda, m, k, "A");
        within(c, cOff, ldc, m, n, "C");
        long t0 = begin();
        NativeBf16.gemmPacked(m, n, k, a, aOff, lda, b.bf16, c, cOff, ldc, accumulate);
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
        product(TN, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * Whether this CPU can run the bf16 products: Linux x86-64 with AVX512_BF16, and the native library built
     * (gcc at compile time).
     */
    public static boolean bf16Available() {
        return NativeBf16.AVAILABLE;
    }

    /** Why {@link #bf16Available()} is false, in words for a log line; null when it is true. */
    public static String bf16UnavailableReason() {
        return NativeBf16.AVAILABLE ? null : NativeBf16.unavailableReason;
    }

    /**
     * Turns bf16 products on or off for every later call in this JVM. On: both operands are rounded to bf16 (8
     * significant bits, round to nearest even) and the sums are fp32, about twice as fast on CPUs with
     * AVX512_BF16. Off (the default): fp32 throughout.
     *
     * @return whether bf16 products are now on (false when asked for but not {@link #bf16Available()})
     */
    public static boolean useBf16(boolean on) {
        bf16 = on && NativeBf16.AVAILABLE;
        return bf16;
    }

    /** Whether bf16 products are on. */
    public static boolean bf16() {
        return bf16;
    }

    /**
     * Which implementation runs: {@code "scalar"}, or {@code "vector"} followed by the preferred species in
     * parentheses, e.g. {@code "vector (16 x float, 512 bits)"}. For logs and benchmarks.
     */
    public static String implementation() {
        return bf16 ? "native bf16 (AVX512_BF16)" : K.name();
    }

    /**
     * The native code cannot throw {@code ArrayIndexOutOfBoundsException}: every element it will touch is checked
     * here first (the last one of each operand, all dimensions being positive).
     */
    private static void checkBounds(int mode, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc) {
        long aRows = mode == 2 ? k : m, aCols = mode == 2 ? m : k;
        long bRows = mode == 1 ? n : k, bCols = mode == 1 ? k : n;
        within(a, aOff, lda, aRows, aCols, "A");
        within(b, bOff, ldb, bRows, bCols, "B");
        within(c, cOff, ldc, m, n, "C");
    }

    private static void within(float[] x, int off, int ld, long rows, long cols, String name) {
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = off + (rows - 1) * (long) ld + cols - 1;
        if (off < 0 || ld < cols || last >= x.length) {
            throw new ArrayIndexOutOfBoundsException(name + ": " + rows + "x" + cols + " from " + off + " with leading dimension "
                    + ld + " exceeds an array of " + x.length);
        }
    }

    /** Layouts of the products, as {@link NativeBf16#gemm} numbers them. */
    private static final int NN = 0, NT = 1, TN = 2;

    /** One product of layout {@code mode} (NN, NT or TN) on the implementation in force, timed when profiling. */
    private static void product(int mode, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        check(m, n, k);
        if (m == 0 || n == 0) {
            return;
        }
        long t0 = begin();
        if (bf16) {
            checkBounds(mode, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            NativeBf16.gemm(mode, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else if (mode == NN) {
            K.nn(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else if (mode == NT) {
            K.nt(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            K.tn(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
        end(t0, m, n, k);
    }

    private static void check(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension: m=" + m + " n=" + n + " k=" + k);
        }
    }
}
