package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import sketchrnn.data.Batch;

/**
 * sketch-rnn (Ha and Eck 2017; docs/model.md §4-8): a sequence-to-sequence variational autoencoder of stroke-5
 * sketches. Reading order of a training pass, {@link #loss}:
 * <ol>
 *   <li>{@link BidirectionalEncoder}: S_1..S_N of each sketch to mu, sigma_hat (Eq. 1-2);
 *       {@code z = mu + exp(sigma_hat/2) ⊙ eps};</li>
 *   <li>{@link Decoder}: initial state {@code tanh(z·W_z + b_z)}, then the cell ({@link LstmCell},
 *       {@link LayerNormLstmCell} or {@link HyperLstmCell}) over {@code [S_{i-1} ; z]} (Eq. 4-5);</li>
 *   <li>{@link MixtureDensityHead}: {@code y = h·W_y + b_y} per step (Eq. 6);</li>
 *   <li>{@link SketchRnnLoss}: reconstruction and KL terms (Eq. 9-12).</li>
 * </ol>
 * Unconditional (decoder-only) models skip the encoder: zero initial state, input {@code S_{i-1}} alone.
 *
 * <p>Parameters are named as the reference's variables, weights {@code (in, out)} row-major (x·W), gate
 * order i, j, f, o, forget bias +1 added at run time: {@code enc_fw/*}, {@code enc_bw/*}, {@code enc_mu/*},
 * {@code enc_sigma/*}, {@code dec_init/*}, {@code dec/*}, {@code output/*} (see each component).
 *
 * <p>All arrays a method computes are attached to the {@code scope} it is given; intermediates of each
 * time step are closed as soon as the step is done. Randomness at run time (eps, dropout masks) comes from
 * the seed each pass is given ({@link Noise}), never from the engine's process-wide generator, so a pass is
 * repeated by repeating its seed; initial parameters come from the seed of {@link #create}.
 */
public final class SketchRnn implements AutoCloseable {
    private final HParams hp;
    private final DataType dtype;
    private final NDManager manager;
    private final BidirectionalEncoder encoder; // null when unconditional
    private final Decoder decoder;
    private final MixtureDensityHead head;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();

    private SketchRnn(HParams hp, DataType dtype, boolean tanhZ) {
        this.hp = hp;
        this.dtype = dtype;
        this.manager = NDManager.newBaseManager();
        ModelConfig m = hp.model();
        this.encoder = m.conditional() ? new BidirectionalEncoder(m, hp.training().recurrentKeep()) : null;
        this.decoder = new Decoder(m, hp.training(), tanhZ);
        this.head = new MixtureDensityHead(m.decRnnSize(), m.numMixture());
    }

    /**
     * A fresh model, initialised as the reference does: W_xh and the output layer Glorot-uniform, W_hh
     * orthogonal per gate block, N(0, 0.001²) for the mu, sigma and initial-state layers, zero biases (the
     * output bias is Glorot-uniform like TF's default), layer-norm gains 1, HyperLSTM's own starts. The same
     * seed gives the same parameters.
     */
    public static SketchRnn create(HParams hp, long seed) {
        return create(hp, seed, DataType.FLOAT32);
    }

    /**
     * As {@link #create(HParams, long)} in another precision: FLOAT64 for gradient checks, and for comparing a
     * published model with the browser runtime's own float32 arithmetic (whose summation order differs from
     * the engine's, so a float32 model drifts a little further from it). Callers of {@link #decodeStep} and
     * {@link #initialState} give z in this precision ({@link #dataType()}); inputs are converted.
     */
    public static SketchRnn create(HParams hp, long seed, DataType dtype) {
        return create(hp, seed, dtype, false);
    }

