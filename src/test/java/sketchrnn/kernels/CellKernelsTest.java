package sketchrnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused cell passes of both implementations against the formulas in double precision, at sizes with and
 * without a vector remainder, at offsets, with and without a dropout mask and a row sum.
 */
class CellKernelsTest {
    static java.util.stream.Stream<Kernels> implementations() {
        return GemmTest.implementations().filter(k -> !(k instanceof NativeBf16Kernels));
    }

    private static final int[] SIZES = {1, 7, 16, 33, 256};

    private static float[] random(SplittableRandom rng, int n, double lo, double hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (lo + (hi - lo) * rng.nextDouble());
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void lstmBackwardRowFollowsTheFormulas(Kernels impl) {
        SplittableRandom rng = new SplittableRandom(3);
        for (int h : SIZES) {
            for (boolean masked : new boolean[] {false, true}) {
                for (boolean summed : new boolean[] {false, true}) {
                    int p = 3, off = 5;
                    float[] act = random(rng, p + 4 * h + 2, 0.01, 0.99);       // σ(a_i), tanh(a_j) > 0 here, σ(a_f), σ(a_o)
                    for (int u = 0; u < h; u++) {
                        act[p + h + u] = (float) (2 * rng.nextDouble() - 1);  // tanh(a_j) in (-1, 1)
                    }
                    float[] dh = random(rng, off + h, -1, 1), tanhC = random(rng, off + h, -1, 1);
                    float[] c = random(rng, off + h, -2, 2), dc = random(rng, off + h, -1, 1);
                    float[] m = masked ? random(rng, off + h, 0, 2) : null;
                    float[] grad = random(rng, 3 + 4 * h, -1, 1), sum = summed ? random(rng, 1 + 4 * h, -1, 1) : null;
                    float[] act0 = act.clone(), dc0 = dc.clone(), grad0 = grad.clone(), sum0 = summed ? sum.clone() : null;
                    impl.lstmBackwardRow(h, act, p, dh, off, tanhC, off, c, off, dc, off, m, off, grad, 2, sum, 1);
                    for (int u = 0; u < h; u++) {
                        double i = act0[p + u], tj = act0[p + h + u], f = act0[p + 2 * h + u], o = act0[p + 3 * h + u];
                        double tc = tanhC[off + u], dhv = dh[off + u], mv = masked ? m[off + u] : 1;
                        double dcv = dc0[off + u] + dhv * o * (1 - tc * tc);
                        double[] da = {dcv * tj * mv * i * (1 - i), dcv * i * mv * (1 - tj * tj),
                            dcv * c[off + u] * f * (1 - f), dhv * tc * o * (1 - o)};
                        String what = impl.name() + " h=" + h + " masked=" + masked + " u=" + u;
                        assertThat((double) dc[off + u]).as(what + " dc").isCloseTo(dcv * f, within(1e-5));
                        for (int g = 0; g < 4; g++) {
                            assertThat((double) act[p + g * h + u]).as(what + " da " + g).isCloseTo(da[g], within(1e-5));
                            assertThat((double) grad[2 + g * h + u]).as(what + " db " + g)
                                    .isCloseTo(grad0[2 + g * h + u] + da[g], within(1e-5));
                            if (summed) {
                                assertThat((double) sum[1 + g * h + u]).as(what + " sum " + g)
                                        .isCloseTo(sum0[1 + g * h + u] + da[g], within(1e-5));
                            }
                        }
                    }
                    assertThat(act[p - 1]).isEqualTo(act0[p - 1]);
                    assertThat(act[p + 4 * h]).isEqualTo(act0[p + 4 * h]);
                    assertThat(grad[1]).isEqualTo(grad0[1]);
                    assertThat(grad[2 + 4 * h]).as("past the bias").isEqualTo(grad0[2 + 4 * h]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void inputRowAddsUpToThreeTerms(Kernels impl) {
        SplittableRandom rng = new SplittableRandom(4);
        for (int n : new int[] {1, 15, 16, 37, 1024}) {
            for (int terms = 0; terms <= 3; terms++) {
                float[] k = random(rng, 2 + n, -1, 1), w = random(rng, 3 * n + 7, -1, 1);
                float[] y = new float[n + 4];
                y[3 + n] = 42f;
                float x0 = 0.5f, x1 = -1.25f, x2 = 2f;
                int w0 = 7, w1 = 7 + n, w2 = 7 + 2 * n - 3;
                impl.inputRow(y, 3, k, 2, w, terms, x0, w0, x1, w1, x2, w2, n);
                for (int u = 0; u < n; u++) {
                    double want = k[2 + u] + (terms > 0 ? x0 * (double) w[w0 + u] : 0) + (terms > 1 ? x1 * (double) w[w1 + u] : 0)
                            + (terms > 2 ? x2 * (double) w[w2 + u] : 0);
                    assertThat((double) y[3 + u]).as(impl.name() + " n=" + n + " terms=" + terms + " u=" + u)
                            .isCloseTo(want, within(1e-5));
                }
                assertThat(y[3 + n]).isEqualTo(42f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void cellStateAndProduct(Kernels impl) {
        SplittableRandom rng = new SplittableRandom(6);
        for (int h : SIZES) {
            for (boolean masked : new boolean[] {false, true}) {
                int p = 1, off = 2;
                float[] act = random(rng, p + 3 * h, -1, 1), c = random(rng, off + 2 * h + 1, -2, 2);
                float[] m = masked ? random(rng, off + h, 0, 2) : null;
                float[] c0 = c.clone();
                impl.cellState(h, act, p, c, off, off + h, m, off);
                float[] out = new float[h + 2];
                out[h + 1] = 9f;
                impl.multiply(act, p, c0, off, out, 1, h);
                for (int u = 0; u < h; u++) {
                    double want = c0[off + u] * (double) act[p + 2 * h + u]
                            + act[p + u] * (double) act[p + h + u] * (masked ? m[off + u] : 1);
                    assertThat((double) c[off + h + u]).as(impl.name() + " h=" + h + " u=" + u).isCloseTo(want, within(1e-5));
                    assertThat((double) out[1 + u]).isCloseTo(act[p + u] * (double) c0[off + u], within(1e-6));
                }
                assertThat(c[off + 2 * h]).isEqualTo(c0[off + 2 * h]);
                assertThat(out[0]).isZero();
                assertThat(out[h + 1]).isEqualTo(9f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void layerNormAndItsBackwardPass(Kernels impl) {
        SplittableRandom rng = new SplittableRandom(8);
        for (int n : SIZES) {
            if (n == 1) {
                continue;
            }
            int o = 2;
            float[] v = random(rng, o + n + 1, -3, 5), v0 = v.clone();
            float rstd = impl.normalise(v, o, n, 1e-3f);
            double mean = 0, var = 0;
            for (int u = 0; u < n; u++) {
                mean += v0[o + u];
            }
            mean /= n;
            for (int u = 0; u < n; u++) {
                var += (v0[o + u] - mean) * (v0[o + u] - mean);
            }
            var /= n;
            double r = 1 / Math.sqrt(var + 1e-3);
            assertThat((double) rstd).isCloseTo(r, within(1e-5 * r));
            for (int u = 0; u < n; u++) {
                assertThat((double) v[o + u]).as(impl.name() + " n=" + n + " u=" + u).isCloseTo((v0[o + u] - mean) * r, within(1e-5));
            }
            assertThat(v[o + n]).isEqualTo(v0[o + n]);
            // backward, written over g: against the formula in double
            float[] g = random(rng, 1 + n, -1, 1), g0 = g.clone();
            impl.normaliseBackward(g, 1, v, o, rstd, g, 1, n);
            double m1 = 0, m2 = 0;
            for (int u = 0; u < n; u++) {
                m1 += g0[1 + u];
                m2 += g0[1 + u] * (double) v[o + u];
            }
            m1 /= n;
            m2 /= n;
            for (int u = 0; u < n; u++) {
                assertThat((double) g[1 + u]).isCloseTo(rstd * (g0[1 + u] - m1 - v[o + u] * m2), within(1e-5));
            }
            // gain and shift, forward and backward
            float[] gamma = random(rng, 3 + n, 0.5, 1.5), beta = random(rng, 1 + n, -1, 1), out = new float[n];
            impl.affine(v, o, gamma, 3, beta, 1, out, 0, n);
            float[] d = random(rng, n, -1, 1), d0 = d.clone(), grad = random(rng, 2 * n + 1, -1, 1), grad0 = grad.clone();
            impl.affineBackward(d, 0, v, o, gamma, 3, grad, 0, n + 1, n);
            for (int u = 0; u < n; u++) {
                assertThat((double) out[u]).isCloseTo(v[o + u] * (double) gamma[3 + u] + beta[1 + u], within(1e-5));
                assertThat((double) grad[u]).isCloseTo(grad0[u] + d0[u] * (double) v[o + u], within(1e-5));
                assertThat((double) grad[n + 1 + u]).isCloseTo(grad0[n + 1 + u] + d0[u], within(1e-6));
                assertThat((double) d[u]).isCloseTo(d0[u] * (double) gamma[3 + u], within(1e-6));
            }
            assertThat(grad[n]).isEqualTo(grad0[n]);
        }
    }

    @Test
    void theFacadeRefusesMoreThanThreeTerms() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CellKernels.inputRow(new float[4], 0, new float[4], 0,
                new float[4], 4, 0, 0, 0, 0, 0, 0, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
