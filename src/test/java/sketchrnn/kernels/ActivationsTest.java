package sketchrnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** exp, sigmoid and tanh of both implementations against StrictMath on a dense sweep and special values. */
class ActivationsTest {

    static Stream<Kernels> implementations() {
        List<Kernels> list = new ArrayList<>();
        list.add(new ScalarKernels());
        Kernels vector = KernelSelection.vectorOrNull();
        assertThat(vector).as("Surefire runs with --add-modules jdk.incubator.vector").isNotNull();
        list.add(vector);
        return list.stream();
    }

    private static final float[] SPECIAL = {
        0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-20f, -1e-20f, 1e-7f, 0.5f, 0.625f, -0.625f,
        0.6249999f, 1f, -1f, 9f, -9f, 10f, 20f, -20f, 87f, -87f, 88f, 88.72283f, 88.72284f, 88.8f, 89f, 90f, -87.33654f,
        -88f, -100f, -103f, -104f, -105f, -150f, 1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
    };

    /** The special values, a linear sweep of [-110, 110] and a sweep of all float magnitudes (by bit pattern). */
    private static float[] inputs() {
        int linear = 220_001;
        int byBits = 2 * (0x7f800000 / 4099);
        float[] x = new float[SPECIAL.length + linear + byBits];
        int i = 0;
        for (float s : SPECIAL) {
            x[i++] = s;
        }
        for (int j = 0; j < linear; j++) {
            x[i++] = -110f + j * 1e-3f;
        }
        for (int bits = 0; bits < 0x7f800000 - 4099; bits += 4099) {
            x[i++] = Float.intBitsToFloat(bits);
            x[i++] = -Float.intBitsToFloat(bits);
        }
        return java.util.Arrays.copyOf(x, i);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void expWithin2e6RelativeOnItsRangeAndSaturates(Kernels impl) {
        float[] x = inputs();
        float[] y = new float[x.length];
        impl.exp(x, 0, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double e = StrictMath.exp(x[i]);
            boolean ok;
            if (x[i] >= -87f && x[i] <= 88f) {
                ok = Math.abs(y[i] - e) / e <= 2e-6;
            } else if (e > Float.MAX_VALUE) {
                ok = y[i] == Float.POSITIVE_INFINITY;
            } else if (x[i] > 88f) {
                ok = Math.abs(y[i] - e) / e <= 2e-6;
            } else {
                ok = Math.abs(y[i] - e) <= 1.2e-38 && y[i] >= 0f;
            }
            if (!ok) {
                fail(impl.name() + " exp(" + x[i] + ") = " + y[i] + ", want " + e);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sigmoidWithin1e6AndSaturates(Kernels impl) {
        float[] x = inputs();
        float[] y = new float[x.length];
        impl.sigmoid(x, 0, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double s = 1.0 / (1.0 + StrictMath.exp(-(double) x[i]));
            if (!(Math.abs(y[i] - s) <= 1e-6 && y[i] >= 0f && y[i] <= 1f)) {
                fail(impl.name() + " sigmoid(" + x[i] + ") = " + y[i] + ", want " + s);
            }
        }
        float[] big = {1e30f, -1e30f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 200f, -200f};
        impl.sigmoid(big, 0, big, 0, big.length);
        assertThat(big).containsExactly(1f, 0f, 1f, 0f, 1f, 0f);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void tanhWithin1e6AndSaturates(Kernels impl) {
        float[] x = inputs();
        float[] y = new float[x.length];
        impl.tanh(x, 0, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double t = StrictMath.tanh(x[i]);
            boolean ok = Math.abs(y[i] - t) <= 1e-6 && y[i] >= -1f && y[i] <= 1f
                    // near 0 also relative: no cancellation
                    && (Math.abs(x[i]) >= 1e-3f || x[i] == 0f || Math.abs(y[i] - t) / Math.abs(t) <= 1e-6);
            if (!ok) {
                fail(impl.name() + " tanh(" + x[i] + ") = " + y[i] + ", want " + t);
            }
        }
        float[] big = {1e30f, -1e30f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 50f, -50f};
        impl.tanh(big, 0, big, 0, big.length);
        assertThat(big).containsExactly(1f, -1f, 1f, -1f, 1f, -1f);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void nanInNanOutInPlaceWithOffsetsAndTails(Kernels impl) {
        for (int n = 0; n <= 40; n++) {
            for (int op = 0; op < 3; op++) {
                float[] x = new float[n + 5];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (i % 7 == 3) ? Float.NaN : (i - 20) * 0.37f;
                }
                float[] orig = x.clone();
                switch (op) {
                    case 0 -> impl.exp(x, 2, x, 2, n);
                    case 1 -> impl.sigmoid(x, 2, x, 2, n);
                    default -> impl.tanh(x, 2, x, 2, n);
                }
                for (int i = 0; i < x.length; i++) {
                    String what = impl.name() + " op " + op + " n=" + n + " i=" + i;
                    if (i < 2 || i >= n + 2) {
                        assertThat(Float.floatToRawIntBits(x[i])).as(what + " outside untouched").isEqualTo(Float.floatToRawIntBits(orig[i]));
                    } else if (Float.isNaN(orig[i])) {
                        assertThat(x[i]).as(what + " NaN in, NaN out").isNaN();
                    } else {
                        double want = op == 0 ? StrictMath.exp(orig[i])
                                : op == 1 ? 1 / (1 + StrictMath.exp(-orig[i])) : StrictMath.tanh(orig[i]);
                        assertThat((double) x[i]).as(what).isCloseTo(want, org.assertj.core.api.Assertions.within(2e-6 * Math.max(1, want)));
                    }
                }
            }
        }
    }

    @Test
    void facadeUsesTheSelectedImplementation() {
        float[] x = {-1f, 0f, 1f};
        float[] y = new float[3];
        Activations.sigmoid(x, 0, y, 0, 3);
        assertThat(y[1]).isEqualTo(0.5f);
        Activations.tanh(x, 0, y, 0, 3);
        assertThat(y[0]).isEqualTo(-y[2]);
        Activations.exp(x, 1, y, 1, 1);
        assertThat(y[1]).isEqualTo(1f);
    }
}
