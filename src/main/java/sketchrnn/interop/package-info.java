/**
 * The published browser model format (docs/model.md §12): Google's {@code .gen.json} (decoder only) and
 * {@code .vae.json} (full VAE) files, as read by {@code @magenta/sketch} and sketch-rnn-js.
 *
 * <ul>
 *   <li>{@link sketchrnn.interop.BrowserModelFile}: read a file into a {@link sketchrnn.interop.BrowserModel},
 *       write one, or export a trained model (hyperparameters and weights).</li>
 *   <li>{@link sketchrnn.interop.BrowserModel}: info, layout, sizes and the arrays under the project's parameter
 *       names; the {@link sketchrnn.model.ModelConfig} it describes.</li>
 *   <li>{@link sketchrnn.interop.BrowserLayout}: which arrays a file holds, in which order, with which shapes.</li>
 *   <li>{@link sketchrnn.interop.BrowserInfo}, {@link sketchrnn.interop.ExportInfo}: the info fields.</li>
 *   <li>{@link sketchrnn.interop.Int16Codec}: the int16 quantisation and base64 of the weights.</li>
 *   <li>{@link sketchrnn.interop.MixtureTrace}: the mixture a model predicts at every step of a sketch, in the
 *       layout of the runtime's reference traces ({@code sketchrnn trace}), to compare with the runtime.</li>
 * </ul>
 *
 * <p>Loading a file as a runnable model is {@code sketchrnn.sample.BrowserModelLoader} (through
 * {@code SketchModel.load}).
 *
 * <p>Run-time semantics of these files (checked against the runtime's traces in the tests): inputs are
 * {@code [dx / scale_factor, dy / scale_factor, p1, p2, p3]}; the LSTM computes {@code [x ; h] . [W_xh ; W_hh] + bias}
 * split {@code i, j, f, o}, with a forget bias of +1 added at run time; the mixture output is laid out
 * {@code [pen (3) | pi | mu_x | mu_y | log sigma_x | log sigma_y | rho]}, and at temperature T the runtime
 * divides pen and pi logits by T and multiplies sigma by sqrt(T).
 */
package sketchrnn.interop;
