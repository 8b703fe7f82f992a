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
 * sketch-rnn (Ha and Eck 2017; SPEC 3-4): a sequence-to-sequence variational autoencoder of stroke-5
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
 * the engine's generator, so {@code Engine.getInstance().setRandomSeed(s)} makes a pass repeatable;
 * initial parameters come from the seed of {@link #create}.
 */
public final class SketchRnn implements AutoCloseable {
    private final HParams hp;
    private final DataType dtype;
    private final NDManager manager;
    private final BidirectionalEncoder encoder; // null when unconditional
    private final Decoder decoder;
    private final MixtureDensityHead head;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();

    private SketchRnn(HParams hp, DataType dtype) {
        this.hp = hp;
        this.dtype = dtype;
        this.manager = NDManager.newBaseManager();
        this.encoder = hp.conditional() ? new BidirectionalEncoder(hp) : null;
        this.decoder = new Decoder(hp);
        this.head = new MixtureDensityHead(hp.decRnnSize(), hp.numMixture());
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
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT64) {
            throw new IllegalArgumentException("a model computes in FLOAT32 or FLOAT64, not " + dtype);
        }
        SketchRnn model = new SketchRnn(hp, dtype);
        SplittableRandom random = new SplittableRandom(seed);
        for (ParameterSpec spec : model.parameterSpecs()) {
            SplittableRandom rng = random.split(); // one stream per parameter, in declaration order
            int rows = spec.shape().dimension() == 1 ? 1 : (int) spec.shape().get(0);
            int cols = (int) spec.shape().get(spec.shape().dimension() - 1);
            double[] values = new double[rows * cols];
            spec.init().fill(values, rows, cols, rng);
            NDArray p;
            try (NDArray exact = model.manager.create(values, spec.shape())) {
                p = exact.toType(dtype, true);
            }
            p.setName(spec.name());
            p.setRequiresGradient(true);
            model.parameters.put(spec.name(), p);
        }
        return model;
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
     * The parameters a model of these hyperparameters has, name to shape, in model order, without creating
     * the model (nothing is allocated): what a checkpoint's weights are checked against before they are read.
     */
    public static Map<String, long[]> parameterShapes(HParams hp) {
        List<ParameterSpec> specs = new ArrayList<>();
        if (hp.conditional()) {
            specs.addAll(new BidirectionalEncoder(hp).parameters());
        }
        specs.addAll(new Decoder(hp).parameters());
        specs.addAll(new MixtureDensityHead(hp.decRnnSize(), hp.numMixture()).parameters());
        Map<String, long[]> out = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
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

    /**
     * Makes the initial-state layer read {@code tanh(z)} instead of z: {@code [c_0 ; h_0] = tanh(tanh(z)·W_z + b_z)},
     * as the browser runtimes do for VAE files older than format version 6 (SPEC 6). Only the initial state
     * changes: the z appended to every decoder input is z itself. Honoured by {@link #initialState}, by the
     * training and evaluation pass ({@link #loss}) and by {@link #decode}. Off for models this project creates;
     * set by the browser model loader, not saved in checkpoints. No effect on unconditional models.
     */
    public void setTanhZBeforeInitialState(boolean value) {
        decoder.setTanhZ(value);
    }

    /** True when the initial-state layer reads tanh(z) (see {@link #setTanhZBeforeInitialState}). */
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
     * The forward pass and the loss of SPEC 4 for a batch. L_R is the sum over the batch's B x T steps
     * divided by B x N_max ({@code max_seq_len}; T if longer): the reference's mean for batches padded to
     * N_max, and the same scale for a batch padded only to its own longest sketch.
     *
     * @param training  true: recurrent, input and output dropout as the hyperparameters say, pen loss over
     *                  all T steps; false: no dropout, pen loss masked to real points (evaluation). z is
     *                  sampled in both, as the reference does.
     * @param klWeight  w_KL of this step
     */
    public LossTerms loss(Batch batch, boolean training, float klWeight, NDManager scope) {
        return loss(batch, training, klWeight, scope, null);
    }

    /** As {@link #loss(Batch, boolean, float, NDManager)} with a given {@code eps (B, Nz)}, or null to draw it. */
    LossTerms loss(Batch batch, boolean training, float klWeight, NDManager scope, NDArray eps) {
        requireSteps(batch);
        Weights w = new Weights(parameters, scope);
        Encoded encoded = null;
        NDArray z = null;
        if (encoder != null) {
            encoded = encoder.encode(w, batch, training, scope, dtype);                // (B, Nz) x 2, Eq. 1-2
            z = eps == null ? encoded.sample(scope) : encoded.withNoise(local(eps, scope)); // (B, Nz)
        }
        NDArray y = head.project(w, decoder.run(w, decoderInputs(batch, scope), z, training, scope)); // (T*B, 3+6M)
        return SketchRnnLoss.of(head, y, batch, encoded, training, klWeight, hp.klTolerance(), hp.maxSeqLen());
    }

    /**
     * The raw head outputs of every step with teacher forcing (the training pass without the loss).
     *
     * @param z (B, Nz), ignored (may be null) when unconditional
     * @return (B, T, 3+6M)
     */
    public NDArray decode(Batch batch, NDArray z, boolean training, NDManager scope) {
        requireSteps(batch);
        try (NDScope pass = new NDScope()) {
            Weights w = new Weights(parameters, scope);
            NDArray zz = encoder == null ? null : local(z, scope);
            NDArray y = head.project(w, decoder.run(w, decoderInputs(batch, scope), zz, training, scope))
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
            Encoded e = encoder.encode(new Weights(parameters, scope), batch, false, scope, dtype);
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
        try (NDScope pass = new NDScope()) {
            Weights w = new Weights(parameters, scope);
            NDArray zz = encoder == null ? null : local(z, scope);
            RecurrentCell cell = decoder.cell();
            NDList next = decoder.step(w, local(input, scope).toType(dtype, false), zz,
                    cell.split(local(state.state(), scope)), scope);
            NDArray y = head.project(w, cell.output(next));                           // (B, 3+6M)
            NDArray flat = cell.join(next);                                           // (B, stateSize)
            NDScope.unregister(y, flat);
            return new DecoderStep(y, new DecoderState(flat));
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

    /** Single decoder steps with prepared weights; the same results as {@link #decodeStep}. */
    public final class Stepper {
        private final RecurrentCell cell = decoder.cell();
        private final RecurrentCell.Steps steps;
        private final NDArray outWT;                                                   // (3+6M, H)
        private final NDArray outB;                                                    // (3+6M)

        private Stepper(NDManager session) {
            Weights w = new Weights(parameters, session);
            for (String name : parameters.keySet()) {
                w.get(name); // every alias now, in the session: none may be made inside a step's scope
            }
            steps = cell.prepareSteps(w, session);
            outWT = w.get("output/w").transpose();
            outB = w.get("output/b");
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
                NDArray x = encoder == null ? in : in.concat(local(z, scope), 1);      // (B, 5+Nz)
                NDList next = steps.step(x, cell.split(local(state.state(), scope)));
                NDArray y = withOutput ? Ops.linear(cell.output(next), outWT, outB) : null; // (B, 3+6M)
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
                NDArray y = Ops.linear(cell.output(cell.split(local(state.state(), scope))), outWT, outB); // (B, 3+6M)
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
