package sketchrnn.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import sketchrnn.data.Batch;
import sketchrnn.data.Batcher;
import sketchrnn.data.Sketch;
import sketchrnn.data.TrainingData;
import sketchrnn.model.HParams;
import sketchrnn.model.Libtorch;
import sketchrnn.model.SketchRnn;
import sketchrnn.model.TrainingConfig;

/**
 * Times full training steps (forward, backward, clipping, Adam) as {@code sketchrnn bench train} does:
 * on batches padded to a fixed length (the side-by-side comparison with a PyTorch program doing the
 * same padded work), and per epoch of a real data set with length-grouped batches.
 */
public final class TrainStepBenchmark {
    private TrainStepBenchmark() {
    }

    /**
     * Timings of a benchmark; seconds, and (fused engine only) the matrix products' share: seconds per step
     * spent in products summed over threads, and their floating-point operations per step.
     */
    public record Timing(List<Double> seconds, double gemmSeconds, double gemmFlops) {
        Timing(List<Double> seconds) {
            this(seconds, Double.NaN, Double.NaN);
        }

        public double median() {
            List<Double> s = new ArrayList<>(seconds);
            Collections.sort(s);
            int n = s.size();
            return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }

        public double min() {
            return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        public double max() {
            return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        public double total() {
            return seconds.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /**
     * Synthetic sketches like the PyTorch reference program's: lengths uniform in {@code [T/4, T)},
     * standard-normal offsets, pen lifted with probability 0.1.
     */
    public static List<Sketch> syntheticSketches(int count, int seq, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sketch> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int n = rng.nextInt(Math.max(1, seq / 4), seq);
            float[][] rows = new float[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = new float[] {(float) gaussian(rng), (float) gaussian(rng), rng.nextDouble() < 0.1 ? 1f : 0f};
            }
            rows[n - 1][2] = 1f;
            out.add(Sketch.of(rows));
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Median time of {@code steps} training steps (after {@code warmup}) on batches padded to {@code seq}. On the
     * DJL path, {@code -Dsketchrnn.profile=FILE} runs libtorch's profiler over the first timed step and writes
     * its Chrome trace to FILE.
     */
    public static Timing paddedSteps(HParams hp, int seq, int steps, int warmup, long seed, TrainingPath path) {
        int batchSize = hp.training().batchSize();
        List<Sketch> sketches = syntheticSketches(batchSize * 4, seq, seed);
        List<Batch> batches = Batcher.evalBatches(sketches, batchSize, seq);
        List<Double> times = new ArrayList<>();
        String profile = System.getProperty("sketchrnn.profile");
        HParams h = hp.withMaxSeqLen(Math.max(hp.model().maxSeqLen(), seq));
        try (TrainingBackend backend = TrainingRun.backend(h, SketchRnn.initialParameters(h.model(), seed), path,
                "the initial parameters")) {
            for (int i = 0; i < warmup + steps; i++) {
                if (i == warmup) {
                    sketchrnn.kernels.Gemm.startProfile();
                }
                Batch b = batches.get(i % batches.size());
                boolean profiled = i == warmup && profile != null && backend instanceof DjlBackend;
                if (profiled) {
                    Libtorch.startProfile();
                }
                double s = timedStep(backend, h.training(), b, i);
                if (profiled) {
                    Libtorch.stopProfile(Path.of(profile));
                }
                if (i >= warmup) {
                    times.add(s);
                }
            }
        }
        long[] gemm = sketchrnn.kernels.Gemm.profile();
        return new Timing(times, gemm[0] / 1e9 / steps, (double) gemm[1] / steps);
    }

    /**
     * Times one epoch of the training split of {@code data} with length-grouped batches, after {@code warmup}
     * untimed steps (at least one) on the epoch's first batches, as the padded steps are timed after theirs: the
     * JIT's warm-up is a cost of a run's first steps, not of every epoch.
     */
    public static Timing groupedEpoch(HParams hp, TrainingData data, long seed, TrainingPath path, int warmup) {
        HParams grouped = hp.withGroupByLength(true);
        Batcher batcher = TrainingRun.batcher(data, grouped.training(), seed);
        List<Double> times = new ArrayList<>();
        try (TrainingBackend backend = TrainingRun.backend(grouped, SketchRnn.initialParameters(grouped.model(), seed), path,
                "the initial parameters")) {
            for (int w = 0; w < Math.max(1, warmup); w++) {
                timedStep(backend, grouped.training(), batcher.trainBatch(w % batcher.batchesPerEpoch()), w);
            }
            for (long s = 0; s < batcher.batchesPerEpoch(); s++) {
                times.add(timedStep(backend, grouped.training(), batcher.trainBatch(s), s));
            }
        }
        return new Timing(times);
    }

    /** Seconds of one training step: loss, gradient, clipping and Adam. */
    private static double timedStep(TrainingBackend backend, TrainingConfig t, Batch batch, long step) {
        long t0 = System.nanoTime();
        backend.lossAndGradient(batch, Schedules.klWeight(t, step), Trainer.stepSeed(1, step));
        backend.update(Schedules.learningRate(t, step), t.gradClip());
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Peak resident memory of this process in MiB (VmHWM), or -1 where /proc is not available. */
    public static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
