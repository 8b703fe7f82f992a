package sketchrnn.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import sketchrnn.data.Batch;
import sketchrnn.kernels.Activations;
import sketchrnn.kernels.Gemm;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.LossMetrics;
import sketchrnn.model.Metrics;
import sketchrnn.model.ModelConfig;

/**
 * sketch-rnn's training pass (forward, loss and every gradient) with hand-derived backward passes on
 * plain {@code float[]} buffers, as llm.c does for GPT-2. The same model as {@link sketchrnn.model.SketchRnn}
 * (same parameter names, shapes and semantics; docs/model.md), for the {@code lstm} and {@code layer_norm}
 * cells without input or output dropout ({@link #supports}).
 *
 * <p>Reading order of {@link #step}, per shard of the batch (shards run on their own threads; they share
 * the parameters and keep their own activations and gradients, summed in a fixed order at the end):
 * <ol>
 *   <li>encode: the {@link LstmLayer} pair over S_1..S_len forwards and reversed within each sketch's
 *       length; {@code h = [h_→ ; h_←]} after each sketch's own last step; {@code μ = h·W_μ + b_μ},
 *       {@code σ̂ = h·W_σ + b_σ} (Eq. 1-2); the KL sum (Eq. 10);</li>
 *   <li>(all shards) {@code L_KL} of the whole batch, which decides whether the KL floor holds;</li>
 *   <li>decode: {@code z = μ + exp(σ̂/2) ⊙ ε}; {@code [c_0 ; h_0] = tanh(z·W_0 + b_0)} (Eq. 4); the decoder
 *       {@link LstmLayer} over {@code [S_{t-1} ; z]} (Eq. 5); {@link MixtureDensityLoss} (Eq. 6-9);</li>
 *   <li>backward in the reverse order: head, decoder, initial state, z, μ and σ̂ (with the KL term), encoder.</li>
 * </ol>
 * The random numbers of a step (ε, dropout masks) are drawn per sketch from the step seed
 * ({@link SketchRandom}), so results do not depend on the number of threads; the shard count, which sets
 * the order in which gradients are summed, depends only on the batch size.
 */
public final class FusedSketchRnn implements AutoCloseable {
    /** Sketches per shard at most: a batch of 100 is two shards of 50. */
    public static final int SHARD_ROWS = 50;

    private final HParams hp;
    private final ModelConfig model;
    private final double klTolerance;
    private final FlatParameters layout;
    private final float[] theta;
    private final float[] grad;
    private final boolean conditional;
    private final int zSize;
    private final LstmLayer encFw;     // null when unconditional
    private final LstmLayer encBw;
    private final LstmLayer dec;
    private final MixtureDensityLoss head;
    private final int wMu;
    private final int bMu;
    private final int wSigma;
    private final int bSigma;
    private final int wInit;
    private final int bInit;
    private final ExecutorService pool;
    private final int shardRows;
    private final List<Shard> shards = new ArrayList<>();

    /** Whether the engine computes this model; else {@link #unsupportedReason}. */
    public static boolean supports(HParams hp) {
        return unsupportedReason(hp) == null;
    }

    /** Why the engine cannot train this model, or null. */
    public static String unsupportedReason(HParams hp) {
        ModelConfig m = hp.model();
        for (CellKind cell : new CellKind[] {m.decModel(), m.conditional() ? m.encModel() : CellKind.LSTM}) {
            if (cell != CellKind.LSTM && cell != CellKind.LAYER_NORM) {
                return "the fused engine runs the lstm and layer_norm cells, not " + cell.referenceName();
            }
        }
        if (hp.training().useInputDropout() || hp.training().useOutputDropout()) {
            return "the fused engine has no input or output dropout";
        }
        return null;
    }

    /**
     * An engine for a model of {@code hp} with the given weights (names and shapes of the DJL model).
     *
     * @param threads threads to run shards on (at least 1)
     */
    public FusedSketchRnn(HParams hp, Map<String, long[]> shapes, Map<String, float[]> weights, int threads) {
        this(hp, shapes, weights, threads, SHARD_ROWS);
    }

