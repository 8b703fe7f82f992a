/** Drawing with a trained model (docs/model.md §11): sampling with temperature, encoding, decoding, reconstruction, interpolation, latent arithmetic and completion; the public Java API. */
package sketchrnn.sample;
