package sketchrnn.kernels;

/**
 * Chooses the implementation once per JVM. The Vector API class is loaded by name, and only when the
 * incubator module {@code jdk.incubator.vector} is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}); otherwise, or when {@code -Dsketchrnn.kernels=scalar} is
 * given, or when loading fails for any reason, the scalar implementation runs.
 */
final class KernelSelection {
    /** System property: {@code scalar} forces the scalar kernels; {@code vector} (or unset) prefers the Vector API. */
    static final String PROPERTY = "sketchrnn.kernels";

    static final Kernels INSTANCE = select(System.getProperty(PROPERTY, "vector"));

    private KernelSelection() {}

    /** The implementation for a value of the property: scalar if asked for or if the Vector API is unusable. */
    static Kernels select(String wanted) {
        if (wanted.trim().equalsIgnoreCase("scalar")) {
            return new ScalarKernels();
        }
        Kernels vector = vectorOrNull();
        return vector != null ? vector : new ScalarKernels();
    }

    /** The Vector API implementation, or null when the module is absent or the class cannot be used. */
    static Kernels vectorOrNull() {
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return null;
        }
        try {
            Class<?> cls = Class.forName("sketchrnn.kernels.VectorKernels");
            return (Kernels) cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}
