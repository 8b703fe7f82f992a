package sketchrnn.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Loaded only through {@link KernelSelection} (reflection), so that nothing touches
 * {@code jdk.incubator.vector} on a JVM without the module.
 *
 * <p>GEMM: BLIS-like blocking. The k dimension is cut into blocks of {@link #KC}, m into equal blocks of at
 * most {@link #MC} rows. For each (k, m) block the rows of A (whatever A's layout: row-major for nn/nt,
 * transposed for tn) are packed into panels of {@link #MR} rows interleaved by p ({@code panel[p*MR + r]}),
 * so the micro-kernel reads A sequentially whatever the source strides. Columns go in blocks of 3 vectors
 * ({@link #NR}), the rest in one block of 1 to 3 vectors. B is read in place when it is row-major (nn, tn)
 * and the block is full; for nt, and for a partial last block, a kc×(block) panel of B is packed
 * (transposed, zero-padded) into scratch. The micro-kernel keeps an MR×(block) tile of C in registers over
 * the whole k block (6×3 vectors: per p, 3 vector loads of B, 6 broadcasts of A, 18 FMAs; 18 + 3 + 1 of the
 * 32 AVX-512 registers) and adds it to C, which is cleared first when not accumulating (a zero-or-load merge
 * of the accumulators kept C2 from keeping them in registers: 45 instead of 70+ GFLOP/s). Partial tiles
 * (row or column edges) run the same kernels on a scratch tile that is copied back.
 *
 * <p>Activations: exp by range reduction (x = n·ln2 + r, Cody-Waite split of ln2) and the Cephes degree-7
 * polynomial with FMA, the 2^n scale built in the exponent bits; sigmoid = 1/(1 + exp(-x)); tanh by an odd
 * polynomial for |x| &lt; 0.625 and 1 - 2/(exp(2|x|) + 1) above. The JDK's lanewise EXP/TANH are not used:
 * they are intrinsified on Java 17 but not on Java 25 (ten times slower there). Measured against
 * StrictMath over [-100, 100]: exp 8.4e-8 relative error on [-87, 88], sigmoid 8.9e-8 and tanh 7.2e-8
 * absolute.
 *
 * <p>JIT: the class starts a background warm-up when loaded (see {@code warmUp()}).
 */
final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of C per micro-tile. */
    static final int MR = 6;
    /** Columns of C per micro-tile: three vectors (two or one at the right edge). */
    static final int NR = 3 * L;
    /** k block: a kc×NR panel of B (48 KB with 512-bit vectors at 256) stays in L1/L2. */
    static final int KC = 256;
    /**
     * Largest m block (a multiple of MR): an mc×kc packed A block (300 KB at 300×256) stays in L2. m is cut
     * into equal blocks of at most MC rows (m = 256 is one block, 1024 four of 258, 258, 258, 250).
     */
    static final int MC = 300;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per-thread work space: packed A block, packed B panel, C edge tile. */
    static final class Scratch {
        final float[] ap = new float[(MC + MR - 1) / MR * MR * KC]; // whole panels of MR rows
        final float[] bp = new float[KC * NR];
        final float[] tile = new float[MR * NR];
    }

    /** Calls of each kernel in {@link #warmUp()}; 0 turns the warm-up off ({@code -Dsketchrnn.kernels.warmup=0}). */
    static final int WARM_UP_CALLS = Integer.getInteger("sketchrnn.kernels.warmup", 8000);

    private static final Thread WARM_UP = startWarmUp();

    private static Thread startWarmUp() {
        if (WARM_UP_CALLS <= 0) {
            return null;
        }
        Thread t = new Thread(VectorKernels::warmUp, "sketchrnn-kernels-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Waits until the warm-up thread is done (for benchmarks). */
    static void awaitWarmUp() throws InterruptedException {
        if (WARM_UP != null) {
            WARM_UP.join();
        }
    }

    /**
     * Calls every micro-kernel and activation loop on tiny operands, in a background daemon thread started
     * when this class is loaded, often enough that C2 compiles them early. Vector API code that runs in the
     * interpreter or C1 is 100 to 1000 times slower than compiled code, and the rarely called kernels (the 1-
     * and 2-vector column edges, a few calls per product) would otherwise stay there for seconds: a 100×256
     * by 256×1024 product measured 3 GFLOP/s in its first two seconds instead of 90. The warm-up costs one
     * core for about 2-3 s.
     */
    private static void warmUp() {
        int kc = 1;
        float[] a = new float[MR * kc];
        float[] b = new float[kc * NR];
        float[] c = new float[MR * NR];
        float[] x = new float[L + 3];
        VectorKernels k = new VectorKernels();
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            kernel6x3(kc, a, 0, b, 0, NR, c, 0, NR);
            kernel6x2(kc, a, 0, b, 0, NR, c, 0, NR);
            kernel6x1(kc, a, 0, b, 0, NR, c, 0, NR);
            if (i % 2 == 0) {
                k.exp(x, 0, x, 0, x.length);
                k.sigmoid(x, 0, x, 0, x.length);
                k.tanh(x, 0, x, 0, x.length);
            }
        }
    }

    @Override
    public String name() {
        return "vector (" + L + " x float, " + S.vectorBitSize() + " bits)";
    }

    // ---------------------------------------------------------------- GEMM drivers

    @Override
    public void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        // A(i, p) = a[aOff + i*lda + p]; B(p, j) = b[bOff + p*ldb + j]
        gemm(m, n, k, a, aOff, lda, 1, b, bOff, ldb, false, c, cOff, ldc, accumulate);
    }

    @Override
    public void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        // B(p, j) = b[bOff + j*ldb + p]: packed (transposed) panel by panel
        gemm(m, n, k, a, aOff, lda, 1, b, bOff, ldb, true, c, cOff, ldc, accumulate);
    }

    @Override
    public void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        // A(i, p) = a[aOff + p*lda + i]
        gemm(m, n, k, a, aOff, 1, lda, b, bOff, ldb, false, c, cOff, ldc, accumulate);
    }

    /**
     * C (+)= A·B with A(i, p) = a[aOff + i*ars + p*acs] and B(p, j) = b[bOff + p*ldb + j], or b[bOff + j*ldb +
     * p] when {@code bTransposed}.
     */
    private static void gemm(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
            boolean bTransposed, float[] c, int cOff, int ldc, boolean accumulate) {
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        Scratch s = SCRATCH.get();
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            boolean load = accumulate || p0 > 0;
            int mBlocks = (m + MC - 1) / MC;
            int mStep = ((m + mBlocks - 1) / mBlocks + MR - 1) / MR * MR;
            for (int i0 = 0; i0 < m; i0 += mStep) {
                int mc = Math.min(mStep, m - i0);
                packA(mc, kc, a, aOff + i0 * ars + p0 * acs, ars, acs, s.ap);
                for (int j0 = 0; j0 < n;) {
                    // column block: 3 vectors while possible, then one block of 1 to 3 vectors for the rest
                    // (partial, zero-padded B, when the rest is not a multiple of L: n = 123 is 48 + 48 + 27→32)
                    int rem = n - j0;
                    int nv = Math.min(3, (rem + L - 1) / L);
                    int w = nv * L;
                    int nc = Math.min(w, rem);
                    float[] bb;
                    int bo;
                    int bs;
                    if (bTransposed) {
                        packBt(kc, nc, b, bOff + j0 * ldb + p0, ldb, s.bp, w);
                        bb = s.bp;
                        bo = 0;
                        bs = w;
                    } else if (nc < w) {
                        packB(kc, nc, b, bOff + p0 * ldb + j0, ldb, s.bp, w);
                        bb = s.bp;
                        bo = 0;
                        bs = w;
                    } else {
                        bb = b;
                        bo = bOff + p0 * ldb + j0;
                        bs = ldb;
                    }
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = Math.min(MR, mc - ir);
                        int co = cOff + (i0 + ir) * ldc + j0;
                        if (mr == MR && nc == w) {
                            if (!load) {
                                for (int r = 0; r < MR; r++) {
                                    Arrays.fill(c, co + r * ldc, co + r * ldc + w, 0f);
                                }
                            }
                            kernel(nv, kc, s.ap, ir * kc, bb, bo, bs, c, co, ldc);
                        } else {
                            // edge tile (rows past m are zero in the packed A, columns past n zero in the packed B)
                            float[] t = s.tile;
                            Arrays.fill(t, 0f);
                            if (load) {
                                for (int r = 0; r < mr; r++) {
                                    System.arraycopy(c, co + r * ldc, t, r * NR, nc);
                                }
                            }
                            kernel(nv, kc, s.ap, ir * kc, bb, bo, bs, t, 0, NR);
                            for (int r = 0; r < mr; r++) {
                                System.arraycopy(t, r * NR, c, co + r * ldc, nc);
                            }
                        }
                    }
                    j0 += nc;
                }
            }
        }
    }

    /**
     * Packs the mc×kc block A(i, p) = a[off + i*rs + p*cs] into panels of MR rows: panel q holds rows
     * q*MR.. at dst[q*MR*kc + p*MR + r]; rows past mc are zero.
     */
    private static void packA(int mc, int kc, float[] a, int off, int rs, int cs, float[] dst) {
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int base = i0 * kc;
            int mr = Math.min(MR, mc - i0);
            if (cs == 1) {
                // A row-major (nn, nt): read rows sequentially, scatter into the interleaved panel
                for (int r = 0; r < mr; r++) {
                    int src = off + (i0 + r) * rs;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * MR + r] = a[src + p];
                    }
                }
            } else if (rs == 1 && mr == MR) {
                // A stored transposed (tn): MR consecutive elements of each row p
                for (int p = 0; p < kc; p++) {
                    int d = base + p * MR;
                    int q = off + i0 + p * cs;
                    for (int r = 0; r < MR; r++) {
                        dst[d + r] = a[q + r];
                    }
                }
                continue;
            } else {
                for (int r = 0; r < mr; r++) {
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * MR + r] = a[off + (i0 + r) * rs + p * cs];
                    }
                }
            }
            for (int r = mr; r < MR; r++) {
                for (int p = 0; p < kc; p++) {
                    dst[base + p * MR + r] = 0f;
                }
            }
        }
    }

    /** Packs B(p, j) = b[off + p*ldb + j], p < kc, j < nc, into dst[p*w + j], zero-padded to w columns. */
    private static void packB(int kc, int nc, float[] b, int off, int ldb, float[] dst, int w) {
        for (int p = 0; p < kc; p++) {
            System.arraycopy(b, off + p * ldb, dst, p * w, nc);
            Arrays.fill(dst, p * w + nc, p * w + w, 0f);
        }
    }

    /** Packs B(p, j) = b[off + j*ldb + p] (B stored transposed), p < kc, j < nc, into dst[p*w + j], zero-padded. */
    private static void packBt(int kc, int nc, float[] b, int off, int ldb, float[] dst, int w) {
        if (nc < w) {
            Arrays.fill(dst, 0, kc * w, 0f);
        }
        int j = 0;
        for (; j + 3 < nc; j += 4) {
            int s0 = off + j * ldb, s1 = s0 + ldb, s2 = s1 + ldb, s3 = s2 + ldb;
            for (int p = 0; p < kc; p++) {
                int d = p * w + j;
                dst[d] = b[s0 + p];
                dst[d + 1] = b[s1 + p];
                dst[d + 2] = b[s2 + p];
                dst[d + 3] = b[s3 + p];
            }
        }
        for (; j < nc; j++) {
            int s0 = off + j * ldb;
            for (int p = 0; p < kc; p++) {
                dst[p * w + j] = b[s0 + p];
            }
        }
    }

    /**
     * The 6×(3 vectors) micro-kernel: C[6×3L] += Ap[6×kc]·B[kc×3L] with Ap packed (ap[apOff + p*6 + r])
     * and B(p, v*L + l) = b[bOff + p*ldb + v*L + l]; C(r, j) at c[cOff + r*ldc + j].
     */
    private static void kernel6x3(int kc, float[] ap, int apOff, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc) {
        int o0 = cOff + 0 * ldc;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, o0 + 0 * L);
        FloatVector c01 = FloatVector.fromArray(S, c, o0 + 1 * L);
        FloatVector c02 = FloatVector.fromArray(S, c, o0 + 2 * L);
        FloatVector c10 = FloatVector.fromArray(S, c, o1 + 0 * L);
        FloatVector c11 = FloatVector.fromArray(S, c, o1 + 1 * L);
        FloatVector c12 = FloatVector.fromArray(S, c, o1 + 2 * L);
        FloatVector c20 = FloatVector.fromArray(S, c, o2 + 0 * L);
        FloatVector c21 = FloatVector.fromArray(S, c, o2 + 1 * L);
        FloatVector c22 = FloatVector.fromArray(S, c, o2 + 2 * L);
        FloatVector c30 = FloatVector.fromArray(S, c, o3 + 0 * L);
        FloatVector c31 = FloatVector.fromArray(S, c, o3 + 1 * L);
        FloatVector c32 = FloatVector.fromArray(S, c, o3 + 2 * L);
        FloatVector c40 = FloatVector.fromArray(S, c, o4 + 0 * L);
        FloatVector c41 = FloatVector.fromArray(S, c, o4 + 1 * L);
        FloatVector c42 = FloatVector.fromArray(S, c, o4 + 2 * L);
        FloatVector c50 = FloatVector.fromArray(S, c, o5 + 0 * L);
        FloatVector c51 = FloatVector.fromArray(S, c, o5 + 1 * L);
        FloatVector c52 = FloatVector.fromArray(S, c, o5 + 2 * L);
        for (int p = 0; p < kc; p++) {
            int bo = bOff + p * ldb;
            int ao = apOff + p * 6;
            FloatVector b0 = FloatVector.fromArray(S, b, bo + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L);
            FloatVector x0 = FloatVector.broadcast(S, ap[ao + 0]);
            c00 = b0.fma(x0, c00);
            c01 = b1.fma(x0, c01);
            c02 = b2.fma(x0, c02);
            FloatVector x1 = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(x1, c10);
            c11 = b1.fma(x1, c11);
            c12 = b2.fma(x1, c12);
            FloatVector x2 = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(x2, c20);
            c21 = b1.fma(x2, c21);
            c22 = b2.fma(x2, c22);
            FloatVector x3 = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(x3, c30);
            c31 = b1.fma(x3, c31);
            c32 = b2.fma(x3, c32);
            FloatVector x4 = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = b0.fma(x4, c40);
            c41 = b1.fma(x4, c41);
            c42 = b2.fma(x4, c42);
            FloatVector x5 = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = b0.fma(x5, c50);
            c51 = b1.fma(x5, c51);
            c52 = b2.fma(x5, c52);
        }
        c00.intoArray(c, o0 + 0 * L);
        c01.intoArray(c, o0 + 1 * L);
        c02.intoArray(c, o0 + 2 * L);
        c10.intoArray(c, o1 + 0 * L);
        c11.intoArray(c, o1 + 1 * L);
        c12.intoArray(c, o1 + 2 * L);
        c20.intoArray(c, o2 + 0 * L);
        c21.intoArray(c, o2 + 1 * L);
        c22.intoArray(c, o2 + 2 * L);
        c30.intoArray(c, o3 + 0 * L);
        c31.intoArray(c, o3 + 1 * L);
        c32.intoArray(c, o3 + 2 * L);
        c40.intoArray(c, o4 + 0 * L);
        c41.intoArray(c, o4 + 1 * L);
        c42.intoArray(c, o4 + 2 * L);
        c50.intoArray(c, o5 + 0 * L);
        c51.intoArray(c, o5 + 1 * L);
        c52.intoArray(c, o5 + 2 * L);
    }

    /**
     * The 6×(2 vectors) micro-kernel: C[6×2L] += Ap[6×kc]·B[kc×2L] with Ap packed (ap[apOff + p*6 + r])
     * and B(p, v*L + l) = b[bOff + p*ldb + v*L + l]; C(r, j) at c[cOff + r*ldc + j].
     */
    private static void kernel6x2(int kc, float[] ap, int apOff, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc) {
        int o0 = cOff + 0 * ldc;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, o0 + 0 * L);
        FloatVector c01 = FloatVector.fromArray(S, c, o0 + 1 * L);
        FloatVector c10 = FloatVector.fromArray(S, c, o1 + 0 * L);
        FloatVector c11 = FloatVector.fromArray(S, c, o1 + 1 * L);
        FloatVector c20 = FloatVector.fromArray(S, c, o2 + 0 * L);
        FloatVector c21 = FloatVector.fromArray(S, c, o2 + 1 * L);
        FloatVector c30 = FloatVector.fromArray(S, c, o3 + 0 * L);
        FloatVector c31 = FloatVector.fromArray(S, c, o3 + 1 * L);
        FloatVector c40 = FloatVector.fromArray(S, c, o4 + 0 * L);
        FloatVector c41 = FloatVector.fromArray(S, c, o4 + 1 * L);
        FloatVector c50 = FloatVector.fromArray(S, c, o5 + 0 * L);
        FloatVector c51 = FloatVector.fromArray(S, c, o5 + 1 * L);
        for (int p = 0; p < kc; p++) {
            int bo = bOff + p * ldb;
            int ao = apOff + p * 6;
            FloatVector b0 = FloatVector.fromArray(S, b, bo + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + 1 * L);
            FloatVector x0 = FloatVector.broadcast(S, ap[ao + 0]);
            c00 = b0.fma(x0, c00);
            c01 = b1.fma(x0, c01);
            FloatVector x1 = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(x1, c10);
            c11 = b1.fma(x1, c11);
            FloatVector x2 = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(x2, c20);
            c21 = b1.fma(x2, c21);
            FloatVector x3 = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(x3, c30);
            c31 = b1.fma(x3, c31);
            FloatVector x4 = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = b0.fma(x4, c40);
            c41 = b1.fma(x4, c41);
            FloatVector x5 = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = b0.fma(x5, c50);
            c51 = b1.fma(x5, c51);
        }
        c00.intoArray(c, o0 + 0 * L);
        c01.intoArray(c, o0 + 1 * L);
        c10.intoArray(c, o1 + 0 * L);
        c11.intoArray(c, o1 + 1 * L);
        c20.intoArray(c, o2 + 0 * L);
        c21.intoArray(c, o2 + 1 * L);
        c30.intoArray(c, o3 + 0 * L);
        c31.intoArray(c, o3 + 1 * L);
        c40.intoArray(c, o4 + 0 * L);
        c41.intoArray(c, o4 + 1 * L);
        c50.intoArray(c, o5 + 0 * L);
        c51.intoArray(c, o5 + 1 * L);
    }

    /**
     * The 6×(1 vector) micro-kernel: C[6×1L] += Ap[6×kc]·B[kc×1L] with Ap packed (ap[apOff + p*6 + r])
     * and B(p, v*L + l) = b[bOff + p*ldb + v*L + l]; C(r, j) at c[cOff + r*ldc + j].
     */
    private static void kernel6x1(int kc, float[] ap, int apOff, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc) {
        int o0 = cOff + 0 * ldc;
        int o1 = cOff + 1 * ldc;
        int o2 = cOff + 2 * ldc;
        int o3 = cOff + 3 * ldc;
        int o4 = cOff + 4 * ldc;
        int o5 = cOff + 5 * ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, o0 + 0 * L);
        FloatVector c10 = FloatVector.fromArray(S, c, o1 + 0 * L);
        FloatVector c20 = FloatVector.fromArray(S, c, o2 + 0 * L);
        FloatVector c30 = FloatVector.fromArray(S, c, o3 + 0 * L);
        FloatVector c40 = FloatVector.fromArray(S, c, o4 + 0 * L);
        FloatVector c50 = FloatVector.fromArray(S, c, o5 + 0 * L);
        for (int p = 0; p < kc; p++) {
            int bo = bOff + p * ldb;
            int ao = apOff + p * 6;
            FloatVector b0 = FloatVector.fromArray(S, b, bo + 0 * L);
            FloatVector x0 = FloatVector.broadcast(S, ap[ao + 0]);
            c00 = b0.fma(x0, c00);
            FloatVector x1 = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = b0.fma(x1, c10);
            FloatVector x2 = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = b0.fma(x2, c20);
            FloatVector x3 = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = b0.fma(x3, c30);
            FloatVector x4 = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = b0.fma(x4, c40);
            FloatVector x5 = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = b0.fma(x5, c50);
        }
        c00.intoArray(c, o0 + 0 * L);
        c10.intoArray(c, o1 + 0 * L);
        c20.intoArray(c, o2 + 0 * L);
        c30.intoArray(c, o3 + 0 * L);
        c40.intoArray(c, o4 + 0 * L);
        c50.intoArray(c, o5 + 0 * L);
    }

    /** The MR×(nv vectors) micro-kernel. */
    private static void kernel(int nv, int kc, float[] ap, int apOff, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc) {
        switch (nv) {
            case 3 -> kernel6x3(kc, ap, apOff, b, bOff, ldb, c, cOff, ldc);
            case 2 -> kernel6x2(kc, ap, apOff, b, bOff, ldb, c, cOff, ldc);
            default -> kernel6x1(kc, ap, apOff, b, bOff, ldb, c, cOff, ldc);
        }
    }

    // ---------------------------------------------------------------- activations

    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split: the high part has few bits so that n*LN2_HI is exact for |n| ≤ 2^8. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds a float of magnitude < 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = 0x4B400000;
    /** exp is evaluated on x clamped to [EXP_MIN, EXP_MAX]: exp(EXP_MIN) rounds to 0, exp(EXP_MAX) to +Inf. */
    private static final float EXP_MIN = -104f;
    private static final float EXP_MAX = 89f;
    // Cephes expf polynomial: exp(r) ≈ 1 + r + r²·P(r) on |r| ≤ ln2/2.
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    // Cephes tanhf odd polynomial for |x| < 0.625: tanh(x) ≈ x + x·z·Q(z), z = x².
    private static final float TANH_SMALL = 0.625f;
    private static final float Q0 = -5.70498872745e-3f;
    private static final float Q1 = 2.06390887954e-2f;
    private static final float Q2 = -5.37397155531e-2f;
    private static final float Q3 = 1.33314422036e-1f;
    private static final float Q4 = -3.33332819422e-1f;

    /** One Horner step: p·x + c. */
    private static FloatVector horner(FloatVector p, FloatVector x, float c) {
        return p.fma(x, x.broadcast(c));
    }

    /**
     * exp on a vector: x = n·ln2 + r with n = round(x·log2 e) and |r| ≤ ln2/2, exp(r) by the polynomial,
     * times 2^n applied as two factors 2^(n>>1)·2^(n-(n>>1)) built in the exponent bits (so that both stay
     * normal while the product overflows to +Inf above ~88.72 and goes subnormal, then 0, below ~-87.3).
     * NaN propagates (through max/min and the arithmetic).
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = xc.fma(LOG2E, ROUND_MAGIC);
        FloatVector n = t.sub(ROUND_MAGIC);
        FloatVector r = n.fma(xc.broadcast(-LN2_HI), xc);
        r = n.fma(xc.broadcast(-LN2_LO), r);
        FloatVector p = horner(horner(horner(horner(r.fma(P0, P1), r, P2), r, P3), r, P4), r, P5);
        p = p.fma(r.mul(r), r).add(1f);
        IntVector ni = t.reinterpretAsInts().sub(ROUND_MAGIC_BITS);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** sigmoid(x) = 1 / (1 + exp(-x)); exp(-x) = +Inf gives exactly 0, exp(-x) = 0 gives exactly 1. */
    static FloatVector sigmoid(FloatVector x) {
        return x.broadcast(1f).div(exp(x.neg()).add(1f));
    }

    /**
     * tanh: the odd polynomial for |x| &lt; 0.625, else sign(x)·(1 - 2/(exp(2|x|) + 1)), which is exactly ±1
     * once exp overflows. NaN propagates through the second form.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector z = x.mul(x);
        FloatVector q = horner(horner(horner(z.fma(Q0, Q1), z, Q2), z, Q3), z, Q4);
        FloatVector small = x.mul(z).fma(q, x);
        FloatVector a = x.abs();
        FloatVector e = exp(a.add(a));
        FloatVector big = x.broadcast(1f).sub(x.broadcast(2f).div(e.add(1f)));
        big = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
        return big.blend(small, a.compare(VectorOperators.LT, TANH_SMALL));
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            exp(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            exp(FloatVector.fromArray(S, x, xOff + i, mask)).intoArray(y, yOff + i, mask);
        }
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            sigmoid(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            sigmoid(FloatVector.fromArray(S, x, xOff + i, mask)).intoArray(y, yOff + i, mask);
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            tanh(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> mask = S.indexInRange(i, n);
            tanh(FloatVector.fromArray(S, x, xOff + i, mask)).intoArray(y, yOff + i, mask);
        }
    }

    @Override
    public void inputRow(float[] y, int yOff, float[] k, int kOff, float[] w, int terms, float x0, int w0, float x1, int w1,
            float x2, int w2, int n) {
        if (terms == 0) {
            System.arraycopy(k, kOff, y, yOff, n);
            return;
        }
        FloatVector bx0 = FloatVector.broadcast(S, x0);
        FloatVector bx1 = FloatVector.broadcast(S, x1);
        FloatVector bx2 = FloatVector.broadcast(S, x2);
        int u = 0;
        for (int end = S.loopBound(n); u < end; u += L) {
            FloatVector v = FloatVector.fromArray(S, w, w0 + u).fma(bx0, FloatVector.fromArray(S, k, kOff + u));
            if (terms > 1) {
                v = FloatVector.fromArray(S, w, w1 + u).fma(bx1, v);
            }
            if (terms > 2) {
                v = FloatVector.fromArray(S, w, w2 + u).fma(bx2, v);
            }
            v.intoArray(y, yOff + u);
        }
        for (; u < n; u++) {
            float v = k[kOff + u] + x0 * w[w0 + u];
            if (terms > 1) {
                v += x1 * w[w1 + u];
            }
            if (terms > 2) {
                v += x2 * w[w2 + u];
            }
            y[yOff + u] = v;
        }
    }

    @Override
    public void cellState(int h, float[] act, int p, float[] c, int cPrevOff, int cNextOff, float[] m, int mOff) {
        int u = 0;
        for (int end = S.loopBound(h); u < end; u += L) {
            FloatVector ij = FloatVector.fromArray(S, act, p + u).mul(FloatVector.fromArray(S, act, p + h + u));
            if (m != null) {
                ij = ij.mul(FloatVector.fromArray(S, m, mOff + u));
            }
            FloatVector.fromArray(S, c, cPrevOff + u).fma(FloatVector.fromArray(S, act, p + 2 * h + u), ij)
                    .intoArray(c, cNextOff + u);
        }
        if (u < h) { // the rest, as the scalar kernel computes it
            SCALAR.cellStateFrom(u, h, act, p, c, cPrevOff, cNextOff, m, mOff);
        }
    }

    @Override
    public void multiply(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, y, yOff + i)).intoArray(out, outOff + i);
        }
        SCALAR.multiply(x, xOff + i, y, yOff + i, out, outOff + i, n - i);
    }

    @Override
    public float normalise(float[] v, int o, int n, float eps) {
        int end = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        int u = 0;
        for (; u < end; u += L) {
            acc = acc.add(FloatVector.fromArray(S, v, o + u));
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; u < n; u++) {
            s += v[o + u];
        }
        float mean = s / n;
        FloatVector vm = FloatVector.broadcast(S, mean);
        FloatVector q = FloatVector.zero(S);
        for (u = 0; u < end; u += L) {
            FloatVector d = FloatVector.fromArray(S, v, o + u).sub(vm);
            q = d.fma(d, q);
        }
        float qs = q.reduceLanes(VectorOperators.ADD);
        for (; u < n; u++) {
            float d = v[o + u] - mean;
            qs += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(qs / n + eps));
        FloatVector vr = FloatVector.broadcast(S, rstd);
        for (u = 0; u < end; u += L) {
            FloatVector.fromArray(S, v, o + u).sub(vm).mul(vr).intoArray(v, o + u);
        }
        for (; u < n; u++) {
            v[o + u] = (v[o + u] - mean) * rstd;
        }
        return rstd;
    }

    @Override
    public void normaliseBackward(float[] g, int go, float[] xHat, int xo, float rstd, float[] out, int oo, int n) {
        int end = S.loopBound(n);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        int u = 0;
        for (; u < end; u += L) {
            FloatVector gv = FloatVector.fromArray(S, g, go + u);
            a1 = a1.add(gv);
            a2 = gv.fma(FloatVector.fromArray(S, xHat, xo + u), a2);
        }
        float s1 = a1.reduceLanes(VectorOperators.ADD);
        float s2 = a2.reduceLanes(VectorOperators.ADD);
        for (; u < n; u++) {
            s1 += g[go + u];
            s2 += g[go + u] * xHat[xo + u];
        }
        float m1 = s1 / n;
        float m2 = s2 / n;
        FloatVector vm1 = FloatVector.broadcast(S, m1);
        FloatVector vm2 = FloatVector.broadcast(S, -m2);
        FloatVector vr = FloatVector.broadcast(S, rstd);
        for (u = 0; u < end; u += L) {
            FloatVector gv = FloatVector.fromArray(S, g, go + u).sub(vm1);
            FloatVector.fromArray(S, xHat, xo + u).fma(vm2, gv).mul(vr).intoArray(out, oo + u);
        }
        for (; u < n; u++) {
            out[oo + u] = rstd * (g[go + u] - m1 - xHat[xo + u] * m2);
        }
    }

    @Override
    public void affine(float[] x, int xo, float[] gamma, int go, float[] beta, int bo, float[] out, int oo, int n) {
        int u = 0;
        for (int end = S.loopBound(n); u < end; u += L) {
            FloatVector.fromArray(S, x, xo + u).fma(FloatVector.fromArray(S, gamma, go + u), FloatVector.fromArray(S, beta, bo + u))
                    .intoArray(out, oo + u);
        }
        SCALAR.affine(x, xo + u, gamma, go + u, beta, bo + u, out, oo + u, n - u);
    }

    @Override
    public void affineBackward(float[] d, int dOff, float[] xHat, int xo, float[] gamma, int go, float[] grad, int ggo, int gbo,
            int n) {
        int u = 0;
        for (int end = S.loopBound(n); u < end; u += L) {
            FloatVector v = FloatVector.fromArray(S, d, dOff + u);
            v.fma(FloatVector.fromArray(S, xHat, xo + u), FloatVector.fromArray(S, grad, ggo + u)).intoArray(grad, ggo + u);
            FloatVector.fromArray(S, grad, gbo + u).add(v).intoArray(grad, gbo + u);
            v.mul(FloatVector.fromArray(S, gamma, go + u)).intoArray(d, dOff + u);
        }
        SCALAR.affineBackward(d, dOff + u, xHat, xo + u, gamma, go + u, grad, ggo + u, gbo + u, n - u);
    }

    @Override
    public void lstmBackwardRow(int h, float[] act, int p, float[] dh, int dhOff, float[] tanhC, int tcOff, float[] c, int cOff,
            float[] dc, int dcOff, float[] m, int mOff, float[] grad, int biasOff, float[] daSum, int sumOff) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        int u = 0;
        for (int end = S.loopBound(h); u < end; u += L) {
            FloatVector dhv = FloatVector.fromArray(S, dh, dhOff + u);
            FloatVector tc = FloatVector.fromArray(S, tanhC, tcOff + u);
            FloatVector o = FloatVector.fromArray(S, act, p + 3 * h + u);
            FloatVector i = FloatVector.fromArray(S, act, p + u);
            FloatVector tj = FloatVector.fromArray(S, act, p + h + u);
            FloatVector f = FloatVector.fromArray(S, act, p + 2 * h + u);
            FloatVector dho = dhv.mul(o);
            FloatVector dcv = dho.mul(tc.fma(tc.neg(), one)).add(FloatVector.fromArray(S, dc, dcOff + u)); // dc + dh·o(1-tc²)
            FloatVector dcm = m == null ? dcv : dcv.mul(FloatVector.fromArray(S, m, mOff + u));
            FloatVector dai = dcm.mul(tj).mul(i.fma(i.neg(), i));                                            // i - i² = i(1-i)
            FloatVector daj = dcm.mul(i).mul(tj.fma(tj.neg(), one));
            FloatVector daf = dcv.mul(FloatVector.fromArray(S, c, cOff + u)).mul(f.fma(f.neg(), f));
            FloatVector dao = dho.mul(tc).mul(o.neg().add(1f));
            dcv.mul(f).intoArray(dc, dcOff + u);
            dai.intoArray(act, p + u);
            daj.intoArray(act, p + h + u);
            daf.intoArray(act, p + 2 * h + u);
            dao.intoArray(act, p + 3 * h + u);
            FloatVector.fromArray(S, grad, biasOff + u).add(dai).intoArray(grad, biasOff + u);
            FloatVector.fromArray(S, grad, biasOff + h + u).add(daj).intoArray(grad, biasOff + h + u);
            FloatVector.fromArray(S, grad, biasOff + 2 * h + u).add(daf).intoArray(grad, biasOff + 2 * h + u);
            FloatVector.fromArray(S, grad, biasOff + 3 * h + u).add(dao).intoArray(grad, biasOff + 3 * h + u);
            if (daSum != null) {
                FloatVector.fromArray(S, daSum, sumOff + u).add(dai).intoArray(daSum, sumOff + u);
                FloatVector.fromArray(S, daSum, sumOff + h + u).add(daj).intoArray(daSum, sumOff + h + u);
                FloatVector.fromArray(S, daSum, sumOff + 2 * h + u).add(daf).intoArray(daSum, sumOff + 2 * h + u);
                FloatVector.fromArray(S, daSum, sumOff + 3 * h + u).add(dao).intoArray(daSum, sumOff + 3 * h + u);
            }
        }
        if (u < h) { // the rest, as the scalar kernel computes it
            SCALAR.lstmBackwardRowFrom(u, h, act, p, dh, dhOff, tanhC, tcOff, c, cOff, dc, dcOff, m, mOff, grad, biasOff, daSum,
                    sumOff);
        }
    }

    private static final ScalarKernels SCALAR = new ScalarKernels();
}
