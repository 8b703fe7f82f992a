package sketchrnn.model;

import sketchrnn.data.BadInputException;

/**
 * The range checks of {@link ModelConfig} and {@link TrainingConfig}: each names the hyperparameter by its
 * reference name, the value and what was expected.
 */
final class HParamChecks {
    private HParamChecks() {
    }

    static void size(String key, int v, int max) {
        if (v <= 0 || v > max) {
            throw bad(key, Integer.toString(v), "a whole number in 1.." + max);
        }
    }

    static void positive(String key, double v) {
        if (!(v > 0)) {
            throw bad(key, v, "a positive number");
        }
    }

    static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw bad(key, v, "a number >= 0");
        }
    }

    /** A rate per step: in (0, 1]. */
    static void rate(String key, double v) {
        if (!(v > 0 && v <= 1)) {
            throw bad(key, v, "a number in (0, 1]");
        }
    }

    static void keep(String key, double v) {
        if (!(v > 0 && v <= 1)) {
            throw bad(key, v, "a keep probability in (0, 1]");
        }
    }

    /** A fraction below one: in [0, 1). */
    static void below1(String key, double v, String what) {
        if (!(v >= 0 && v < 1)) {
            throw bad(key, v, what + " in [0, 1)");
        }
    }

    private static BadInputException bad(String key, double v, String expected) {
        return bad(key, Double.toString(v), expected);
    }

    private static BadInputException bad(String key, String v, String expected) {
        return new BadInputException("hyperparameter '" + key + "': " + v + " is not valid, expected " + expected);
    }
}
