package sketchrnn.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Microbenchmark of the kernels at the engine's hot shapes: GFLOP/s of the GEMM variants and ns per element
 * of the activations, Vector API vs scalar, single-threaded. Best of several timed rounds (thread CPU time)
 * after a warm-up; scalar runs of more than 20 GFLOP are skipped.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes sketchrnn.kernels.KernelBench [vector|scalar|bf16|both|all] [filter]
 * </pre>
 *
 * {@code bf16} runs the native bf16 products (AVX512_BF16) beside the Vector API kernels; {@code all} runs all
 * three. The optional filter keeps the rows whose label contains it (e.g. {@code tn}).
 */
public final class KernelBench {
    private KernelBench() {}

    private record Shape(String op, int m, int n, int k, String note) {
        String label() {
            return String.format(Locale.ROOT, "%s m=%d n=%d k=%d", op, m, n, k);
        }

        double flops() {
            return 2.0 * m * n * k;
        }
    }

    private static final Shape[] SHAPES = {
        new Shape("nn", 100, 1024, 256, "gate pre-activations h·W (H=256)"),
        new Shape("nn", 100, 1024, 133, "gate pre-activations x·W (5+128 inputs)"),
        new Shape("nn", 50, 4096, 1024, "gate pre-activations (H=1024)"),
        new Shape("nn", 100, 256, 1024, "backward through recurrent weights dG·Wᵀ (W stored transposed)"),
        new Shape("nt", 100, 256, 1024, "backward through recurrent weights dG·Wᵀ"),
        new Shape("tn", 256, 1024, 25000, "weight gradient hᵀ·dG"),
        new Shape("tn", 133, 1024, 12500, "weight gradient xᵀ·dG"),
        new Shape("tn", 1024, 4096, 12500, "weight gradient (H=1024)"),
        new Shape("nn", 25000, 123, 256, "output layer"),
        // one shard of 50 (the engine's unit of work per thread), small size
        new Shape("nn", 50, 1024, 256, "shard: decoder step h·W_h (H=256)"),
        new Shape("nn", 50, 512, 128, "shard: encoder step h·W_h (H=128)"),
        new Shape("nn", 50, 256, 1024, "shard: decoder step back dG·W_hᵀ"),
        new Shape("nn", 50, 128, 512, "shard: encoder step back dG·W_hᵀ"),
        new Shape("tn", 256, 1024, 12500, "shard: decoder dW_h"),
        new Shape("tn", 128, 512, 12500, "shard: encoder dW_h"),
        new Shape("nn", 12500, 123, 256, "shard: output layer"),
        new Shape("nt", 12500, 256, 123, "shard: output layer back dy·W_yᵀ"),
    };

    public static void main(String[] args) throws InterruptedException {
        String which = args.length > 0 ? args[0] : "both";
        String filter = args.length > 1 ? args[1] : "";
        List<Kernels> impls = new ArrayList<>();
        if (!which.equals("scalar")) {
            Kernels v = KernelSelection.vectorOrNull();
            if (v == null) {
                System.out.println("Vector API unavailable (run with --add-modules jdk.incubator.vector)");
            } else {
                long t = System.nanoTime();
                VectorKernels.awaitWarmUp();
                System.out.printf(Locale.ROOT, "vector kernels warmed up in %.0f ms%n", (System.nanoTime() - t) / 1e6);
                impls.add(v);
            }
        }
        if (which.equals("both") || which.equals("scalar") || which.equals("all")) {
            impls.add(new ScalarKernels());
        }
        if (which.equals("bf16") || which.equals("all")) {
            if (!NativeBf16.AVAILABLE) {
                System.out.println("native bf16 products unavailable: " + NativeBf16.unavailableReason);
            } else {
                impls.add(new NativeBf16Kernels(impls.isEmpty() ? new ScalarKernels() : impls.get(0)));
            }
        }
        System.out.printf(Locale.ROOT, "java %s (%s), facade implementation: %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Gemm.implementation());
        SplittableRandom rng = new SplittableRandom(1);
        for (Shape s : SHAPES) {
            if (!s.label().contains(filter)) {
                continue;
            }
            int aLen = s.m * s.k, bLen = s.k * s.n;
            float[] a = random(aLen, rng), b = random(bLen, rng), c = new float[s.m * s.n];
            for (Kernels impl : impls) {
                Runnable call = switch (s.op) {
                    case "nn" -> () -> impl.nn(s.m, s.n, s.k, a, 0, s.k, b, 0, s.n, c, 0, s.n, false);
                    case "nt" -> () -> impl.nt(s.m, s.n, s.k, a, 0, s.k, b, 0, s.k, c, 0, s.n, false);
                    default -> () -> impl.tn(s.m, s.n, s.k, a, 0, s.m, b, 0, s.n, c, 0, s.n, false);
                };
                if (impl instanceof ScalarKernels && s.flops() > 20e9) {
                    System.out.printf(Locale.ROOT, "%-26s %-32s (skipped: too slow)%n", s.label(), impl.name());
                    continue;
                }
                double sec = time(call, s.flops() > 5e9 && impl instanceof ScalarKernels ? 1 : 5);
                System.out.printf(Locale.ROOT, "%-26s %-32s %8.3f ms %7.1f GFLOP/s   %s%n", s.label(), impl.name(), sec * 1e3,
                        s.flops() / sec / 1e9, s.note);
            }
        }
        if (!"activations".contains(filter) && !filter.isEmpty()) {
            return;
        }
        int n = 100 * 1024;
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian() * 3);
        }
        for (Kernels impl : impls) {
            double e = time(() -> impl.exp(x, 0, y, 0, n), 10);
            double sg = time(() -> impl.sigmoid(x, 0, y, 0, n), 10);
            double th = time(() -> impl.tanh(x, 0, y, 0, n), 10);
            System.out.printf(Locale.ROOT, "activations n=%d %-32s exp %.3f ns/elem, sigmoid %.3f ns/elem, tanh %.3f ns/elem%n", n,
                    impl.name(), e / n * 1e9, sg / n * 1e9, th / n * 1e9);
        }
    }

    private static float[] random(int n, SplittableRandom rng) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Seconds per call: warm-up of at least 1 s (3 calls at least: C2 must have compiled everything, including
     * the rarely called edge kernels), then the best of {@code rounds} timed
     * rounds. Timed by the thread's CPU time (not wall time), so that other processes on a shared machine
     * inflate the figures less (caches and memory bandwidth are still shared).
     */
    private static double time(Runnable call, int rounds) {
        long t0 = System.nanoTime();
        int warm = 0;
        while (warm < 3 || System.nanoTime() - t0 < 1_000_000_000L) {
            call.run();
            warm++;
        }
        double perCall = (System.nanoTime() - t0) / 1e9 / warm;
        int reps = Math.max(1, (int) (0.1 / perCall));
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long t = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                call.run();
            }
            best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - t) / 1e9 / reps);
        }
        return best;
    }
}
