package sketchrnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) in the form TensorFlow's {@code AdamOptimizer} uses (the reference code's
 * optimiser): {@code lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t)},
 * {@code p -= lr_t * m / (sqrt(v) + eps)}. Gradients are clipped element-wise to {@code [-c, c]}
 * before the update (DJL's own {@code clipGrad} clamps only from above, so we clip here).
 *
 * <p>The moments live in the model's manager; {@link #state()} and {@link #restore} expose them for
 * checkpoints, so that a resumed run continues exactly.
 */
public final class Adam {
    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    public static final float EPSILON = 1e-8f;

    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long t;

    /** Zero moments for every parameter. */
    public Adam(Map<String, NDArray> parameters) {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDManager owner = e.getValue().getManager();
            Shape shape = e.getValue().getShape();
            m.put(e.getKey(), owner.zeros(shape));
            v.put(e.getKey(), owner.zeros(shape));
        }
    }

    /** Updates performed so far. */
    public long iterations() {
        return t;
    }

    /**
     * One update of every parameter from its gradient. {@code grads} and every temporary are attached to
     * {@code scope}, which the caller closes after the step.
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr, double clip, NDManager scope) {
        t++;
        double lrT = lr * StrictMath.sqrt(1 - StrictMath.pow(BETA2, t)) / (1 - StrictMath.pow(BETA1, t));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            NDArray g = grads.get(e.getKey()).clip(-clip, clip);                   // clipped gradient
            g.attach(scope);
            NDArray mi = m.get(e.getKey());
            NDArray vi = v.get(e.getKey());
            mi.muli(BETA1).addi(attach(g.mul(1 - BETA1), scope));                   // m = b1 m + (1-b1) g
            vi.muli(BETA2).addi(attach(g.square().muli(1 - BETA2), scope));         // v = b2 v + (1-b2) g^2
            NDArray denom = attach(vi.sqrt(), scope).addi(EPSILON);                 // sqrt(v) + eps
            NDArray update = attach(mi.mul((float) lrT), scope).divi(denom);        // lr_t m / (sqrt(v) + eps)
            p.subi(update);
        }
    }

    private static NDArray attach(NDArray a, NDManager scope) {
        a.attach(scope);
        return a;
    }

    /** The optimiser state for a checkpoint: step count and the two moments as float arrays. */
    public State state() {
        Map<String, float[]> ms = new LinkedHashMap<>();
        Map<String, float[]> vs = new LinkedHashMap<>();
        m.forEach((k, a) -> ms.put(k, a.toFloatArray()));
        v.forEach((k, a) -> vs.put(k, a.toFloatArray()));
        return new State(t, ms, vs);
    }

    /** Restores a state written by {@link #state()}. */
    public void restore(State s) {
        t = s.iterations();
        for (String k : m.keySet()) {
            float[] mv = s.m().get(k);
            float[] vv = s.v().get(k);
            if (mv == null || vv == null) {
                throw new IllegalArgumentException("optimizer state has no moments for parameter " + k);
            }
            m.get(k).set(mv);
            v.get(k).set(vv);
        }
    }

    /** Adam's state: iterations and first and second moments by parameter name. */
    public record State(long iterations, Map<String, float[]> m, Map<String, float[]> v) {
    }
}
