package sketchrnn.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import sketchrnn.data.BadInputException;

/**
 * One hyperparameter of {@link HParams#KEYS}, the table by which text names them ({@code --hp KEY=VALUE}, the
 * JSON of checkpoints, {@code info}, {@code train --help}).
 *
 * @param name  the reference code's name ({@code dec_rnn_size})
 * @param part  the record that holds it
 * @param type  its kind of value: how it is parsed from text, read from JSON and written to JSON
 * @param value reads it from hyperparameters
 * @param doc   what it means, in a few words
 */
public record HParamKey(String name, Part part, Type type, Function<HParams, Object> value, String doc) {

    /** The record that holds a hyperparameter. */
    public enum Part {
        /** {@link ModelConfig}: what defines the network. */
        MODEL,
        /** {@link TrainingConfig}: what drives training. */
        TRAINING
    }

    /** A hyperparameter of {@link ModelConfig}. */
    static HParamKey modelKey(String name, Type type, Function<ModelConfig, Object> get, String doc) {
        return new HParamKey(name, Part.MODEL, type, hp -> get.apply(hp.model()), doc);
    }

    /** A hyperparameter of {@link TrainingConfig}. */
    static HParamKey trainingKey(String name, Type type, Function<TrainingConfig, Object> get, String doc) {
        return new HParamKey(name, Part.TRAINING, type, hp -> get.apply(hp.training()), doc);
    }

    /**
     * The kinds of value, as Java values: {@code Integer}, {@code Double}, {@code Boolean} and {@link CellKind}. In
     * JSON: a whole number, a number, {@code true}/{@code false} and the cell's reference name as a string.
     */
    public enum Type {
        INT("an integer"),
        REAL("a finite number"),
        BOOL("true or false"),
        CELL("one of " + Arrays.toString(CellKind.values()));

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        /**
         * The value of the hyperparameter {@code key} from text, as {@code --hp key=text} gives it.
         *
         * @throws BadInputException naming the key, the text and what was expected
         */
        public Object parse(String key, String text) {
            String t = text.trim();
            try {
                return switch (this) {
                    case INT -> Integer.parseInt(t);
                    case REAL -> finite(Double.parseDouble(t));
                    case BOOL -> bool(t.toLowerCase(Locale.ROOT));
                    case CELL -> CellKind.of(key, t);
                };
            } catch (NumberFormatException e) {
                throw new BadInputException("hyperparameter '" + key + "': '" + text + "' is not " + expected);
            }
        }

        /**
         * The value of the hyperparameter {@code key} from JSON.
         *
         * @throws BadInputException naming the key, the JSON value and what was expected
         */
        public Object read(String key, JsonElement json) {
            if (json.isJsonPrimitive()) {
                JsonPrimitive p = json.getAsJsonPrimitive();
                double d = p.isNumber() ? p.getAsDouble() : Double.NaN;
                switch (this) {
                    case INT -> {
                        if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                            return (int) d;
                        }
                    }
                    case REAL -> {
                        if (Double.isFinite(d)) {
                            return d;
                        }
                    }
                    case BOOL -> {
                        if (p.isBoolean()) {
                            return p.getAsBoolean();
                        }
                    }
                    case CELL -> {
                        if (p.isString()) {
                            return CellKind.of(key, p.getAsString());
                        }
                    }
                }
            }
            throw new BadInputException("hyperparameter '" + key + "': " + json + " is not " + expected);
        }

        /** The JSON of a value of this type: a number, a boolean, or a cell's reference name. */
        public JsonPrimitive write(Object value) {
            return switch (this) {
                case INT, REAL -> new JsonPrimitive((Number) value);
                case BOOL -> new JsonPrimitive((Boolean) value);
                case CELL -> new JsonPrimitive(((CellKind) value).referenceName());
            };
        }

        private static double finite(double v) {
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        }

        private static boolean bool(String t) {
            if (!t.equals("true") && !t.equals("false")) {
                throw new NumberFormatException();
            }
            return t.equals("true");
        }
    }
}
