package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sketchrnn.data.BadInputException;

/**
 * The hyperparameters by their reference names (the table {@link HParams#KEYS}): the JSON object of checkpoints,
 * {@code --hp key=value}, the messages of refused keys and values, and the typed withers.
 */
class HParamsTest {
    /** The defaults as every checkpoint has held them since the first version, byte for byte. */
    private static final String DEFAULTS_JSON = """
            {
              "max_seq_len": 250,
              "enc_rnn_size": 256,
              "dec_rnn_size": 512,
              "z_size": 128,
              "num_mixture": 20,
              "enc_model": "lstm",
              "dec_model": "lstm",
              "conditional": true,
              "batch_size": 100,
              "learning_rate": 0.001,
              "decay_rate": 0.9999,
              "min_learning_rate": 1.0E-5,
              "kl_weight": 0.5,
              "kl_weight_start": 0.01,
              "kl_decay_rate": 0.99995,
              "kl_tolerance": 0.2,
              "grad_clip": 1.0,
              "use_recurrent_dropout": true,
              "recurrent_dropout_prob": 0.9,
              "use_input_dropout": false,
              "input_dropout_prob": 0.9,
              "use_output_dropout": false,
              "output_dropout_prob": 0.9,
              "random_scale_factor": 0.15,
              "augment_stroke_prob": 0.1,
              "hyper_num_units": 256,
              "hyper_embedding_size": 32,
              "group_by_length": false
            }""";

    @Test
    void theJsonIsTheFlatObjectCheckpointsHaveAlwaysHeld() {
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(HParams.defaults().toJson());
        assertThat(json).isEqualTo(DEFAULTS_JSON);
        assertThat(HParams.fromJson(object(DEFAULTS_JSON))).isEqualTo(HParams.defaults());
        // missing keys take the defaults; whole numbers may be written as 250.0
        assertThat(HParams.fromJson(object("{\"dec_rnn_size\": 64.0, \"dec_model\": \"hyper\"}")))
                .isEqualTo(HParams.defaults().withSizes(256, 64, 128).withCells(CellKind.LSTM, CellKind.HYPER));
    }

    @Test
    void everyKeyGoesToItsOwnFieldAndComesBackFromTextAndJson() {
        Map<String, String> defaults = HParams.defaults().asText();
        Map<String, String> changed = new LinkedHashMap<>();
        HParams hp = HParams.defaults();
        for (HParamKey k : HParams.KEYS) {
            String other = otherThan(k.type(), defaults.get(k.name()));
            changed.put(k.name(), other);
            hp = hp.with(k.name(), other);
            HParams one = HParams.defaults().with(k.name(), other);
            // the key's record changes, the other keeps the defaults
            assertThat(one.model().equals(ModelConfig.defaults())).as(k.name()).isEqualTo(k.part() == HParamKey.Part.TRAINING);
            assertThat(one.training().equals(TrainingConfig.defaults())).as(k.name()).isEqualTo(k.part() == HParamKey.Part.MODEL);
        }
        assertThat(hp.asText()).isEqualTo(changed);
        assertThat(HParams.fromJson(hp.toJson())).isEqualTo(hp);
        assertThat(HParams.defaults().withOverrides(changed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList())).isEqualTo(hp);
    }

    /** A valid value of the type other than {@code value}. */
    private static String otherThan(HParamKey.Type type, String value) {
        return switch (type) {
            case INT -> Integer.toString(Integer.parseInt(value) + 1);
            case REAL -> Double.toString(Double.parseDouble(value) / 2);
            case BOOL -> Boolean.toString(!Boolean.parseBoolean(value));
            case CELL -> value.equals("layer_norm") ? "hyper" : "layer_norm";
        };
    }

    @Test
    void theTypedWithersSetWhatTheirNamesSay() {
        HParams d = HParams.defaults();
        assertThat(d.withCells(CellKind.LAYER_NORM, CellKind.HYPER))
                .isEqualTo(d.with("enc_model", "layer_norm").with("dec_model", "hyper"));
        assertThat(d.withSizes(64, 128, 32)).isEqualTo(d.with("enc_rnn_size", "64").with("dec_rnn_size", "128").with("z_size", "32"));
        assertThat(d.withConditional(false)).isEqualTo(d.with("conditional", "false"));
        assertThat(d.withMaxSeqLen(99)).isEqualTo(d.with("max_seq_len", "99"));
        assertThat(d.withBatchSize(7)).isEqualTo(d.with("batch_size", "7"));
        assertThat(d.withRecurrentDropout(false)).isEqualTo(d.with("use_recurrent_dropout", "false"));
        assertThat(d.withGroupByLength(true)).isEqualTo(d.with("group_by_length", "true"));
        assertThat(HParams.tiny().asText()).containsEntry("z_size", "4").containsEntry("batch_size", "4")
                .containsEntry("hyper_embedding_size", "4");
    }