    /** As the public constructor, with at most {@code shardRows} sketches per shard (tests use small shards). */
    FusedSketchRnn(HParams hp, Map<String, long[]> shapes, Map<String, float[]> weights, int threads, int shardRows) {
        this.shardRows = shardRows;
        String why = unsupportedReason(hp);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        this.hp = hp;
        this.model = hp.model();
        this.klTolerance = hp.training().klTolerance();
        this.layout = new FlatParameters(shapes);
        this.theta = layout.flatten(weights);
        this.grad = new float[layout.size()];
        this.conditional = model.conditional();
        this.zSize = model.zSize();
        double keep = hp.training().recurrentKeep();
        if (conditional) {
            boolean ln = model.encModel() == CellKind.LAYER_NORM;
            encFw = new LstmLayer(layout, "enc_fw/", 5, 0, model.encRnnSize(), ln, keep);
            encBw = new LstmLayer(layout, "enc_bw/", 5, 0, model.encRnnSize(), ln, keep);
            wMu = layout.offset("enc_mu/w");
            bMu = layout.offset("enc_mu/b");
            wSigma = layout.offset("enc_sigma/w");
            bSigma = layout.offset("enc_sigma/b");
            wInit = layout.offset("dec_init/w");
            bInit = layout.offset("dec_init/b");
        } else {
            encFw = null;
            encBw = null;
            wMu = bMu = wSigma = bSigma = wInit = bInit = -1;
        }
        dec = new LstmLayer(layout, "dec/", 5, conditional ? zSize : 0, model.decRnnSize(),
                model.decModel() == CellKind.LAYER_NORM, keep);
        head = new MixtureDensityLoss(layout, model.decRnnSize(), model.numMixture());
        int n = Math.max(1, threads);
        pool = n == 1 ? null : Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "sketchrnn-engine");
            t.setDaemon(true);
            return t;
        });
    }

    public HParams hparams() {
        return hp;
    }

    public FlatParameters layout() {
        return layout;
    }

    /** The parameters, flat (live: an optimizer updates them in place). */
    public float[] parameters() {
        return theta;
    }

    /** The gradient of the last {@link #step}, flat. */
    public float[] gradient() {
        return grad;
    }

    /** Named copies of the parameters. */
    public Map<String, float[]> weights() {
        return layout.unflatten(theta);
    }

    /** Replaces every parameter. */
    public void load(Map<String, float[]> weights) {
        System.arraycopy(layout.flatten(weights), 0, theta, 0, theta.length);
    }

    /** Bytes of activation buffers held. */
    public long activationBytes() {
        long n = 0;
        for (Shard s : shards) {
            n += s.bytes();
        }
        return n;
    }

    /** The losses of a pass: {@code cost = recon + w_KL max(kl, kl_tolerance)}. */
    public record Losses(double cost, double recon, double offset, double pen, double kl) {
        /** The values as the metrics every trainer, log and file reads ({@link LossMetrics}). */
        public Metrics metrics() {
            return LossMetrics.of(cost, recon, offset, pen, kl);
        }
    }

    /**
     * A training pass: losses of the batch and, in {@link #gradient()}, dcost/dθ. Recurrent dropout as the
     * hyperparameters say; the pen loss counts padding (training masking, docs/model.md).
     */
    public Losses step(Batch batch, double klWeight, long stepSeed) {
        return run(batch, klWeight, stepSeed, true, null);
    }

    /**
     * The losses without gradients in evaluation mode: no dropout, the pen loss masked to real points; z is
     * still sampled, as the reference does.
     */
    public Losses evaluate(Batch batch, long seed) {
        return run(batch, 0, seed, false, null);
    }

    /**
     * A pass with everything spelled out, for tests: {@code eps (B, Nz)} given (or null to draw it),
     * training or evaluation masking, and gradients when {@code training}.
     */
    public Losses pass(Batch batch, double klWeight, long seed, boolean training, float[] eps) {
        return run(batch, klWeight, seed, training, eps);
    }

    /**
     * The latent noise ε {@code (B, Nz)} the engine draws for a batch of {@code batch} sketches with a step
     * seed: the DJL path uses it too, so that both paths compute the same function of a step.
     */
    public static float[] latentNoise(long seed, int batch, int zSize) {
        float[] eps = new float[batch * zSize];
        for (int r = 0; r < batch; r++) {
            new SketchRandom(seed, r).gaussians(eps, r * zSize, zSize);
        }
        return eps;
    }

    private Losses run(Batch batch, double klWeight, long seed, boolean training, float[] eps) {
        int b = batch.size();
        int steps = batch.maxLen();
        if (steps < 1 || b < 1) {
            throw new IllegalArgumentException("a batch needs at least one sketch and one step");
        }
        prepareShards(b, steps);
        int count = shardCount(b);
        double scale = 1.0 / ((double) b * Math.max(steps, model.maxSeqLen()));
        boolean dropout = training;
        // 1. encode (per shard)
        if (conditional) {
            parallel(count, k -> shards.get(k).encode(batch, seed, dropout, eps));
        }
        // 2. L_KL of the whole batch
        double kl = 0;
        double klGate = 0;
        if (conditional) {
            double sum = 0;
            for (int k = 0; k < count; k++) {
                sum += shards.get(k).klSum;
            }
            kl = -0.5 * sum / ((double) b * zSize);
            klGate = kl > klTolerance ? klWeight : 0;
        }
        double gate = klGate;
        // 3-4. decode, loss, and the backward pass (per shard)
        parallel(count, k -> shards.get(k).decode(batch, seed, dropout, training, scale, gate));
        double offset = 0;
        double pen = 0;
        for (int k = 0; k < count; k++) {
            offset += shards.get(k).offsetSum * scale;
            pen += shards.get(k).penSum * scale;
        }
        if (training) {
            System.arraycopy(shards.get(0).grad, 0, grad, 0, grad.length);
            for (int k = 1; k < count; k++) {
                float[] g = shards.get(k).grad;
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += g[i];
                }
            }
        }
        double recon = offset + pen;
        double cost = conditional ? recon + klWeight * Math.max(kl, klTolerance) : recon;
        return new Losses(cost, recon, offset, pen, kl);
    }

    private int shardCount(int batch) {
        return (batch + shardRows - 1) / shardRows;
    }

    private void prepareShards(int batch, int steps) {
        int count = shardCount(batch);
        int per = (batch + count - 1) / count;
        int capacity = Math.max(steps, model.maxSeqLen());
        for (int k = 0; k < count; k++) {
            int first = k * per;
            int rows = Math.min(per, batch - first);
            if (k < shards.size()) {
                Shard s = shards.get(k);
                if (s.capacityRows >= rows && s.capacitySteps >= steps) {
                    s.first = first;
                    s.rows = rows;
                    continue;
                }
                shards.set(k, new Shard(Math.max(rows, s.capacityRows), Math.max(capacity, s.capacitySteps)));
            } else {
                shards.add(new Shard(rows, capacity));
            }
            shards.get(k).first = first;
            shards.get(k).rows = rows;
        }
    }

    private interface ShardTask {
        void run(int shard);
    }

    private void parallel(int count, ShardTask task) {
        if (pool == null || count == 1) {
            for (int k = 0; k < count; k++) {
                task.run(k);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int k = 1; k < count; k++) {
            int shard = k;
            futures.add(pool.submit(() -> task.run(shard)));
        }
        task.run(0);
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * The rows {@code first .. first+rows-1} of the batch: their activations (allocated once, for at most
     * {@code capacityRows} sketches of {@code capacitySteps} steps) and their share of the gradient.
     */
    private final class Shard {
        final int capacityRows;
        final int capacitySteps;
        int first;
        int rows;
        final LstmLayer.Trace fw;          // null when unconditional
        final LstmLayer.Trace bw;
        final LstmLayer.Trace de;
        final MixtureDensityLoss.Trace out;
        final float[] grad = new float[layout.size()];
        final float[] target;              // (T·rows, 5) S_{t+1}
        final int[] last;                  // (rows) len - 1, in the encoder's row order
        final int[] order;                 // (rows) encoder row r is sketch first + order[r]: by decreasing length
        final int[] active;                // (T) encoder rows still running at step t
        final float[] hEnc;                // (rows, 2E)
        final float[] mu;                  // (rows, Nz)
        final float[] sigmaHat;            // (rows, Nz)
        final float[] eps;                 // (rows, Nz)
        final float[] z;                   // (rows, Nz)
        final float[] s0;                  // (rows, 2H) tanh(z·W_0 + b_0) = [c_0 ; h_0]
        final float[] ds0;                 // (rows, 2H)
        final float[] dz;                  // (rows, Nz)
        final float[] dMu;                 // (rows, Nz)
        final float[] dSigmaHat;           // (rows, Nz)
        final float[] dHEnc;               // (rows, 2E)
        final float[] dFw;                 // (rows, E)
        final float[] dBw;                 // (rows, E)
        double klSum;
        double offsetSum;
        double penSum;

        Shard(int capacityRows, int capacitySteps) {
            this.capacityRows = capacityRows;
            this.capacitySteps = capacitySteps;
            int e = model.encRnnSize();
            int h = model.decRnnSize();
            fw = conditional ? encFw.newTrace(capacityRows, capacitySteps) : null;
            bw = conditional ? encBw.newTrace(capacityRows, capacitySteps) : null;
            de = dec.newTrace(capacityRows, capacitySteps);
            out = head.newTrace(capacityRows, capacitySteps);
            target = new float[capacityRows * capacitySteps * 5];
            last = new int[capacityRows];
            order = new int[capacityRows];
            active = new int[capacitySteps];
            hEnc = new float[capacityRows * 2 * e];
            mu = new float[capacityRows * zSize];
            sigmaHat = new float[capacityRows * zSize];
            eps = new float[capacityRows * zSize];
            z = new float[capacityRows * zSize];
            s0 = new float[capacityRows * 2 * h];
            ds0 = new float[capacityRows * 2 * h];
            dz = new float[capacityRows * zSize];
            dMu = new float[capacityRows * zSize];
            dSigmaHat = new float[capacityRows * zSize];
            dHEnc = new float[capacityRows * 2 * e];
            dFw = new float[capacityRows * e];
            dBw = new float[capacityRows * e];
        }

        long bytes() {
            long n = de.bytes() + out.bytes() + 4L * (grad.length + target.length);
            if (fw != null) {
                n += fw.bytes() + bw.bytes();
            }
            return n;
        }

        /** Step 1: the encoder over this shard's sketches, μ, σ̂, ε and the KL sum. */
        void encode(Batch batch, long seed, boolean dropout, float[] givenEps) {
            int e = model.encRnnSize();
            int[] lengths = batch.lengths();
            int steps = 0;
            for (int r = 0; r < rows; r++) {
                steps = Math.max(steps, lengths[first + r]);
            }
            fw.rows = rows;
            bw.rows = rows;
            // rows by decreasing length, so that the rows still running at any step are a prefix
            for (int r = 0; r < rows; r++) {
                order[r] = r;
            }
            sortByLength(order, rows, lengths, first);
            for (int t = 0; t < steps; t++) {
                int live = 0;
                while (live < rows && lengths[first + order[live]] > t) {
                    live++;
                }
                active[t] = live;
            }
            fw.active = active;
            bw.active = active;
            // inputs: forwards S_{t+1}; backwards S_{len-t} (zeros past the length); row r is sketch order[r]
            java.util.Arrays.fill(bw.x, 0, steps * rows * 5, 0f);
            for (int r = 0; r < rows; r++) {
                int sketch = first + order[r];
                int len = lengths[sketch];
                last[r] = len - 1;
                for (int t = 0; t < steps; t++) {
                    batch.copyRow(sketch, t + 1, fw.x, (t * rows + r) * 5);
                }
                for (int t = 0; t < len; t++) {
                    batch.copyRow(sketch, len - t, bw.x, (t * rows + r) * 5);
                }
            }
            java.util.Arrays.fill(fw.c, 0, rows * e, 0f);
            java.util.Arrays.fill(fw.h, 0, rows * e, 0f);
            java.util.Arrays.fill(bw.c, 0, rows * e, 0f);
            java.util.Arrays.fill(bw.h, 0, rows * e, 0f);
            // the sketch's random numbers: ε, then the dropout masks
            for (int q = 0; q < rows; q++) {
                int r = order[q];                                                    // sketch first + r, encoder row q
                SketchRandom rng = new SketchRandom(seed, first + r);
                rng.gaussians(eps, r * zSize, zSize);
                if (givenEps != null) {
                    System.arraycopy(givenEps, (first + r) * zSize, eps, r * zSize, zSize);
                }
                if (dropout && encFw.dropout()) {
                    rng.mask(fw.m, q, rows, steps, e, encFw.keep);
                    rng.mask(bw.m, q, rows, steps, e, encBw.keep);
                }
            }
            if (!dropout && fw.m != null) {
                java.util.Arrays.fill(fw.m, 0, steps * rows * e, 1f);
                java.util.Arrays.fill(bw.m, 0, steps * rows * e, 1f);
            }
            encFw.forward(theta, fw, steps);
            encBw.forward(theta, bw, steps);
            // h = [h_→ ; h_←] after each sketch's own last step                          (rows, 2E)
            for (int r = 0; r < rows; r++) {
                int len = lengths[first + order[r]];
                int o = order[r] * 2 * e;
                if (len == 0) {
                    java.util.Arrays.fill(hEnc, o, o + 2 * e, 0f);
                } else {
                    System.arraycopy(fw.h, (len * rows + r) * e, hEnc, o, e);
                    System.arraycopy(bw.h, (len * rows + r) * e, hEnc, o + e, e);
                }
            }
            // μ = h·W_μ + b_μ,  σ̂ = h·W_σ + b_σ                                          (rows, Nz)
            affine(hEnc, 2 * e, wMu, bMu, mu);
            affine(hEnc, 2 * e, wSigma, bSigma, sigmaHat);
            double sum = 0;
            for (int i = 0; i < rows * zSize; i++) {
                double s = sigmaHat[i];
                sum += 1 + s - (double) mu[i] * mu[i] - Math.exp(s);
            }
            klSum = sum;
        }

        /** Sorts {@code order[0..n)} by decreasing length of sketch {@code first + order[i]}, stably. */
        private static void sortByLength(int[] order, int n, int[] lengths, int first) {
            for (int i = 1; i < n; i++) {
                int v = order[i];
                int j = i - 1;
                while (j >= 0 && lengths[first + order[j]] < lengths[first + v]) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = v;
            }
        }

        /** out (rows, Nz) = in (rows, k)·W + b. */
        private void affine(float[] in, int k, int w, int bias, float[] out) {
            Gemm.nn(rows, zSize, k, in, 0, k, theta, w, zSize, out, 0, zSize, false);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < zSize; j++) {
                    out[r * zSize + j] += theta[bias + j];
                }
            }
        }

        /** Steps 3-4: z, the decoder, the loss and, when training, every gradient of this shard. */
        void decode(Batch batch, long seed, boolean dropout, boolean backward, double scale, double klGate) {
            int h = model.decRnnSize();
            int steps = batch.maxLen();
            de.rows = rows;
            // inputs S_t and targets S_{t+1}
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < rows; r++) {
                    batch.copyRow(first + r, t, de.x, (t * rows + r) * 5);
                    batch.copyRow(first + r, t + 1, target, (t * rows + r) * 5);
                }
            }
            if (conditional) {
                // z = μ + exp(σ̂/2) ⊙ ε;  [c_0 ; h_0] = tanh(z·W_0 + b_0)
                for (int i = 0; i < rows * zSize; i++) {
                    z[i] = mu[i] + (float) Math.exp(sigmaHat[i] / 2) * eps[i];
                }
                System.arraycopy(z, 0, de.k, 0, rows * zSize);
                Gemm.nn(rows, 2 * h, zSize, z, 0, zSize, theta, wInit, 2 * h, s0, 0, 2 * h, false);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < 2 * h; j++) {
                        s0[r * 2 * h + j] += theta[bInit + j];
                    }
                }
                Activations.tanh(s0, 0, s0, 0, rows * 2 * h);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(s0, r * 2 * h, de.c, r * h, h);
                    System.arraycopy(s0, r * 2 * h + h, de.h, r * h, h);
                }
            } else {
                java.util.Arrays.fill(de.c, 0, rows * h, 0f);
                java.util.Arrays.fill(de.h, 0, rows * h, 0f);
            }
            if (de.m != null) {
                if (dropout) {
                    for (int r = 0; r < rows; r++) {
                        SketchRandom rng = new SketchRandom(seed ^ 0x5DEECE66DL, first + r);
                        rng.mask(de.m, r, rows, steps, h, dec.keep);
                    }
                } else {
                    java.util.Arrays.fill(de.m, 0, steps * rows * h, 1f);
                }
            }
            dec.forward(theta, de, steps);
            int n = steps * rows;
            MixtureDensityLoss.Sums sums = head.forward(theta, out, de.h, rows * h, n, target, !backward,
                    backward ? scale : 0);
            offsetSum = sums.offset();
            penSum = sums.pen();
            if (!backward) {
                return;
            }
            // ---- backward
            java.util.Arrays.fill(grad, 0f);
            head.backward(theta, grad, out, de.h, rows * h, n);
            dec.backward(theta, grad, de, out.dh, null, null);
            if (!conditional) {
                return;
            }
            // [c_0 ; h_0] = tanh(z·W_0 + b_0)
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < h; j++) {
                    float sc = s0[r * 2 * h + j];
                    float sh = s0[r * 2 * h + h + j];
                    ds0[r * 2 * h + j] = de.dc[r * h + j] * (1 - sc * sc);
                    ds0[r * 2 * h + h + j] = de.dh[r * h + j] * (1 - sh * sh);
                }
            }
            Gemm.tn(zSize, 2 * h, rows, z, 0, zSize, ds0, 0, 2 * h, grad, wInit, 2 * h, true);
            LstmLayer.columnSums(ds0, rows, 2 * h, grad, bInit);
            Gemm.nt(rows, zSize, 2 * h, ds0, 0, 2 * h, theta, wInit, 2 * h, dz, 0, zSize, false);
            for (int i = 0; i < rows * zSize; i++) {
                dz[i] += de.dk[i];
            }
            // z = μ + exp(σ̂/2) ε, and w_KL · L_KL when above the floor
            double klScale = klGate / ((double) batch.size() * zSize);
            for (int i = 0; i < rows * zSize; i++) {
                double s = Math.exp(sigmaHat[i] / 2);
                dMu[i] = (float) (dz[i] + klScale * mu[i]);
                dSigmaHat[i] = (float) (dz[i] * eps[i] * 0.5 * s - 0.5 * klScale * (1 - s * s));
            }
            int e = model.encRnnSize();
            Gemm.nt(rows, 2 * e, zSize, dMu, 0, zSize, theta, wMu, zSize, dHEnc, 0, 2 * e, false);
            Gemm.nt(rows, 2 * e, zSize, dSigmaHat, 0, zSize, theta, wSigma, zSize, dHEnc, 0, 2 * e, true);
            Gemm.tn(2 * e, zSize, rows, hEnc, 0, 2 * e, dMu, 0, zSize, grad, wMu, zSize, true);
            Gemm.tn(2 * e, zSize, rows, hEnc, 0, 2 * e, dSigmaHat, 0, zSize, grad, wSigma, zSize, true);
            LstmLayer.columnSums(dMu, rows, zSize, grad, bMu);
            LstmLayer.columnSums(dSigmaHat, rows, zSize, grad, bSigma);
            for (int r = 0; r < rows; r++) {                                         // back to the encoder's row order
                System.arraycopy(dHEnc, order[r] * 2 * e, dFw, r * e, e);
                System.arraycopy(dHEnc, order[r] * 2 * e + e, dBw, r * e, e);
            }
            encFw.backward(theta, grad, fw, null, dFw, last);
            encBw.backward(theta, grad, bw, null, dBw, last);
        }
    }
}
