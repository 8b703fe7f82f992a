package sketchrnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GEMM variant of both implementations against a double-precision reference, over odd shapes, shapes
 * that cross the vector kernel's blocking (k > 256, m > 256, partial column panels), offsets and padded
 * leading dimensions. Padding around the operands is NaN, so a read outside a matrix shows up; padding
 * around C is a sentinel that must survive. The native bf16 products join where the CPU has AVX512_BF16, with a
 * tolerance for their rounding of the operands.
 */
class GemmTest {
    private static final float SENTINEL = 12345.5f;

    static Stream<Kernels> implementations() {
        List<Kernels> list = new ArrayList<>();
        list.add(new ScalarKernels());
        Kernels vector = KernelSelection.vectorOrNull();
        assertThat(vector).as("Surefire runs with --add-modules jdk.incubator.vector").isNotNull();
        list.add(vector);
        if (NativeBf16.AVAILABLE) { // Linux x86-64 with AVX512_BF16; elsewhere this row is absent
            list.add(new NativeBf16Kernels(vector));
        }
        return list.stream();
    }

    private static final int[][] SHAPES = {
        // m, n, k
        {1, 1, 1}, {1, 3, 7}, {3, 1, 7}, {7, 17, 3}, {17, 7, 1}, {4, 48, 5}, {5, 49, 13}, {8, 96, 256},
        {9, 97, 257}, {13, 123, 31}, {3, 5, 600}, {33, 47, 130}, {2, 200, 3}, {270, 19, 21}, {259, 21, 260}, {307, 5, 270}, {6, 1, 513},
        {1, 64, 100}, {11, 33, 0}, {5, 80, 9}, {7, 88, 300}, {12, 144, 2}, {6, 256, 40},
    };

    private enum Variant { NN, NT, TN }

