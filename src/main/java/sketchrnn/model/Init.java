package sketchrnn.model;

import java.util.SplittableRandom;

/**
 * How a parameter starts, as the reference TensorFlow code initialises it (rnn.py / model.py). Values are
 * drawn in double precision from a {@link SplittableRandom}, so a model is the same for the same seed on
 * every machine, independent of the engine's random number generator.
 */
sealed interface Init {

    /** Fills {@code out} (row-major, {@code rows x cols}; {@code rows = 1} for a vector). */
    void fill(double[] out, int rows, int cols, SplittableRandom rng);

    /** A constant: zeros for biases, ones for layer-norm gains, HyperLSTM's fixed starts. */
    record Constant(double value) implements Init {
        @Override
        public void fill(double[] out, int rows, int cols, SplittableRandom rng) {
            java.util.Arrays.fill(out, value);
        }
    }

    /** N(0, std^2), TF's random_normal_initializer (not truncated): mu/sigma/init-state layers, HyperLSTM's zb. */
    record Gaussian(double std) implements Init {
        @Override
        public void fill(double[] out, int rows, int cols, SplittableRandom rng) {
            for (int k = 0; k < out.length; k++) {
                out[k] = std * StrictRandom.gaussian(rng);
            }
        }
    }

    /**
     * TF1's default for variables created without an initialiser (W_xh, output_w and output_b): uniform in
     * +-sqrt(6 / (fan_in + fan_out)); a vector of n has fan_in = fan_out = n.
     */
    record GlorotUniform() implements Init {
        @Override
        public void fill(double[] out, int rows, int cols, SplittableRandom rng) {
            int fanIn = rows == 1 ? cols : rows;
            double limit = Math.sqrt(6.0 / (fanIn + cols));
            for (int k = 0; k < out.length; k++) {
                out[k] = rng.nextDouble(-limit, limit);
            }
        }
    }

    /**
     * The reference's LSTM recurrent initialiser: the matrix {@code (n, 4n)} is four gate blocks
     * {@code (n, n)} side by side, each an independent random orthogonal matrix.
     */
    record OrthogonalPerGate() implements Init {
        @Override
        public void fill(double[] out, int rows, int cols, SplittableRandom rng) {
            int block = cols / 4;
            SplittableRandom[] streams = {rng.split(), rng.split(), rng.split(), rng.split()};
            java.util.stream.IntStream.range(0, 4).parallel().forEach(g -> { // 2048-unit blocks take seconds each
                double[] q = orthogonal(rows, block, streams[g]);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(q, r * block, out, r * cols + g * block, block);
                }
            });
        }
    }

    /**
     * A random {@code rows x cols} matrix with orthonormal columns (or rows, when wider than tall): the
     * rows of a Gaussian matrix orthonormalised by modified Gram-Schmidt, which gives the same (Haar)
     * distribution as the reference's SVD of a Gaussian matrix.
     */
    static double[] orthogonal(int rows, int cols, SplittableRandom rng) {
        int n = Math.max(rows, cols);
        int k = Math.min(rows, cols);
        double[][] v = new double[k][n];
        for (double[] row : v) {
            for (int j = 0; j < n; j++) {
                row[j] = StrictRandom.gaussian(rng);
            }
        }
        for (int i = 0; i < k; i++) {
            double[] vi = v[i];
            // one pass suffices: a Gaussian matrix is well enough conditioned (loss of orthogonality
            // ~ 1e-16 * condition number, ~1e-12 at 2048 units)
            for (int p = 0; p < i; p++) {
                double[] vp = v[p];
                double dot = dot(vi, vp);
                for (int j = 0; j < n; j++) {
                    vi[j] -= dot * vp[j];
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += vi[j] * vi[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                vi[j] /= norm;
            }
        }
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = rows <= cols ? v[r][c] : v[c][r];
            }
        }
        return out;
    }

    /** Dot product with four independent sums, so that the JIT can pipeline it (large inits take seconds). */
    private static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < a.length; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < a.length; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static Init zeros() {
        return new Constant(0);
    }

    static Init ones() {
        return new Constant(1);
    }
}
