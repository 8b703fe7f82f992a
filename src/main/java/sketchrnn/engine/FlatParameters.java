package sketchrnn.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of every trainable parameter in one flat {@code float[]}: the names and shapes of the DJL
 * model ({@code dec/W_hh (H, 4H)} ...), row-major, in the model's declaration order. Parameters, their
 * gradients and Adam's moments are all arrays of this layout, so that one loop updates them all.
 */
public final class FlatParameters {
    private final Map<String, long[]> shapes;
    private final Map<String, Integer> offsets = new LinkedHashMap<>();
    private final int size;

    /** The layout of {@code shapes} in their iteration order. */
    public FlatParameters(Map<String, long[]> shapes) {
        this.shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        long at = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            offsets.put(e.getKey(), (int) at);
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            at += n;
            if (at > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("the model has more than 2^31 parameters");
            }
        }
        size = (int) at;
    }

    /** Total number of values. */
    public int size() {
        return size;
    }

    /** The names in layout order. */
    public List<String> names() {
        return List.copyOf(shapes.keySet());
    }

    public Map<String, long[]> shapes() {
        return shapes;
    }

    public boolean has(String name) {
        return offsets.containsKey(name);
    }

    /** Where {@code name} starts. */
    public int offset(String name) {
        Integer o = offsets.get(name);
        if (o == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return o;
    }

    /** Number of values of {@code name}. */
    public int length(String name) {
        long n = 1;
        for (long d : shapes.get(name)) {
            n *= d;
        }
        return (int) n;
    }

    /** A flat array from named arrays (every name of the layout must be there). */
    public float[] flatten(Map<String, float[]> named) {
        float[] flat = new float[size];
        for (String name : shapes.keySet()) {
            float[] v = named.get(name);
            if (v == null || v.length != length(name)) {
                throw new IllegalArgumentException("parameter " + name + ": expected " + length(name) + " values, got "
                        + (v == null ? "none" : v.length));
            }
            System.arraycopy(v, 0, flat, offset(name), v.length);
        }
        return flat;
    }

    /** Named copies of the parts of a flat array. */
    public Map<String, float[]> unflatten(float[] flat) {
        Map<String, float[]> named = new LinkedHashMap<>();
        for (String name : shapes.keySet()) {
            float[] v = new float[length(name)];
            System.arraycopy(flat, offset(name), v, 0, v.length);
            named.put(name, v);
        }
        return named;
    }
}
