package sketchrnn.model;

import static sketchrnn.model.HParamKey.Type.BOOL;
import static sketchrnn.model.HParamKey.Type.CELL;
import static sketchrnn.model.HParamKey.Type.INT;
import static sketchrnn.model.HParamKey.Type.REAL;
import static sketchrnn.model.HParamKey.modelKey;
import static sketchrnn.model.HParamKey.trainingKey;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import sketchrnn.data.BadInputException;

/**
 * Every hyperparameter of sketch-rnn (docs/model.md §10): what defines the network ({@link ModelConfig}) and
 * what drives its training ({@link TrainingConfig}), each with the reference TensorFlow code's defaults,
 * immutable and validated on construction.
 *
 * <p>Outside Java a hyperparameter is named by the reference code's snake_case name ({@code dec_rnn_size}), as
 * the table {@link #KEYS} lists them: {@link #with(String, String)} applies a command-line override
 * {@code key=value}, {@link #toJson()} and {@link #fromJson} are the flat JSON object of checkpoints.
 *
 * @param model    what defines the network: shapes, cells, conditional, N_max
 * @param training what drives training: batches, schedules, KL term, dropout, augmentation
 */
public record HParams(ModelConfig model, TrainingConfig training) {

    /**
     * Every hyperparameter by its reference name, in the order of the JSON object (the order checkpoints have
     * always been written in).
     */
    public static final List<HParamKey> KEYS = List.of(
            modelKey("max_seq_len", INT, ModelConfig::maxSeqLen, "N_max: longer sketches are dropped"),
            modelKey("enc_rnn_size", INT, ModelConfig::encRnnSize, "units per direction of the encoder"),
            modelKey("dec_rnn_size", INT, ModelConfig::decRnnSize, "units of the decoder"),
            modelKey("z_size", INT, ModelConfig::zSize, "dimensions of the latent vector z"),
            modelKey("num_mixture", INT, ModelConfig::numMixture, "M, components of the output mixture"),
            modelKey("enc_model", CELL, ModelConfig::encModel, "encoder cell: lstm, layer_norm or hyper"),
            modelKey("dec_model", CELL, ModelConfig::decModel, "decoder cell: lstm, layer_norm or hyper"),
            modelKey("conditional", BOOL, ModelConfig::conditional, "VAE (true) or decoder-only (false)"),
            trainingKey("batch_size", INT, TrainingConfig::batchSize, "sketches per training batch"),
            trainingKey("learning_rate", REAL, TrainingConfig::learningRate, "initial Adam learning rate"),
            trainingKey("decay_rate", REAL, TrainingConfig::decayRate, "learning-rate decay per step"),
            trainingKey("min_learning_rate", REAL, TrainingConfig::minLearningRate, "learning-rate floor"),
            trainingKey("kl_weight", REAL, TrainingConfig::klWeight, "final weight of the KL term, w_KL"),
            trainingKey("kl_weight_start", REAL, TrainingConfig::klWeightStart, "KL weight at step 0"),
            trainingKey("kl_decay_rate", REAL, TrainingConfig::klDecayRate, "annealing rate of the KL weight per step"),
            trainingKey("kl_tolerance", REAL, TrainingConfig::klTolerance, "floor of the KL loss"),
            trainingKey("grad_clip", REAL, TrainingConfig::gradClip, "gradients clipped element-wise to +-grad_clip"),
            trainingKey("use_recurrent_dropout", BOOL, TrainingConfig::useRecurrentDropout,
                    "recurrent dropout on the cell candidate"),
            trainingKey("recurrent_dropout_prob", REAL, TrainingConfig::recurrentDropoutProb,
                    "keep probability of recurrent dropout"),
            trainingKey("use_input_dropout", BOOL, TrainingConfig::useInputDropout, "dropout on the decoder's inputs"),
            trainingKey("input_dropout_prob", REAL, TrainingConfig::inputDropoutProb, "keep probability of input dropout"),
            trainingKey("use_output_dropout", BOOL, TrainingConfig::useOutputDropout, "dropout on the decoder's outputs"),
            trainingKey("output_dropout_prob", REAL, TrainingConfig::outputDropoutProb,
                    "keep probability of output dropout"),
            trainingKey("random_scale_factor", REAL, TrainingConfig::randomScaleFactor,
                    "augmentation: dx, dy scaled by U[1-s, 1+s]"),
            trainingKey("augment_stroke_prob", REAL, TrainingConfig::augmentStrokeProb,
                    "augmentation: chance of dropping a point"),
            modelKey("hyper_num_units", INT, ModelConfig::hyperNumUnits, "units of the small LSTM of a hyper cell"),
            modelKey("hyper_embedding_size", INT, ModelConfig::hyperEmbeddingSize, "size of a hyper cell's gate embeddings"),
            trainingKey("group_by_length", BOOL, TrainingConfig::groupByLength,
                    "length-grouped batches, each padded to its longest"));

    public HParams {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
    }