    @Test
    void theKeepProbabilitiesInTrainingAreOneWhenADropoutIsOff() {
        TrainingConfig t = TrainingConfig.defaults();
        assertThat(t.recurrentKeep()).isEqualTo(0.9);
        assertThat(t.inputKeep()).isEqualTo(1.0);
        assertThat(t.outputKeep()).isEqualTo(1.0);
        assertThat(t.withRecurrentDropout(false).recurrentKeep()).isEqualTo(1.0);
        assertThat(HParams.defaults().with("use_output_dropout", "true").with("output_dropout_prob", "0.7")
                .training().outputKeep()).isEqualTo(0.7);
    }

    @Test
    void cellsAreNamedByTheReferenceNames() {
        assertThat(List.of(CellKind.values())).hasToString("[lstm, layer_norm, hyper]");
        assertThat(CellKind.of("dec_model", "layer_norm")).isEqualTo(CellKind.LAYER_NORM);
        assertThat(HParams.defaults().withCells(CellKind.HYPER, CellKind.LAYER_NORM).toJson().get("enc_model").getAsString())
                .isEqualTo("hyper");
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnes() {
        String known = "; known: max_seq_len, enc_rnn_size, dec_rnn_size, z_size, num_mixture, enc_model, dec_model, "
                + "conditional, batch_size, learning_rate, decay_rate, min_learning_rate, kl_weight, kl_weight_start, "
                + "kl_decay_rate, kl_tolerance, grad_clip, use_recurrent_dropout, recurrent_dropout_prob, "
                + "use_input_dropout, input_dropout_prob, use_output_dropout, output_dropout_prob, random_scale_factor, "
                + "augment_stroke_prob, hyper_num_units, hyper_embedding_size, group_by_length";
        assertRefused(() -> HParams.defaults().with("dec_size", "8"), "unknown hyperparameter 'dec_size'" + known);
        assertRefused(() -> HParams.fromJson(object("{\"dec_size\": 8}")), "unknown hyperparameter 'dec_size'" + known);
        assertRefused(() -> HParams.defaults().withOverrides(List.of("z_size")),
                "hyperparameter override 'z_size' is not of the form key=value");
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        HParams d = HParams.defaults();
        assertRefused(() -> d.with("max_seq_len", "2.5"), "hyperparameter 'max_seq_len': '2.5' is not an integer");
        assertRefused(() -> d.with("kl_weight", "NaN"), "hyperparameter 'kl_weight': 'NaN' is not a finite number");
        assertRefused(() -> d.with("conditional", "yes"), "hyperparameter 'conditional': 'yes' is not true or false");
        assertRefused(() -> d.with("enc_model", "gru"),
                "hyperparameter 'enc_model': 'gru' is not one of [lstm, layer_norm, hyper]");
        assertRefused(() -> d.with("max_seq_len", "0"),
                "hyperparameter 'max_seq_len': 0 is not valid, expected a whole number in 1..100000");
        assertRefused(() -> d.with("batch_size", "100000"),
                "hyperparameter 'batch_size': 100000 is not valid, expected a whole number in 1..65536");
        assertRefused(() -> d.with("recurrent_dropout_prob", "1.5"),
                "hyperparameter 'recurrent_dropout_prob': 1.5 is not valid, expected a keep probability in (0, 1]");
        assertRefused(() -> d.with("random_scale_factor", "1"),
                "hyperparameter 'random_scale_factor': 1.0 is not valid, expected a number in [0, 1)");
        assertRefused(() -> HParams.fromJson(object("{\"max_seq_len\": 1e9}")),
                "hyperparameter 'max_seq_len': 1000000000 is not valid, expected a whole number in 1..100000");
        assertRefused(() -> HParams.fromJson(object("{\"z_size\": 2.5}")), "hyperparameter 'z_size': 2.5 is not an integer");
        assertRefused(() -> HParams.fromJson(object("{\"grad_clip\": 1e400}")),
                "hyperparameter 'grad_clip': 1e400 is not a finite number");
        assertRefused(() -> HParams.fromJson(object("{\"dec_model\": 3}")),
                "hyperparameter 'dec_model': 3 is not one of [lstm, layer_norm, hyper]");
        assertRefused(() -> HParams.fromJson(object("{\"conditional\": [true]}")),
                "hyperparameter 'conditional': [true] is not true or false");
    }

    private static void assertRefused(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(BadInputException.class).hasMessage(message);
    }

    private static JsonObject object(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }
}