    @ParameterizedTest
    @MethodSource("implementations")
    void nnMatchesReference(Kernels impl) {
        run(impl, Variant.NN);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void ntMatchesReference(Kernels impl) {
        run(impl, Variant.NT);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void tnMatchesReference(Kernels impl) {
        run(impl, Variant.TN);
    }

    private static void run(Kernels impl, Variant v) {
        SplittableRandom rng = new SplittableRandom(42 + v.ordinal());
        for (int[] s : SHAPES) {
            for (boolean acc : new boolean[] {false, true}) {
                for (int layout = 0; layout < 2; layout++) {
                    check(impl, v, s[0], s[1], s[2], acc, layout == 0 ? 0 : 1 + rng.nextInt(9), layout == 0 ? 0 : 1 + rng.nextInt(5),
                            rng);
                }
            }
        }
    }

    /**
     * One product: operands at a random offset with {@code pad} extra elements per row (tight when 0).
     */
    private static void check(Kernels impl, Variant v, int m, int n, int k, boolean acc, int off, int pad,
            SplittableRandom rng) {
        String what = impl.name() + " " + v + " m=" + m + " n=" + n + " k=" + k + " acc=" + acc + " off=" + off + " pad=" + pad;
        // stored shapes
        int aRows = v == Variant.TN ? k : m, aCols = v == Variant.TN ? m : k;
        int bRows = v == Variant.NT ? n : k, bCols = v == Variant.NT ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        int aOff = off, bOff = off + 1, cOff = off + 2;
        float[] a = filled(aOff, aRows, aCols, lda, Float.NaN, rng);
        float[] b = filled(bOff, bRows, bCols, ldb, Float.NaN, rng);
        float[] c = filled(cOff, m, n, ldc, SENTINEL, rng);
        if (!acc) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] = Float.NaN; // must be overwritten, not scaled by 0
                }
            }
        }
        float[] c0 = c.clone();
        switch (v) {
            case NN -> impl.nn(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
            case NT -> impl.nt(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
            case TN -> impl.tn(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
        }
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside) {
                if (c[idx] != c0[idx]) {
                    fail(what + ": C padding at " + idx + " changed to " + c[idx]);
                }
                continue;
            }
            int i = rel / ldc, j = rel % ldc;
            double sum = acc ? c0[idx] : 0.0;
            double abs = acc ? Math.abs(c0[idx]) : 0.0;
            for (int p = 0; p < k; p++) {
                float x = v == Variant.TN ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                float y = v == Variant.NT ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                sum += (double) x * y;
                abs += Math.abs((double) x * y);
            }
            // fp32: rounding of k sums. bf16: each operand rounded to 8 significant bits (relative error up to 2^-8
            // each), so every product is off by at most about 2^-7 of its size, on top of the fp32 sums.
            double tol = (k + 2) * 1.2e-7 * abs + (impl instanceof NativeBf16Kernels ? 0x1p-7 * 1.01 * abs : 0.0) + 1e-30;
            if (!(Math.abs(c[idx] - sum) <= tol)) {
                fail(what + ": C[" + i + "][" + j + "] = " + c[idx] + ", want " + sum + " ± " + tol);
            }
        }
    }

    /** An array with a rows×cols matrix at off (leading dimension ld) of values in [-1, 1), the rest {@code fill}. */
    private static float[] filled(int off, int rows, int cols, int ld, float fill, SplittableRandom rng) {
        float[] x = new float[off + rows * ld + 3];
        java.util.Arrays.fill(x, fill);
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                x[off + r * ld + col] = (float) (rng.nextDouble() * 2 - 1);
            }
        }
        return x;
    }

    @org.junit.jupiter.api.Test
    void bf16ProductsRoundTheOperandsAndTurnOff() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Gemm.bf16Available(),
                () -> "native bf16 products unavailable here: " + Gemm.bf16UnavailableReason());
        // 1 + 2^-10 is not a bf16 value: rounded to 1, so the bf16 product of (1 + 2^-10)·1 is exactly 1.
        float x = 1f + 0x1p-10f;
        float[] a = {x}, b = {1f}, c = new float[1];
        try {
            assertThat(Gemm.useBf16(true)).isTrue();
            assertThat(Gemm.implementation()).contains("bf16");
            Gemm.nn(1, 1, 1, a, 0, 1, b, 0, 1, c, 0, 1, false);
            assertThat(c[0]).isEqualTo(1f);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gemm.nn(2, 1, 1, a, 0, 1, b, 0, 1, c, 0, 1, false))
                    .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        } finally {
            Gemm.useBf16(false);
        }
        Gemm.nn(1, 1, 1, a, 0, 1, b, 0, 1, c, 0, 1, false);
        assertThat(c[0]).isEqualTo(x);
    }

    @org.junit.jupiter.api.Test
    void packedRightHandSidesGiveTheSameProducts() {
        SplittableRandom rng = new SplittableRandom(9);
        int m = 7, n = 70, k = 37, ldb = 75;
        float[] a = filled(0, m, k, k, 0f, rng), b = filled(3, k, n, ldb, Float.NaN, rng);
        float[] plain = new float[m * n], packed = new float[m * n];
        for (boolean bf16 : new boolean[] {false, true}) {
            if (bf16 && !Gemm.useBf16(true)) {
                continue; // no AVX512_BF16 here: the fp32 half is the test
            }
            try (Gemm.PackedB p = Gemm.pack(k, n, b, 3, ldb)) {
                Gemm.nn(m, n, k, a, 0, k, b, 3, ldb, plain, 0, n, false);
                java.util.Arrays.fill(packed, 1f);
                Gemm.nn(m, n, k, a, 0, k, p, packed, 0, n, true);
                for (int i = 0; i < packed.length; i++) {
                    assertThat(packed[i]).as("bf16=" + bf16 + " at " + i).isEqualTo(plain[i] + 1f,
                            org.assertj.core.api.Assertions.within(1e-5f));
                }
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gemm.nn(m, n - 1, k, a, 0, k, p, packed, 0, n, false))
                        .isInstanceOf(IllegalArgumentException.class);
            } finally {
                Gemm.useBf16(false);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void facadeMatchesScalarAndReportsImplementation() {
        assertThat(Gemm.implementation()).startsWith("vector");
        SplittableRandom rng = new SplittableRandom(7);
        int m = 5, n = 37, k = 19;
        float[] a = filled(0, m, k, k, 0f, rng), b = filled(0, k, n, n, 0f, rng);
        float[] c1 = new float[m * n], c2 = new float[m * n];
        Gemm.nn(m, n, k, a, 0, k, b, 0, n, c1, 0, n, false);
        new ScalarKernels().nn(m, n, k, a, 0, k, b, 0, n, c2, 0, n, false);
        for (int i = 0; i < c1.length; i++) {
            assertThat(c1[i]).isCloseTo(c2[i], org.assertj.core.api.Assertions.within(1e-4f));
        }
    }
}
