package sketchrnn.model;

import java.util.Arrays;
import sketchrnn.data.BadInputException;

/**
 * The recurrent cells of docs/model.md §6, the values of {@code enc_model} and {@code dec_model}. Text (the
 * command line, JSON, messages) names a cell by its reference name ({@link #referenceName()}, also
 * {@link #toString()}).
 */
public enum CellKind {
    /** The plain LSTM (§6.1, {@link LstmCell}); the only cell of the browser format. */
    LSTM("lstm"),
    /** The layer-normalised LSTM (§6.2, {@link LayerNormLstmCell}); recommended for data sets under 10 000 sketches. */
    LAYER_NORM("layer_norm"),
    /** The HyperLSTM (§6.3, {@link HyperLstmCell}). */
    HYPER("hyper");

    private final String referenceName;

    CellKind(String referenceName) {
        this.referenceName = referenceName;
    }

    /** The reference code's name of the cell: {@code lstm}, {@code layer_norm} or {@code hyper}. */
    public String referenceName() {
        return referenceName;
    }

    /** The reference name, as a user writes it. */
    @Override
    public String toString() {
        return referenceName;
    }

    /**
     * The cell of a reference name, the value of the hyperparameter {@code key}.
     *
     * @throws BadInputException naming the key and the cells when no cell has that name
     */
    public static CellKind of(String key, String name) {
        for (CellKind c : values()) {
            if (c.referenceName.equals(name)) {
                return c;
            }
        }
        throw new BadInputException("hyperparameter '" + key + "': '" + name + "' is not one of " + Arrays.toString(values()));
    }
}
