package sketchrnn.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import sketchrnn.data.BadInputException;

/**
 * Every hyperparameter of sketch-rnn (docs/model.md §10), with the reference TensorFlow code's defaults. Immutable
 * and validated on construction. Names outside Java are the reference code's snake_case names (docs/model.md §10)
 * ({@code dec_rnn_size}); {@link #with(String, String)} applies a CLI override {@code key=value}.
 *
 * @param maxSeqLen            N_max: sketches with more points are dropped; batches are padded to it
 *                             (250 for Quick, Draw! data).
 * @param encRnnSize           units per direction of the bidirectional encoder (256; 512 for the large recipe).
 * @param decRnnSize           units of the decoder (512; 2048 with {@code hyper} for the paper's best results).
 * @param zSize                dimensions of the latent vector z (128).
 * @param numMixture           M, components of the mixture density output (20; published browser models use 20).
 * @param encModel             encoder cell: {@code lstm}, {@code layer_norm} or {@code hyper}
 *                             (reference recommends {@code layer_norm} for data sets under 10 000 sketches).
 * @param decModel             decoder cell: {@code lstm}, {@code layer_norm} or {@code hyper}.
 * @param conditional          true for the full VAE (encoder + decoder); false for a decoder-only model.
 * @param batchSize            sketches per training batch (100).
 * @param learningRate         initial Adam learning rate (0.001).
 * @param decayRate            learning-rate decay per step (0.9999).
 * @param minLearningRate      learning-rate floor (0.00001).
 * @param klWeight             final weight of the KL term, w_KL (0.5; 1.0 gives better codes, worse reconstructions).
 * @param klWeightStart        KL weight at step 0 (0.01).
 * @param klDecayRate          annealing rate of the KL weight per step (0.99995).
 * @param klTolerance          floor of the KL loss, below which it no longer pushes (0.2).
 * @param gradClip             gradients are clipped element-wise to [-gradClip, gradClip] (1.0).
 * @param useRecurrentDropout  recurrent dropout on the cell candidate (Semeniuta et al. 2016), training only (true).
 * @param recurrentDropoutProb keep probability of recurrent dropout (0.90).
 * @param useInputDropout      dropout on the decoder's inputs (false).
 * @param inputDropoutProb     keep probability of input dropout (0.90).
 * @param useOutputDropout     dropout on the decoder's outputs before the mixture head (false).
 * @param outputDropoutProb    keep probability of output dropout (0.90).
 * @param randomScaleFactor    augmentation: dx and dy scaled by independent U[1-s, 1+s] (0.15).
 * @param augmentStrokeProb    augmentation: probability of dropping an interior stroke point (0.10).
 * @param hyperNumUnits        units of the small LSTM inside a {@code hyper} cell (256).
 * @param hyperEmbeddingSize   size of the HyperLSTM's per-gate embeddings (32).
 * @param groupByLength        training batches of sketches of similar length, each padded only to its own
 *                             longest sketch, the loss still divided by N_max (false: the reference pads every
 *                             batch to N_max; true is much faster, same loss scale).
 */