    /**
     * As {@link #create(HParams, long, DataType)}, with the initial-state layer reading {@code tanh(z)} instead
     * of z when {@code tanhZBeforeInitialState}: {@code [c_0 ; h_0] = tanh(tanh(z)·W_z + b_z)}, as the browser
     * runtimes do for VAE files older than format version 6 (docs/model.md §12). Only the initial state
     * changes: the z appended to every decoder input is z itself. Honoured by {@link #initialState}, by the
     * training and evaluation pass ({@link #loss}) and by {@link #decode}. Off for models this project creates;
     * asked for by the browser model loader, not saved in checkpoints. No effect on unconditional models.
     */
    public static SketchRnn create(HParams hp, long seed, DataType dtype, boolean tanhZBeforeInitialState) {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT64) {
            throw new IllegalArgumentException("a model computes in FLOAT32 or FLOAT64, not " + dtype);
        }
        SketchRnn model = new SketchRnn(hp, dtype, tanhZBeforeInitialState);
        SplittableRandom random = new SplittableRandom(seed);
        for (ParameterSpec spec : model.parameterSpecs()) {
            SplittableRandom rng = random.split(); // one stream per parameter, in declaration order
            int rows = spec.shape().dimension() == 1 ? 1 : (int) spec.shape().get(0);
            int cols = (int) spec.shape().get(spec.shape().dimension() - 1);
            double[] values = new double[rows * cols];
            spec.init().fill(values, rows, cols, rng);
            NDArray p;
            try (NDArray exact = model.manager.create(values, spec.shape())) {
                p = Ops.engineCopy(exact, dtype);
            }
            p.setName(spec.name());
            p.setRequiresGradient(true);
            model.parameters.put(spec.name(), p);
        }
        return model;
    }

    /** The parameters of a model of {@code model}, in model order, without building it (dropout changes none). */
    private static List<ParameterSpec> specsOf(ModelConfig model) {
        List<ParameterSpec> specs = new ArrayList<>();
        if (model.conditional()) {
            specs.addAll(new BidirectionalEncoder(model, 1).parameters());
        }
        specs.addAll(new Decoder(model, TrainingConfig.defaults(), false).parameters());
        specs.addAll(new MixtureDensityHead(model.decRnnSize(), model.numMixture()).parameters());
        return specs;
    }

    /** Named parameter shapes and values. */
    public record Parameters(Map<String, long[]> shapes, Map<String, float[]> values) {
    }

    /**
     * The parameters {@link #create(HParams, long)} starts from, computed without the engine (plain Java):
     * the same names, shapes and values, for the fused engine.
     */
    public static Parameters initialParameters(ModelConfig model, long seed) {
        List<ParameterSpec> specs = specsOf(model);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (ParameterSpec spec : specs) {
            SplittableRandom rng = random.split(); // one stream per parameter, in declaration order, as create
            int rows = spec.shape().dimension() == 1 ? 1 : (int) spec.shape().get(0);
            int cols = (int) spec.shape().get(spec.shape().dimension() - 1);
            double[] exact = new double[rows * cols];
            spec.init().fill(exact, rows, cols, rng);
            float[] v = new float[exact.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) exact[i];
            }
            shapes.put(spec.name(), spec.shape().getShape());
            values.put(spec.name(), v);
        }
        return new Parameters(shapes, values);
    }

    private List<ParameterSpec> parameterSpecs() {
        List<ParameterSpec> specs = new ArrayList<>();
        if (encoder != null) {
            specs.addAll(encoder.parameters());
        }
        specs.addAll(decoder.parameters());
        specs.addAll(head.parameters());
        return specs;
    }

    /**
     * The parameters a model of this configuration has, name to shape, in model order, without creating
     * the model (nothing is allocated): what a checkpoint's weights are checked against before they are read.
     */
    public static Map<String, long[]> parameterShapes(ModelConfig model) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (ParameterSpec spec : specsOf(model)) {
            out.put(spec.name(), spec.shape().getShape());
        }
        return out;
    }

    public HParams hparams() {
        return hp;
    }

    /** The precision of the parameters and of every computation: FLOAT32 unless created otherwise. */
    public DataType dataType() {
        return dtype;
    }

    /** Every trainable parameter by name, fixed order; the arrays are the model's own (requiresGradient). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public long parameterCount() {
        long n = 0;
        for (NDArray p : parameters.values()) {
            n += p.size();
        }
        return n;
    }

    /** True when the initial-state layer reads tanh(z) (see {@link #create(HParams, long, DataType, boolean)}). */
    public boolean tanhZBeforeInitialState() {
        return decoder.tanhZ();
    }

    /** The mixture density head, to turn decoder outputs y into distributions. */
    public MixtureDensityHead mixtureDensityHead() {
        return head;
    }

    /** Size of the decoder's flat state ({@link DecoderState}). */
    public int stateSize() {
        return decoder.cell().stateSize();
    }

    /**
     * The forward pass and the loss (docs/model.md §8) for a batch. L_R is the sum over the batch's B x T steps
     * divided by B x N_max ({@code max_seq_len}; T if longer): the reference's mean for batches padded to
     * N_max, and the same scale for a batch padded only to its own longest sketch.
     *
     * @param training  true: recurrent, input and output dropout as the hyperparameters say, pen loss over
     *                  all T steps; false: no dropout, pen loss masked to real points (evaluation). z is
     *                  sampled in both, as the reference does.
     * @param klWeight  w_KL of this step
     * @param seed      the seed of the pass's random numbers ({@link Noise}): eps and the dropout masks
     */
    public LossTerms loss(Batch batch, boolean training, float klWeight, NDManager scope, long seed) {
        return loss(batch, training, klWeight, scope, null, seed);
    }

    /**
     * As {@link #loss(Batch, boolean, float, NDManager, long)} with a given {@code eps (B, Nz)}, or null to draw
     * it: the trainer gives the fused engine's, so that both paths compute the same function of a step.
     */
    public LossTerms loss(Batch batch, boolean training, float klWeight, NDManager scope, NDArray eps, long seed) {
        requireSteps(batch);
        Noise noise = Noise.seeded(seed);
        Noise dropout = training ? noise : null;
        Weights w = new Weights(parameters, scope);
        Encoded encoded = null;
        NDArray z = null;
        if (encoder != null) {
            encoded = encoder.encode(w, batch, dropout, scope, dtype);                 // (B, Nz) x 2, Eq. 1-2
            z = eps == null ? encoded.sample(noise, scope) : encoded.withNoise(local(eps, scope)); // (B, Nz)
        }
        NDArray y = head.project(w, decoder.run(w, decoderInputs(batch, scope), z, dropout, scope)); // (T*B, 3+6M)
        return SketchRnnLoss.of(head, y, batch, encoded, training, klWeight, hp.training().klTolerance(),
                hp.model().maxSeqLen());
    }

    /**
     * The raw head outputs of every step with teacher forcing (the evaluation pass without the loss: no dropout).
     *
     * @param z (B, Nz), ignored (may be null) when unconditional
     * @return (B, T, 3+6M)
     */
    public NDArray decode(Batch batch, NDArray z, NDManager scope) {
        requireSteps(batch);
        try (NDScope pass = new NDScope()) {
            Weights w = new Weights(parameters, scope);
            NDArray zz = encoder == null ? null : local(z, scope);
            NDArray y = head.project(w, decoder.run(w, decoderInputs(batch, scope), zz, null, scope))
                    .reshape(batch.maxLen(), batch.size(), head.outputSize())             // (T, B, 3+6M)
                    .transpose(1, 0, 2);                                                  // (B, T, 3+6M)
            NDScope.unregister(y);
            return y;
        }
    }

    // ---- inference: encoding, and decoding one step at a time (sampling, completion) ----

    /** mu and sigma_hat of each sketch (no dropout), honouring true lengths. */
    public Encoded encode(Batch batch, NDManager scope) {
        if (encoder == null) {
            throw new IllegalStateException("an unconditional model has no encoder");
        }
        try (NDScope pass = new NDScope()) {
            Encoded e = encoder.encode(new Weights(parameters, scope), batch, null, scope, dtype);
            NDScope.unregister(e.mu(), e.sigmaHat());
            return e;
        }
    }

    /** The decoder's state before the first step (Eq. 4): from z (B, Nz), or zeros when unconditional (z null). */
    public DecoderState initialState(NDArray z, int batchSize, NDManager scope) {
        try (NDScope pass = new NDScope()) {
            Weights w = new Weights(parameters, scope);
            NDArray zz = encoder == null ? null : local(z, scope);
            NDArray flat = decoder.cell().join(decoder.initialState(w, zz, batchSize, scope, dtype));
            NDScope.unregister(flat);
            return new DecoderState(flat);
        }
    }

    /**
     * One decoder step without dropout: reads {@code input (B, 5)}, stroke-5 in model units (the start
     * token S0 first, then each sampled point), and z (ignored, may be null, when unconditional).
     */
    public DecoderStep decodeStep(NDArray input, NDArray z, DecoderState state, NDManager scope) {
        try (NDScope pass = new NDScope()) {                                          // the prepared weights end here
            DecoderStep step = new Stepper(scope).step(input, z, state, scope, true);
            NDScope.unregister(step.y(), step.state().state());
            return step;
        }
    }

    /**
     * Prepares many single decoder steps (sampling, completion): the cell's weights are joined once, in
     * {@code session}, instead of at every {@link #decodeStep}. Use it while {@code session} is open and the
     * parameters do not change (no training in between).
     */
    public Stepper stepper(NDManager session) {
        return new Stepper(session);
    }

    /** Single decoder steps with prepared weights: the one single-step path ({@link #decodeStep} runs one). */
    public final class Stepper {
        private final RecurrentCell cell = decoder.cell();
        private final Decoder.Steps steps;
        private final MixtureDensityHead.Projection projection;

        private Stepper(NDManager session) {
            Weights w = new Weights(parameters, session);
            for (String name : parameters.keySet()) {
                w.get(name); // every alias now, in the session: none may be made inside a step's scope
            }
            steps = decoder.prepareSteps(w, session);
            projection = head.prepare(w);
        }

        /**
         * One step without dropout, as {@link #decodeStep}: reads {@code input (B, 5)} and z (ignored, may be
         * null, when unconditional).
         *
         * @param withOutput false to skip the head (teacher forcing through a prefix: only the state matters);
         *                   the step's y is then null
         */
        public DecoderStep step(NDArray input, NDArray z, DecoderState state, NDManager scope, boolean withOutput) {
            try (NDScope pass = new NDScope()) {
                NDArray in = local(input, scope).toType(dtype, false);                 // (B, 5)
                NDList next = steps.step(in, encoder == null ? null : local(z, scope), cell.split(local(state.state(), scope)));
                NDArray y = withOutput ? projection.apply(cell.output(next)) : null;   // (B, 3+6M)
                NDArray flat = cell.join(next);                                        // (B, stateSize)
                NDScope.unregister(flat);
                if (y != null) {
                    NDScope.unregister(y);
                }
                return new DecoderStep(y, new DecoderState(flat));
            }
        }

        /** The head's output {@code y (B, 3+6M)} for a state: what the step that reached it returned. */
        public NDArray output(DecoderState state, NDManager scope) {
            try (NDScope pass = new NDScope()) {
                NDArray y = projection.apply(cell.output(cell.split(local(state.state(), scope)))); // (B, 3+6M)
                NDScope.unregister(y);
                return y;
            }
        }
    }

    private static void requireSteps(Batch batch) {
        if (batch.maxLen() < 1) {
            throw new IllegalArgumentException("a batch to decode needs at least one step, got maxLen " + batch.maxLen());
        }
    }

    private NDArray decoderInputs(Batch batch, NDManager scope) {
        return Ops.tensor(scope, Decoder.inputs(batch), new Shape(batch.maxLen(), batch.size(), 5), dtype);
    }

    /** An alias of a caller's array attached to the scope, so that results computed from it land there. */
    private static NDArray local(NDArray a, NDManager scope) {
        if (a == null) {
            throw new IllegalArgumentException("z is required by a conditional model");
        }
        NDArray alias = a.reshape(a.getShape());
        alias.attach(scope);
        return alias;
    }

    @Override
    public void close() {
        manager.close();
    }
}
