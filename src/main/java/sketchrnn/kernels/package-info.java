/**
 * Single-precision compute kernels for the fused training engine: matrix products ({@link
 * sketchrnn.kernels.Gemm}), activations ({@link sketchrnn.kernels.Activations}) and the LSTM cell's fused
 * element-wise passes over a row ({@link sketchrnn.kernels.CellKernels}) on row-major {@code float[]} storage
 * with offsets and leading dimensions.
 *
 * <p>Two implementations sit behind the facades: {@code VectorKernels} on the incubating Vector API
 * ({@code jdk.incubator.vector}, register-blocked GEMM micro-kernels on packed A panels, exp by range
 * reduction and a polynomial with FMA, sigmoid and tanh derived from it), and {@code ScalarKernels} in plain
 * Java. The vector class is loaded only when the JVM has the incubator module in its boot layer ({@code
 * --add-modules jdk.incubator.vector}); {@code -Dsketchrnn.kernels=scalar} forces the scalar kernels.
 * When the vector class loads it starts a daemon thread that calls every micro-kernel and activation a few
 * thousand times on tiny operands (about 1-2 s of one core), so that C2 compiles them early: uncompiled
 * Vector API code is 100-1000 times slower, and the rarely called edge kernels would otherwise stay
 * uncompiled for seconds. {@code -Dsketchrnn.kernels.warmup=0} turns this off (the tests do).
 * {@link sketchrnn.kernels.KernelBench} measures both implementations.
 *
 * <p>A third, optional implementation of the products only: {@code NativeBf16}, C with AVX512_BF16 intrinsics
 * ({@code src/main/c/sketchrnn_bf16.c}, built by gcc at Maven's compile phase on Linux x86-64, called through
 * JNI). It rounds both operands to bf16 while packing them and sums in fp32 (VDPBF16PS), about twice the fp32
 * rate. It is used only after {@link sketchrnn.kernels.Gemm#useBf16} turned it on ({@code --matmul bf16}) and
 * only where the library loaded and the CPU has AVX512_BF16; {@link sketchrnn.kernels.Gemm.PackedB} lets a
 * caller round and pack a right-hand side once for many products (the recurrent weights over the steps).
 *
 * <p>This package depends on no other package of the project.
 */
package sketchrnn.kernels;
