package sketchrnn.interop;

import java.util.Arrays;
import java.util.Objects;

/**
 * One parameter array: its project name ({@code dec/W_hh}), its shape, and its values in row-major order
 * (weights are {@code (in, out)} like TensorFlow's). Immutable: the arrays are copied in and out, and equality
 * compares contents.
 *
 * @param name   the project's parameter name (see {@link BrowserLayout})
 * @param shape  one or two positive dimensions
 * @param values {@code product(shape)} values, row-major
 */
public record NamedArray(String name, long[] shape, float[] values) {

    public NamedArray {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        values = values.clone();
        if (shape.length == 0) {
            throw new IllegalArgumentException(name + ": a shape needs at least one dimension");
        }
        if (size(shape) != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values do not fill shape "
                    + Arrays.toString(shape));
        }
    }

    /** The number of values a shape holds; -1 when a dimension is not positive or the product overflows an int. */
    public static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d <= 0 || n > Integer.MAX_VALUE / d) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A copy of the values. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** Value {@code i} in row-major order, without copying. */
    public float get(int i) {
        return values[i];
    }

    /** The number of values. */
    public int length() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedArray other && name.equals(other.name) && Arrays.equals(shape, other.shape)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
