/** Drawing with a trained model (SPEC 5): sampling with temperature, encoding, decoding, reconstruction, interpolation, latent arithmetic and completion; the public Java API. */
package sketchrnn.sample;
