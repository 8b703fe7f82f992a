/**
 * Single-precision compute kernels for the fused training engine: matrix products ({@link
 * sketchrnn.kernels.Gemm}) and activations ({@link sketchrnn.kernels.Activations}) on row-major {@code
 * float[]} storage with offsets and leading dimensions.
 *
 * <p>Two implementations sit behind the facades: {@code VectorKernels} on the incubating Vector API
 * ({@code jdk.incubator.vector}, register-blocked GEMM micro-kernels on packed A panels, exp by range
 * reduction and a polynomial with FMA, sigmoid and tanh derived from it), and {@code ScalarKernels} in plain
 * Java. The vector class is loaded only when the JVM has the incubator module in its boot layer ({@code
 * --add-modules jdk.incubator.vector}); {@code -Dsketchrnn.kernels=scalar} forces the scalar kernels.
 * {@link sketchrnn.kernels.KernelBench} measures both.
 *
 * <p>This package depends on no other package of the project.
 */
package sketchrnn.kernels;
