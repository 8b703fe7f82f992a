package sketchrnn.model;

import ai.djl.ndarray.types.Shape;

/**
 * One trainable array of the model: its stable name (in the reference's variable style, {@code dec/W_hh}), shape
 * and initialiser.
 * Components declare their parameters as a list of these, in the order they are used.
 */
record ParameterSpec(String name, Shape shape, Init init) {

    static ParameterSpec matrix(String name, long rows, long cols, Init init) {
        return new ParameterSpec(name, new Shape(rows, cols), init);
    }

    static ParameterSpec vector(String name, long size, Init init) {
        return new ParameterSpec(name, new Shape(size), init);
    }
}
