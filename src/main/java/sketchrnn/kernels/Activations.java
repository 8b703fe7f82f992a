package sketchrnn.kernels;

/** PLACEHOLDER (scalar) until the kernels branch lands. */
public final class Activations {
    private Activations() {
    }

    public static void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) (1 / (1 + Math.exp(-x[xOff + i])));
        }
    }

    public static void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    public static void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.exp(x[xOff + i]);
        }
    }
}
