package sketchrnn.train;

import java.util.Map;
import sketchrnn.checkpoint.OptimizerState;
import sketchrnn.engine.FlatParameters;

/**
 * Adam (Kingma and Ba 2015) in the form TensorFlow's {@code AdamOptimizer} uses (the reference code's
 * optimiser), after element-wise clipping of the gradient to {@code [-c, c]} (docs/model.md):
 * <pre>
 *   g ← clip(g, -c, c)
 *   m ← β1 m + (1 - β1) g,   v ← β2 v + (1 - β2) g²
 *   θ ← θ - lr_t m / (sqrt(v) + ε),   lr_t = lr sqrt(1 - β2^t) / (1 - β1^t)
 * </pre>
 * On flat arrays of a {@link FlatParameters} layout, for both training paths (the fused engine and the DJL
 * model). {@link #state()} and {@link #restore} expose the moments by parameter name for checkpoints, so a
 * resumed run continues exactly.
 */
public final class Adam {
    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    public static final float EPSILON = 1e-8f;

    private final FlatParameters layout;
    private final float[] m;
    private final float[] v;
    private long t;

    /** Zero moments for every parameter of the layout. */
    public Adam(FlatParameters layout) {
        this.layout = layout;
        this.m = new float[layout.size()];
        this.v = new float[layout.size()];
    }

    /** Updates performed so far. */
    public long iterations() {
        return t;
    }

    /** One update of {@code theta} in place from {@code grad} (which is left as it was). */
    public void step(float[] theta, float[] grad, double lr, double clip) {
        t++;
        float lrT = (float) (lr * StrictMath.sqrt(1 - StrictMath.pow(BETA2, t)) / (1 - StrictMath.pow(BETA1, t)));
        float c = (float) clip;
        for (int i = 0; i < theta.length; i++) {
            float g = Math.max(-c, Math.min(c, grad[i]));
            float mi = BETA1 * m[i] + (1 - BETA1) * g;
            float vi = BETA2 * v[i] + (1 - BETA2) * (g * g);
            m[i] = mi;
            v[i] = vi;
            theta[i] -= lrT * mi / ((float) Math.sqrt(vi) + EPSILON);
        }
    }

    /** The optimiser state for a checkpoint: step count and the two moments by parameter name. */
    public OptimizerState state() {
        return new OptimizerState(t, layout.unflatten(m), layout.unflatten(v));
    }

    /** Restores a state written by {@link #state()}. */
    public void restore(OptimizerState s) {
        for (String name : layout.names()) {
            if (s.m().get(name) == null || s.v().get(name) == null) {
                throw new IllegalArgumentException("optimizer state has no moments for parameter " + name);
            }
        }
        System.arraycopy(layout.flatten(s.m()), 0, m, 0, m.length);
        System.arraycopy(layout.flatten(s.v()), 0, v, 0, v.length);
        t = s.iterations();
    }

}
