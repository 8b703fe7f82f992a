package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Random;
import sketchrnn.data.Batch;

/** Small batches and parameter settings shared by the model tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * A batch of random sketches in stroke-5 with the given true lengths, padded to {@code maxLen}: start
     * token, real points with Gaussian offsets and a pen lifted about one point in three (always at the
     * last point), end padding (0, 0, 0, 0, 1).
     */
    public static Batch batch(Random random, int maxLen, int... lengths) {
        int size = lengths.length;
        float[] s = new float[size * (maxLen + 1) * 5];
        for (int b = 0; b < size; b++) {
            s[b * (maxLen + 1) * 5 + 2] = 1; // S0 = (0, 0, 1, 0, 0)
            for (int t = 1; t <= maxLen; t++) {
                int o = (b * (maxLen + 1) + t) * 5;
                if (t <= lengths[b]) {
                    boolean lift = t == lengths[b] || random.nextInt(3) == 0;
                    s[o] = (float) random.nextGaussian();
                    s[o + 1] = (float) random.nextGaussian();
                    s[o + 2] = lift ? 0 : 1;
                    s[o + 3] = lift ? 1 : 0;
                } else {
                    s[o + 4] = 1;
                }
            }
        }
        return new Batch(s, lengths, size, maxLen);
    }

    /** The same sketches as {@code batch} padded to a longer {@code maxLen} with the given filler rows. */
    static Batch repad(Batch batch, int maxLen, Random garbage) {
        int size = batch.size();
        int old = batch.maxLen();
        float[] s = new float[size * (maxLen + 1) * 5];
        for (int b = 0; b < size; b++) {
            System.arraycopy(batch.strokes(), b * (old + 1) * 5, s, b * (maxLen + 1) * 5, (old + 1) * 5);
            for (int t = old + 1; t <= maxLen; t++) {
                for (int k = 0; k < 5; k++) {
                    s[(b * (maxLen + 1) + t) * 5 + k] = garbage == null ? (k == 4 ? 1 : 0) : (float) (3 * garbage.nextGaussian());
                }
            }
        }
        return new Batch(s, batch.lengths(), size, maxLen);
    }

    /** Sketch b of a batch alone, padded to its own length. */
    static Batch single(Batch batch, int b) {
        int len = batch.lengths()[b];
        float[] s = new float[(len + 1) * 5];
        System.arraycopy(batch.strokes(), b * (batch.maxLen() + 1) * 5, s, 0, (len + 1) * 5);
        return new Batch(s, new int[] {len}, 1, len);
    }

    /**
     * Sets every parameter to {@code init + U(-spread, spread)} noise so that no path starts dead (the
     * reference starts HyperLSTM's embeddings at constants, which leaves its small cell without gradient
     * at step 0).
     */
    static void perturb(SketchRnn model, Random random, double spread) {
        for (NDArray p : model.parameters().values()) {
            if (p.getDataType() == DataType.FLOAT64) {
                double[] v = p.toDoubleArray();
                for (int k = 0; k < v.length; k++) {
                    v[k] += spread * (2 * random.nextDouble() - 1);
                }
                p.set(DoubleBuffer.wrap(v));
            } else {
                float[] v = p.toFloatArray();
                for (int k = 0; k < v.length; k++) {
                    v[k] += (float) (spread * (2 * random.nextDouble() - 1));
                }
                p.set(FloatBuffer.wrap(v));
            }
        }
    }

    /** A copy of a parameter's values in double. */
    static double[] values(NDArray p) {
        if (p.getDataType() == DataType.FLOAT64) {
            return p.toDoubleArray();
        }
        float[] f = p.toFloatArray();
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            d[k] = f[k];
        }
        return d;
    }
}
