package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * The one place that talks to the PyTorch engine past DJL's engine-neutral API ({@code JniUtils},
 * {@code getNDArrayInternal}, {@code PtNDArray}): fused native operations the model needs, the per-thread
 * autograd switch, thread counts, the profiler. Everything else goes through DJL's {@code NDArray}
 * ({@code ArchitectureTest} fails on such a call anywhere else).
 */
public final class Libtorch {
    private Libtorch() {
    }

    /** {@code σ(x)} in one native call. */
    static NDArray sigmoid(NDArray x) {
        return x.getNDArrayInternal().sigmoid();
    }

    /** {@code x·Wᵀ + b} in one native call (addmm); see {@link Ops#linear}. */
    static NDArray linear(NDArray x, NDArray wT, NDArray b) {
        return x.getNDArrayInternal().linear(x, wT, b).singletonOrThrow();
    }

    /** Layer norm over the trailing {@code shape} in one native call; see {@link Ops#layerNorm}. */
    static NDArray layerNorm(NDArray x, Shape shape, NDArray gamma, NDArray beta, float epsilon) {
        return x.getNDArrayInternal().layerNorm(x, shape, gamma, beta, epsilon).singletonOrThrow();
    }

    /** Whether autograd records on the calling thread (PyTorch's grad mode is per thread). */
    public static boolean gradMode() {
        return JniUtils.isGradMode();
    }

    /** Switches autograd recording on or off for the calling thread. */
    public static void setGradMode(boolean on) {
        JniUtils.setGradMode(on);
    }

    /** Whether a parameter array asks for gradients (also before its first backward pass). */
    public static boolean requiresGrad(NDArray a) {
        return a instanceof PtNDArray pt && JniUtils.requiresGrad(pt);
    }

    /** libtorch's intra-op threads. */
    public static int threads() {
        return JniUtils.getNumThreads();
    }

    /** libtorch's inter-op threads. */
    public static int interopThreads() {
        return JniUtils.getNumInteropThreads();
    }

    /** Sets libtorch's intra-op threads (the engine must be started). */
    public static void setThreads(int n) {
        JniUtils.setNumThreads(n);
    }

    /** Starts libtorch's profiler (CPU only). */
    public static void startProfile() {
        JniUtils.startProfile(false, false, false);
    }

    /** Stops libtorch's profiler and writes its Chrome trace to {@code file}. */
    public static void stopProfile(Path file) {
        JniUtils.stopProfile(file.toString());
    }
}