    /** The reference TensorFlow code's defaults (docs/model.md §10). */
    public static HParams defaults() {
        return new HParams(ModelConfig.defaults(), TrainingConfig.defaults());
    }

    /** A tiny configuration for unit tests: fast, same code paths. */
    public static HParams tiny() {
        return new HParams(new ModelConfig(20, 8, 16, 4, 3, CellKind.LSTM, CellKind.LSTM, true, 8, 4),
                TrainingConfig.defaults().withBatchSize(4));
    }

    public HParams withModel(ModelConfig value) {
        return new HParams(value, training);
    }

    public HParams withTraining(TrainingConfig value) {
        return new HParams(model, value);
    }

    public HParams withCells(CellKind enc, CellKind dec) {
        return withModel(model.withCells(enc, dec));
    }

    public HParams withSizes(int enc, int dec, int z) {
        return withModel(model.withSizes(enc, dec, z));
    }

    public HParams withConditional(boolean value) {
        return withModel(model.withConditional(value));
    }

    public HParams withMaxSeqLen(int value) {
        return withModel(model.withMaxSeqLen(value));
    }

    public HParams withBatchSize(int value) {
        return withTraining(training.withBatchSize(value));
    }

    public HParams withRecurrentDropout(boolean value) {
        return withTraining(training.withRecurrentDropout(value));
    }

    public HParams withGroupByLength(boolean value) {
        return withTraining(training.withGroupByLength(value));
    }

    /**
     * This record with one hyperparameter changed, from its reference name and a text value, as given on the
     * command line ({@code --hp dec_rnn_size=256}).
     *
     * @throws BadInputException naming the key when it is unknown or the value is not valid
     */
    public HParams with(String key, String value) {
        Map<String, Object> values = values();
        values.put(key, key(key).type().parse(key, value));
        return of(values);
    }

    /** Applies {@code key=value} overrides in order. */
    public HParams withOverrides(Iterable<String> assignments) {
        HParams hp = this;
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("hyperparameter override '" + a + "' is not of the form key=value");
            }
            hp = hp.with(a.substring(0, eq).trim(), a.substring(eq + 1));
        }
        return hp;
    }

    /** Every hyperparameter by reference name, in the order of {@link #KEYS}, as text ({@link #with} reads it back). */
    public Map<String, String> asText() {
        Map<String, String> text = new LinkedHashMap<>();
        values().forEach((k, v) -> text.put(k, String.valueOf(v)));
        return text;
    }

    /**
     * The flat JSON object of every hyperparameter by reference name, in the order of {@link #KEYS}: whole
     * numbers, numbers, booleans, and the cells' reference names.
     */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        for (HParamKey k : KEYS) {
            json.add(k.name(), k.type().write(k.value().apply(this)));
        }
        return json;
    }

    /**
     * Reads {@link #toJson()}'s object: missing keys take the defaults.
     *
     * @throws BadInputException naming the key when it is unknown or its value is not valid
     */
    public static HParams fromJson(JsonObject json) {
        Map<String, Object> values = defaults().values();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            values.put(e.getKey(), key(e.getKey()).type().read(e.getKey(), e.getValue()));
        }
        return of(values);
    }

    /** The key of a reference name. */
    private static HParamKey key(String name) {
        for (HParamKey k : KEYS) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new BadInputException("unknown hyperparameter '" + name + "'; known: "
                + String.join(", ", KEYS.stream().map(HParamKey::name).toList()));
    }

    /** Every value by reference name, in the order of {@link #KEYS}. */
    private Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (HParamKey k : KEYS) {
            values.put(k.name(), k.value().apply(this));
        }
        return values;
    }

    /** The hyperparameters of a value for every key, each of its {@link HParamKey.Type}'s Java type. */
    private static HParams of(Map<String, Object> v) {
        ModelConfig model = new ModelConfig((int) v.get("max_seq_len"), (int) v.get("enc_rnn_size"),
                (int) v.get("dec_rnn_size"), (int) v.get("z_size"), (int) v.get("num_mixture"),
                (CellKind) v.get("enc_model"), (CellKind) v.get("dec_model"), (boolean) v.get("conditional"),
                (int) v.get("hyper_num_units"), (int) v.get("hyper_embedding_size"));
        TrainingConfig training = new TrainingConfig((int) v.get("batch_size"), (double) v.get("learning_rate"),
                (double) v.get("decay_rate"), (double) v.get("min_learning_rate"), (double) v.get("kl_weight"),
                (double) v.get("kl_weight_start"), (double) v.get("kl_decay_rate"), (double) v.get("kl_tolerance"),
                (double) v.get("grad_clip"), (boolean) v.get("use_recurrent_dropout"),
                (double) v.get("recurrent_dropout_prob"), (boolean) v.get("use_input_dropout"),
                (double) v.get("input_dropout_prob"), (boolean) v.get("use_output_dropout"),
                (double) v.get("output_dropout_prob"), (double) v.get("random_scale_factor"),
                (double) v.get("augment_stroke_prob"), (boolean) v.get("group_by_length"));
        return new HParams(model, training);
    }
}
