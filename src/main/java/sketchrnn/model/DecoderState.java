package sketchrnn.model;

import ai.djl.ndarray.NDArray;

/**
 * The decoder's recurrent state between two {@link SketchRnn#decodeStep} calls, flat: {@code (B, stateSize)}
 * laid out {@code [c | h]} ({@code lstm}, {@code layer_norm}: 2H columns) or
 * {@code [c | hyper_c | h | hyper_h]} ({@code hyper}: 2(H + hyper_num_units) columns), the layout of the
 * {@code dec_init} layer's output.
 *
 * @param state (B, stateSize)
 */
public record DecoderState(NDArray state) {
}
