package sketchrnn.model;

import ai.djl.ndarray.NDArray;

/**
 * One step of the decoder: the raw mixture density output and the state after the step.
 *
 * @param y     (B, 3+6M) raw output, laid out as {@link MixtureDensityHead} describes
 * @param state the state to feed to the next step
 */
public record DecoderStep(NDArray y, DecoderState state) {
}
