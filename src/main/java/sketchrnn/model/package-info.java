/**
 * The sketch-rnn model on DJL (docs/model.md §4-8), readable top-down from {@link sketchrnn.model.SketchRnn#loss}:
 * {@link sketchrnn.model.BidirectionalEncoder} (mu, sigma_hat, z), {@link sketchrnn.model.Decoder} with its
 * cell ({@link sketchrnn.model.LstmCell}, {@link sketchrnn.model.LayerNormLstmCell},
 * {@link sketchrnn.model.HyperLstmCell}, all behind {@link sketchrnn.model.RecurrentCell}),
 * {@link sketchrnn.model.MixtureDensityHead} and {@link sketchrnn.model.SketchRnnLoss};
 * {@link sketchrnn.model.HParams} holds the hyperparameters.
 *
 * <p>Notes for callers. Gradients accumulate in DJL: zero them between training steps. Intra-op threads
 * ({@code -Dai.djl.pytorch.num_threads}) should be 1 on a machine whose cores are shared with other work:
 * with 2, every matmul waits for both OpenMP threads and a step can take ten times longer under contention
 * ({@link sketchrnn.model.TrainStepBench} measures both).
 */
package sketchrnn.model;
