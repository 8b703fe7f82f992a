/**
 * The sketch-rnn model on DJL (docs/model.md §4-8), readable top-down from {@link sketchrnn.model.SketchRnn#loss}:
 * {@link sketchrnn.model.BidirectionalEncoder} (mu, sigma_hat, z), {@link sketchrnn.model.Decoder} with its
 * cell ({@link sketchrnn.model.LstmCell}, {@link sketchrnn.model.LayerNormLstmCell},
 * {@link sketchrnn.model.HyperLstmCell}, all behind {@link sketchrnn.model.RecurrentCell}),
 * {@link sketchrnn.model.MixtureDensityHead} and {@link sketchrnn.model.SketchRnnLoss};
 * {@link sketchrnn.model.HParams} holds the hyperparameters: {@link sketchrnn.model.ModelConfig} (what defines the
 * network, its cells a {@link sketchrnn.model.CellKind}) and {@link sketchrnn.model.TrainingConfig} (what drives
 * its training; here because the loss, the fused engine and checkpoints read it too), named in text by the table
 * {@link sketchrnn.model.HParams#KEYS}; {@link sketchrnn.model.LossMetrics} names what the
 * loss reports; {@link sketchrnn.model.Noise} draws a pass's random numbers from its own seed;
 * {@link sketchrnn.model.Libtorch} is the only class that uses the PyTorch engine past DJL's API.
 *
 * <p>Note for callers: gradients accumulate in DJL; zero them between training steps.
 * {@code sketchrnn bench train} ({@code sketchrnn.train.TrainStepBenchmark}) times a training step.
 */
package sketchrnn.model;
