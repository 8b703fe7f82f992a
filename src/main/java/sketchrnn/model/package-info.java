/**
 * The sketch-rnn model on DJL (docs/model.md §4-8), readable top-down from {@link sketchrnn.model.SketchRnn#loss}:
 * {@link sketchrnn.model.BidirectionalEncoder} (mu, sigma_hat, z), {@link sketchrnn.model.Decoder} with its
 * cell ({@link sketchrnn.model.LstmCell}, {@link sketchrnn.model.LayerNormLstmCell},
 * {@link sketchrnn.model.HyperLstmCell}, all behind {@link sketchrnn.model.RecurrentCell}),
 * {@link sketchrnn.model.MixtureDensityHead} and {@link sketchrnn.model.SketchRnnLoss};
 * {@link sketchrnn.model.HParams} holds the hyperparameters.
 *
 * <p>Note for callers: gradients accumulate in DJL; zero them between training steps.
 * {@link sketchrnn.model.TrainStepBench} times a step at a chosen number of engine threads.
 */
package sketchrnn.model;