public record HParams(
        int maxSeqLen,
        int encRnnSize,
        int decRnnSize,
        int zSize,
        int numMixture,
        String encModel,
        String decModel,
        boolean conditional,
        int batchSize,
        double learningRate,
        double decayRate,
        double minLearningRate,
        double klWeight,
        double klWeightStart,
        double klDecayRate,
        double klTolerance,
        double gradClip,
        boolean useRecurrentDropout,
        double recurrentDropoutProb,
        boolean useInputDropout,
        double inputDropoutProb,
        boolean useOutputDropout,
        double outputDropoutProb,
        double randomScaleFactor,
        double augmentStrokeProb,
        int hyperNumUnits,
        int hyperEmbeddingSize,
        boolean groupByLength) {

    /** The cell types of docs/model.md §6. */
    public static final java.util.List<String> CELLS = java.util.List.of("lstm", "layer_norm", "hyper");

    public HParams {
        // upper bounds too: a model file declaring max_seq_len 1e9 must not get as far as allocating it
        size("max_seq_len", maxSeqLen, MAX_SEQ_LEN);
        size("enc_rnn_size", encRnnSize, MAX_WIDTH);
        size("dec_rnn_size", decRnnSize, MAX_WIDTH);
        size("z_size", zSize, MAX_WIDTH);
        size("num_mixture", numMixture, 1024);
        size("batch_size", batchSize, 65536);
        size("hyper_num_units", hyperNumUnits, MAX_WIDTH);
        size("hyper_embedding_size", hyperEmbeddingSize, MAX_WIDTH);
        cell("enc_model", encModel);
        cell("dec_model", decModel);
        positive("learning_rate", learningRate);
        probability("decay_rate", decayRate);
        nonNegative("min_learning_rate", minLearningRate);
        nonNegative("kl_weight", klWeight);
        nonNegative("kl_weight_start", klWeightStart);
        probability("kl_decay_rate", klDecayRate);
        nonNegative("kl_tolerance", klTolerance);
        positive("grad_clip", gradClip);
        keep("recurrent_dropout_prob", recurrentDropoutProb);
        keep("input_dropout_prob", inputDropoutProb);
        keep("output_dropout_prob", outputDropoutProb);
        if (!(randomScaleFactor >= 0 && randomScaleFactor < 1)) {
            throw bad("random_scale_factor", randomScaleFactor, "a number in [0, 1)");
        }
        if (!(augmentStrokeProb >= 0 && augmentStrokeProb < 1)) {
            throw bad("augment_stroke_prob", augmentStrokeProb, "a probability in [0, 1)");
        }
    }

    /** The reference TensorFlow code's defaults (docs/model.md §10). */
    public static HParams defaults() {
        return new HParams(250, 256, 512, 128, 20, "lstm", "lstm", true, 100,
                0.001, 0.9999, 0.00001, 0.5, 0.01, 0.99995, 0.2, 1.0,
                true, 0.90, false, 0.90, false, 0.90, 0.15, 0.10, 256, 32, false);
    }

    /** The reference's recommendation for data sets under 10 000 sketches: layer-norm cells. */
    public static HParams smallDataSet() {
        return defaults().withCells("layer_norm", "layer_norm");
    }

    /** A tiny configuration for unit tests: fast, same code paths. */
    public static HParams tiny() {
        return defaults().with("enc_rnn_size", "8").with("dec_rnn_size", "16").with("z_size", "4")
                .with("num_mixture", "3").with("batch_size", "4").with("max_seq_len", "20")
                .with("hyper_num_units", "8").with("hyper_embedding_size", "4");
    }

    public HParams withCells(String enc, String dec) {
        return with("enc_model", enc).with("dec_model", dec);
    }

    public HParams withSizes(int enc, int dec, int z) {
        return with("enc_rnn_size", Integer.toString(enc)).with("dec_rnn_size", Integer.toString(dec))
                .with("z_size", Integer.toString(z));
    }

    public HParams withConditional(boolean value) {
        return with("conditional", Boolean.toString(value));
    }

    public HParams withBatchSize(int value) {
        return with("batch_size", Integer.toString(value));
    }

    public HParams withMaxSeqLen(int value) {
        return with("max_seq_len", Integer.toString(value));
    }

    public HParams withRecurrentDropout(boolean value) {
        return with("use_recurrent_dropout", Boolean.toString(value));
    }

    public HParams withGroupByLength(boolean value) {
        return with("group_by_length", Boolean.toString(value));
    }

    /**
     * This record with one hyperparameter changed, from its snake_case name (docs/model.md §10) and a text value,
     * as given on the command line ({@code --hp dec_rnn_size=256}).
     *
     * @throws BadInputException naming the key when it is unknown or the value is not valid
     */
    public HParams with(String key, String value) {
        Map<String, Object> map = toMap();
        if (!map.containsKey(key)) {
            throw new BadInputException("unknown hyperparameter '" + key + "'; known: " + String.join(", ", map.keySet()));
        }
        Object old = map.get(key);
        String v = value.trim();
        try {
            if (old instanceof Integer) {
                map.put(key, Integer.parseInt(v));
            } else if (old instanceof Double) {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                map.put(key, d);
            } else if (old instanceof Boolean) {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new NumberFormatException();
                }
                map.put(key, Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)));
            } else {
                map.put(key, v);
            }
        } catch (NumberFormatException e) {
            throw new BadInputException("hyperparameter '" + key + "': '" + value + "' is not "
                    + (old instanceof Integer ? "an integer" : old instanceof Double ? "a finite number" : "true or false"));
        }
        return fromMap(map);
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

    /** The hyperparameters by snake_case name, in declaration order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        try {
            for (RecordComponent c : HParams.class.getRecordComponents()) {
                map.put(snake(c.getName()), c.getAccessor().invoke(this));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return map;
    }

    /** Builds hyperparameters from a map by snake_case name; missing keys take the defaults. */
    public static HParams fromMap(Map<String, ?> values) {
        Map<String, Object> base = defaults().toMap();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (!base.containsKey(e.getKey())) {
                throw new BadInputException("unknown hyperparameter '" + e.getKey() + "'");
            }
        }
        RecordComponent[] comps = HParams.class.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            String key = snake(comps[i].getName());
            Object v = values.containsKey(key) ? values.get(key) : base.get(key);
            types[i] = comps[i].getType();
            args[i] = coerce(key, v, types[i]);
        }
        try {
            return HParams.class.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** JSON object with the snake_case names. */
    public String toJson() {
        return GSON.toJson(toMap());
    }

    /** Parses {@link #toJson()} output (unknown keys rejected, missing keys take the defaults). */
    public static HParams fromJson(String json) {
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw new BadInputException("hyperparameters must be a JSON object");
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : ((JsonObject) root).entrySet()) {
                JsonElement v = e.getValue();
                if (!v.isJsonPrimitive()) {
                    throw new BadInputException("hyperparameter '" + e.getKey() + "' must be a number, boolean or string");
                }
                var p = v.getAsJsonPrimitive();
                map.put(e.getKey(), p.isBoolean() ? (Object) p.getAsBoolean() : p.isNumber() ? (Object) p.getAsDouble() : p.getAsString());
            }
            return fromMap(map);
        } catch (JsonParseException e) {
            throw new BadInputException("hyperparameters are not valid JSON: " + sketchrnn.data.JsonSyntax.describe(e), e);
        }
    }

    private static Object coerce(String key, Object v, Class<?> type) {
        if (type == int.class) {
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.intValue();
            }
            throw new BadInputException("hyperparameter '" + key + "': " + v + " is not an integer");
        }
        if (type == double.class) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            throw new BadInputException("hyperparameter '" + key + "': " + v + " is not a number");
        }
        if (type == boolean.class) {
            if (v instanceof Boolean b) {
                return b;
            }
            throw new BadInputException("hyperparameter '" + key + "': " + v + " is not true or false");
        }
        if (v instanceof String s) {
            return s;
        }
        throw new BadInputException("hyperparameter '" + key + "': " + v + " is not a string");
    }

    static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The largest max_seq_len accepted (Quick, Draw! drawings have at most a few thousand points). */
    public static final int MAX_SEQ_LEN = 100_000;
    /** The largest layer width accepted (rnn sizes, z_size, HyperLSTM sizes). */
    public static final int MAX_WIDTH = 8192;

    private static void size(String key, int v, int max) {
        if (v <= 0 || v > max) {
            throw bad(key, v, "a whole number in 1.." + max);
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0)) {
            throw bad(key, v, "a positive number");
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw bad(key, v, "a number >= 0");
        }
    }

    private static void probability(String key, double v) {
        if (!(v > 0 && v <= 1)) {
            throw bad(key, v, "a number in (0, 1]");
        }
    }

    private static void keep(String key, double v) {
        if (!(v > 0 && v <= 1)) {
            throw bad(key, v, "a keep probability in (0, 1]");
        }
    }

    private static void cell(String key, String v) {
        if (!CELLS.contains(v)) {
            throw new BadInputException("hyperparameter '" + key + "': '" + v + "' is not one of " + CELLS);
        }
    }

    private static BadInputException bad(String key, double v, String expected) {
        return new BadInputException("hyperparameter '" + key + "': " + v + " is not valid, expected " + expected);
    }
}
