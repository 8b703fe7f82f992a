package sketchrnn.interop;

/**
 * The sizes a browser model's array shapes imply.
 *
 * @param decRnnSize H, units of the decoder LSTM
 * @param numMixture M, components of the mixture density output ({@code 3 + 6M} outputs)
 * @param encRnnSize E, units per direction of the encoder (0 for a decoder-only model)
 * @param zSize      Z, dimensions of the latent vector (0 for a decoder-only model)
 */
public record BrowserSizes(int decRnnSize, int numMixture, int encRnnSize, int zSize) {

    public BrowserSizes {
        if (decRnnSize <= 0 || numMixture <= 0 || encRnnSize < 0 || zSize < 0 || (encRnnSize == 0) != (zSize == 0)) {
            throw new IllegalArgumentException("inconsistent sizes H=" + decRnnSize + " M=" + numMixture
                    + " E=" + encRnnSize + " Z=" + zSize);
        }
    }

    /** True for a full VAE (it has an encoder and a latent vector). */
    public boolean conditional() {
        return zSize > 0;
    }

    /** The width of the decoder's input, the rows of its {@code W_xh}: 5 (stroke-5), plus Z for a VAE. */
    public int decoderInputSize() {
        return 5 + zSize;
    }

    /** The width of the mixture density output: 3 pen logits and 6 values per component. */
    public int outputSize() {
        return 3 + 6 * numMixture;
    }

    /** The sizes in words, for messages. */
    public String describe() {
        String s = "H = " + decRnnSize + ", M = " + numMixture;
        return conditional() ? s + ", E = " + encRnnSize + ", Z = " + zSize : s;
    }
}
