/**
 * The fused training engine: sketch-rnn's forward pass, loss and gradients for a whole batch with
 * backward passes derived by hand, on flat {@code float[]} buffers allocated once per run, as llm.c does
 * for GPT-2. Start reading at {@link sketchrnn.engine.FusedSketchRnn} (the pass in the order it runs),
 * then {@link sketchrnn.engine.LstmLayer} (the {@code lstm} and {@code layer_norm} cells over a sequence,
 * each forward beside its backward) and {@link sketchrnn.engine.MixtureDensityLoss} (the head and the
 * loss). The model's semantics are those of {@link sketchrnn.model.SketchRnn} (docs/model.md); the tests
 * check every gradient against its autograd path and against finite differences.
 *
 * <p>Where the time goes: matrix products ({@link sketchrnn.kernels.Gemm}) for the recurrence of each
 * step, and one product each for the input projections and the weight gradients of all steps; one fused
 * element-wise pass per row and step. A batch is split into shards of at most
 * {@link sketchrnn.engine.FusedSketchRnn#SHARD_ROWS} sketches that run on their own threads.
 *
 * <p>Depends on {@code kernels}, {@code data} (batches) and {@code model} (hyperparameters, the latent
 * noise's Gaussian); {@code train} uses it.
 */
package sketchrnn.engine;
