package sketchrnn.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import sketchrnn.data.Batch;

/**
 * Seconds per training step of the model alone (forward and backward with a GradientCollector, gradients
 * zeroed between steps, no optimiser), at full padded work: every sketch of the batch is max_seq_len long,
 * as in a plain PyTorch program that pads every batch to N_max.
 *
 * <pre>
 *   java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp ... sketchrnn.model.TrainStepBench \
 *        [enc dec z batch seq [steps [cell]]]        (defaults: 256 512 128 100 250 5 lstm)
 * </pre>
 * Prints the median over the measured steps (one warm-up step first) of: forward pass recorded for
 * autograd, backward pass, their sum (the step), the process's CPU time for the step (with one thread,
 * what the step costs on an idle machine; wall time suffers when other work shares the cores) and a
 * forward pass without autograd (evaluation).
 */
public final class TrainStepBench {
    private TrainStepBench() {
    }

    public static void main(String[] args) {
        int enc = arg(args, 0, 256);
        int dec = arg(args, 1, 512);
        int z = arg(args, 2, 128);
        int batchSize = arg(args, 3, 100);
        int seq = arg(args, 4, 250);
        int steps = arg(args, 5, 5);
        String cell = args.length > 6 ? args[6] : "lstm";
        HParams hp = HParams.defaults().withSizes(enc, dec, z).withBatchSize(batchSize).withMaxSeqLen(seq)
                .withCells(cell, cell);
        Batch batch = fullBatch(batchSize, seq, new Random(1));
        Engine.getInstance(); // loads the native library
        System.out.printf(Locale.ROOT, "enc %d dec %d z %d batch %d seq %d cells %s, intra-op threads %d, inter-op %d%n",
                enc, dec, z, batchSize, seq, cell, JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
        try (SketchRnn model = SketchRnn.create(hp, 1)) {
            double[] forward = new double[steps];
            double[] backward = new double[steps];
            double[] total = new double[steps];
            double[] eval = new double[steps];
            double[] cpu = new double[steps];
            String profile = System.getProperty("sketchrnn.profile");
            for (int s = -1; s < steps; s++) {
                if (profile != null && s == 0) {
                    JniUtils.startProfile(false, false, false);
                }
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                long t1;
                long t2;
                try (NDManager scope = NDManager.newBaseManager()) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        LossTerms terms = model.loss(batch, true, 0.5f, scope, s);
                        t1 = System.nanoTime();
                        collector.backward(terms.cost());
                    }
                    for (NDArray p : model.parameters().values()) { // what a trainer does after using them
                        try (NDArray g = p.getGradient()) {
                            g.subi(g);
                        }
                    }
                    t2 = System.nanoTime();
                }
                long c2 = cpuNanos();
                if (profile != null && s == 0) {
                    JniUtils.stopProfile(profile);
                }
                long t3 = System.nanoTime();
                try (NDManager scope = NDManager.newBaseManager()) {
                    model.loss(batch, false, 0.5f, scope, s);
                }
                long t4 = System.nanoTime();
                if (s >= 0) {
                    forward[s] = (t1 - t0) / 1e9;
                    backward[s] = (t2 - t1) / 1e9;
                    total[s] = (t2 - t0) / 1e9;
                    eval[s] = (t4 - t3) / 1e9;
                    cpu[s] = (c2 - c0) / 1e9;
                }
                System.out.printf(Locale.ROOT, "  step %d: %.3f s (forward %.3f, backward %.3f; process CPU %.3f s), "
                        + "evaluation %.3f s%n", s, (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (c2 - c0) / 1e9,
                        (t4 - t3) / 1e9);
            }
            System.out.printf(Locale.ROOT, "median s/step: %.3f (forward %.3f, backward %.3f; process CPU %.3f); "
                    + "evaluation forward %.3f%n", median(total), median(forward), median(backward), median(cpu), median(eval));
        }
    }

    /** Random sketches all {@code seq} points long: every step of the padded batch is real work. */
    private static Batch fullBatch(int size, int seq, Random random) {
        int[] lengths = new int[size];
        Arrays.fill(lengths, seq);
        float[] s = new float[size * (seq + 1) * 5];
        for (int b = 0; b < size; b++) {
            s[b * (seq + 1) * 5 + 2] = 1;
            for (int t = 1; t <= seq; t++) {
                int o = (b * (seq + 1) + t) * 5;
                boolean lift = t == seq || random.nextInt(10) == 0;
                s[o] = (float) random.nextGaussian();
                s[o + 1] = (float) random.nextGaussian();
                s[o + 2] = lift ? 0 : 1;
                s[o + 3] = lift ? 1 : 0;
            }
        }
        return new Batch(s, lengths, size, seq);
    }

    /** CPU time of the whole process: with one intra-op thread, what the step costs on an idle machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
