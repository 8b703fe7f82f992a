package sketchrnn.kernels;

import java.util.Arrays;

/**
 * Plain Java kernels: the reference and fallback when the Vector API is not available. Loop orders are
 * chosen so that the innermost loop runs over contiguous memory (C2 auto-vectorises the AXPY loops).
 */
final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    private static void clear(int m, int n, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
    }

    // C[m×n] (+)= A[m×k]·B[k×n]: row i of C accumulates A[i][p]·(row p of B).
    @Override
    public void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        if (!accumulate) {
            clear(m, n, c, cOff, ldc);
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            int ai = aOff + i * lda;
            for (int p = 0; p < k; p++) {
                float x = a[ai + p];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        }
    }

    // C[m×n] (+)= A[m×k]·Bᵀ, B stored n×k: C[i][j] = dot(row i of A, row j of B).
    @Override
    public void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                int p = 0;
                for (; p + 3 < k; p += 4) {
                    s0 += a[ai + p] * b[bj + p];
                    s1 += a[ai + p + 1] * b[bj + p + 1];
                    s2 += a[ai + p + 2] * b[bj + p + 2];
                    s3 += a[ai + p + 3] * b[bj + p + 3];
                }
                for (; p < k; p++) {
                    s0 += a[ai + p] * b[bj + p];
                }
                float s = (s0 + s1) + (s2 + s3);
                c[ci + j] = accumulate ? c[ci + j] + s : s;
            }
        }
    }

    // C[m×n] (+)= Aᵀ·B, A stored k×m: for each p, C += (row p of A)ᵀ ⊗ (row p of B).
    @Override
    public void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
            int ldc, boolean accumulate) {
        if (!accumulate) {
            clear(m, n, c, cOff, ldc);
        }
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * lda;
            int bp = bOff + p * ldb;
            for (int i = 0; i < m; i++) {
                float x = a[ap + i];
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        }
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) (1.0 / (1.0 + Math.exp(-(double) x[xOff + i])));
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.exp(x[xOff + i]);
        }
    }

    @Override
    public void inputRow(float[] y, int yOff, float[] k, int kOff, float[] w, int terms, float x0, int w0, float x1, int w1,
            float x2, int w2, int n) {
        switch (terms) {
            case 0 -> System.arraycopy(k, kOff, y, yOff, n);
            case 1 -> {
                for (int u = 0; u < n; u++) {
                    y[yOff + u] = k[kOff + u] + x0 * w[w0 + u];
                }
            }
            case 2 -> {
                for (int u = 0; u < n; u++) {
                    y[yOff + u] = k[kOff + u] + x0 * w[w0 + u] + x1 * w[w1 + u];
                }
            }
            default -> {
                for (int u = 0; u < n; u++) {
                    y[yOff + u] = k[kOff + u] + x0 * w[w0 + u] + x1 * w[w1 + u] + x2 * w[w2 + u];
                }
            }
        }
    }

    @Override
    public void cellState(int h, float[] act, int p, float[] c, int cPrevOff, int cNextOff, float[] m, int mOff) {
        cellStateFrom(0, h, act, p, c, cPrevOff, cNextOff, m, mOff);
    }

    /** {@link #cellState} for the units {@code from..h-1} only (the vector kernel's remainder). */
    void cellStateFrom(int from, int h, float[] act, int p, float[] c, int cPrevOff, int cNextOff, float[] m, int mOff) {
        for (int u = from; u < h; u++) {
            float ij = act[p + u] * act[p + h + u];
            c[cNextOff + u] = c[cPrevOff + u] * act[p + 2 * h + u] + (m == null ? ij : ij * m[mOff + u]);
        }
    }

    @Override
    public void multiply(float[] x, int xOff, float[] y, int yOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public float normalise(float[] v, int o, int n, float eps) {
        float s = 0;
        for (int u = 0; u < n; u++) {
            s += v[o + u];
        }
        float mean = s / n;
        float q = 0;
        for (int u = 0; u < n; u++) {
            float d = v[o + u] - mean;
            q += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(q / n + eps));
        for (int u = 0; u < n; u++) {
            v[o + u] = (v[o + u] - mean) * rstd;
        }
        return rstd;
    }

    @Override
    public void normaliseBackward(float[] g, int go, float[] xHat, int xo, float rstd, float[] out, int oo, int n) {
        float s1 = 0;
        float s2 = 0;
        for (int u = 0; u < n; u++) {
            s1 += g[go + u];
            s2 += g[go + u] * xHat[xo + u];
        }
        float m1 = s1 / n;
        float m2 = s2 / n;
        for (int u = 0; u < n; u++) {
            out[oo + u] = rstd * (g[go + u] - m1 - xHat[xo + u] * m2);
        }
    }

    @Override
    public void affine(float[] x, int xo, float[] gamma, int go, float[] beta, int bo, float[] out, int oo, int n) {
        for (int u = 0; u < n; u++) {
            out[oo + u] = x[xo + u] * gamma[go + u] + beta[bo + u];
        }
    }

    @Override
    public void affineBackward(float[] d, int dOff, float[] xHat, int xo, float[] gamma, int go, float[] grad, int ggo, int gbo,
            int n) {
        for (int u = 0; u < n; u++) {
            float v = d[dOff + u];
            grad[ggo + u] += v * xHat[xo + u];
            grad[gbo + u] += v;
            d[dOff + u] = v * gamma[go + u];
        }
    }

    @Override
    public void lstmBackwardRow(int h, float[] act, int p, float[] dh, int dhOff, float[] tanhC, int tcOff, float[] c, int cOff,
            float[] dc, int dcOff, float[] m, int mOff, float[] grad, int biasOff, float[] daSum, int sumOff) {
        lstmBackwardRowFrom(0, h, act, p, dh, dhOff, tanhC, tcOff, c, cOff, dc, dcOff, m, mOff, grad, biasOff, daSum, sumOff);
    }

    /** {@link #lstmBackwardRow} for the units {@code from..h-1} only (the vector kernel's remainder). */
    void lstmBackwardRowFrom(int from, int h, float[] act, int p, float[] dh, int dhOff, float[] tanhC, int tcOff, float[] c,
            int cOff, float[] dc, int dcOff, float[] m, int mOff, float[] grad, int biasOff, float[] daSum, int sumOff) {
        for (int u = from; u < h; u++) {
            float dhv = dh[dhOff + u];
            float tc = tanhC[tcOff + u];
            float o = act[p + 3 * h + u];
            float i = act[p + u];
            float tj = act[p + h + u];
            float f = act[p + 2 * h + u];
            float mv = m == null ? 1f : m[mOff + u];
            float dcv = dc[dcOff + u] + dhv * o * (1 - tc * tc);
            float dai = dcv * tj * mv * i * (1 - i);
            float daj = dcv * i * mv * (1 - tj * tj);
            float daf = dcv * c[cOff + u] * f * (1 - f);
            float dao = dhv * tc * o * (1 - o);
            dc[dcOff + u] = dcv * f;
            act[p + u] = dai;
            act[p + h + u] = daj;
            act[p + 2 * h + u] = daf;
            act[p + 3 * h + u] = dao;
            grad[biasOff + u] += dai;
            grad[biasOff + h + u] += daj;
            grad[biasOff + 2 * h + u] += daf;
            grad[biasOff + 3 * h + u] += dao;
            if (daSum != null) {
                daSum[sumOff + u] += dai;
                daSum[sumOff + h + u] += daj;
                daSum[sumOff + 2 * h + u] += daf;
                daSum[sumOff + 3 * h + u] += dao;
            }
        }
    }
}
