package sketchrnn.interop;

import java.util.Arrays;
import java.util.List;
import sketchrnn.data.BadInputException;

/**
 * The arrays a browser model file holds, in file order, with the project's parameter names and the shape each
 * must have (docs/model.md §12). Weights are {@code (in, out)}, row-major; LSTM gates are laid out {@code i, j, f, o}
 * along the {@code 4H} axis, and the forget bias of +1 is added at run time, not stored.
 *
 * <p>The VAE order is the order of the TensorFlow model's trainable variables, as sketch-rnn-js reads it:
 * forward encoder, backward encoder, mu, sigma, the z-to-initial-state layer (whose tanh is split {@code c}
 * first, then {@code h}), the mixture output, then the decoder LSTM.
 */
public enum BrowserLayout {
    /** A decoder-only ("gen") model: 5 arrays, zero initial state, input stroke-5 alone. */
    DECODER_ONLY(List.of(
            new Slot("output/w", "[H, 3+6M]"),
            new Slot("output/b", "[3+6M]"),
            new Slot("dec/W_xh", "[5, 4H]"),
            new Slot("dec/W_hh", "[H, 4H]"),
            new Slot("dec/bias", "[4H]"))),
    /** A full VAE: 17 arrays; the decoder's input is {@code [stroke-5 ; z]}. */
    VAE(List.of(
            new Slot("enc_fw/W_xh", "[5, 4E]"),
            new Slot("enc_fw/W_hh", "[E, 4E]"),
            new Slot("enc_fw/bias", "[4E]"),
            new Slot("enc_bw/W_xh", "[5, 4E]"),
            new Slot("enc_bw/W_hh", "[E, 4E]"),
            new Slot("enc_bw/bias", "[4E]"),
            new Slot("enc_mu/w", "[2E, Z]"),
            new Slot("enc_mu/b", "[Z]"),
            new Slot("enc_sigma/w", "[2E, Z]"),
            new Slot("enc_sigma/b", "[Z]"),
            new Slot("dec_init/w", "[Z, 2H]"),
            new Slot("dec_init/b", "[2H]"),
            new Slot("output/w", "[H, 3+6M]"),
            new Slot("output/b", "[3+6M]"),
            new Slot("dec/W_xh", "[5+Z, 4H]"),
            new Slot("dec/W_hh", "[H, 4H]"),
            new Slot("dec/bias", "[4H]")));

    /** One array of the file: its project name and its shape as a formula of the sizes. */
    private record Slot(String name, String formula) {
    }

    private final List<Slot> slots;

    BrowserLayout(List<Slot> slots) {
        this.slots = slots;
    }

    /** The layout of a conditional (VAE) or unconditional (decoder-only) model. */
    public static BrowserLayout of(boolean conditional) {
        return conditional ? VAE : DECODER_ONLY;
    }

    /** True for {@link #VAE}. */
    public boolean conditional() {
        return this == VAE;
    }

    /** The number of arrays in a file of this layout. */
    public int arrayCount() {
        return slots.size();
    }

    /** The project's parameter names, in file order. */
    public List<String> names() {
        return slots.stream().map(Slot::name).toList();
    }

    /** The shape formula of array {@code k}, e.g. {@code [H, 4H]}, for messages. */
    public String formula(int k) {
        return slots.get(k).formula();
    }

    /** The shape each array must have for the given sizes, in file order. */
    public List<long[]> expectedShapes(BrowserSizes s) {
        long h = s.decRnnSize();
        long e = s.encRnnSize();
        long z = s.zSize();
        long out = s.outputSize();
        List<long[]> decoder = List.of(new long[] {h, out}, new long[] {out}, new long[] {s.decoderInputSize(), 4 * h},
                new long[] {h, 4 * h}, new long[] {4 * h});
        if (this == DECODER_ONLY) {
            return decoder;
        }
        long[] xh = {5, 4 * e};
        long[] hh = {e, 4 * e};
        long[] bias = {4 * e};
        return List.of(xh, hh, bias, xh.clone(), hh.clone(), bias.clone(), new long[] {2 * e, z}, new long[] {z},
                new long[] {2 * e, z}, new long[] {z}, new long[] {z, 2 * h}, new long[] {2 * h},
                decoder.get(0), decoder.get(1), decoder.get(2), decoder.get(3), decoder.get(4));
    }

    /**
     * The sizes the arrays of a file imply: H and M from {@code output/w}, and for a VAE E from
     * {@code enc_fw/W_hh} and Z from {@code dec_init/w} (the arrays the runtimes take them from). The other
     * shapes are checked against these afterwards ({@link #check}).
     *
     * @param shapes one shape per array, already known to be {@link #arrayCount()} of them
     * @throws BadInputException naming the source when a defining array is not a matrix or output/w's width is
     *                           not {@code 3 + 6M}
     */
    public BrowserSizes deriveSizes(List<long[]> shapes, String source) {
        int outIndex = names().indexOf("output/w");
        long[] out = matrix(shapes, outIndex, source);
        if (out[1] < 9 || (out[1] - 3) % 6 != 0) {
            throw new BadInputException(source + ": array " + outIndex + " (output/w) has " + out[1]
                    + " columns; expected 3 + 6M (3 pen logits and 6 values per mixture component)");
        }
        int h = intSize(out[0], outIndex, source);
        int m = (int) ((out[1] - 3) / 6);
        if (this == DECODER_ONLY) {
            return new BrowserSizes(h, m, 0, 0);
        }
        int e = intSize(matrix(shapes, 1, source)[0], 1, source);
        int z = intSize(matrix(shapes, 10, source)[0], 10, source);
        return new BrowserSizes(h, m, e, z);
    }

    /**
     * Checks that every array has the shape the sizes imply.
     *
     * @throws BadInputException naming the source, the array, its shape and the expected one
     */
    public void check(List<long[]> shapes, BrowserSizes sizes, String source) {
        List<long[]> expected = expectedShapes(sizes);
        for (int k = 0; k < expected.size(); k++) {
            if (!Arrays.equals(shapes.get(k), expected.get(k))) {
                throw new BadInputException(source + ": array " + k + " (" + slots.get(k).name() + ") has shape "
                        + Arrays.toString(shapes.get(k)) + "; expected " + Arrays.toString(expected.get(k)) + ", that is "
                        + formula(k) + " with " + sizes.describe() + " (" + sourcesOfSizes() + ")");
            }
        }
    }

    private String sourcesOfSizes() {
        return this == DECODER_ONLY ? "H and M from output/w"
                : "H and M from output/w, E from enc_fw/W_hh, Z from dec_init/w";
    }

    private long[] matrix(List<long[]> shapes, int k, String source) {
        long[] s = shapes.get(k);
        if (s.length != 2) {
            throw new BadInputException(source + ": array " + k + " (" + slots.get(k).name() + ") has shape "
                    + Arrays.toString(s) + "; expected a matrix " + formula(k));
        }
        return s;
    }

    private int intSize(long v, int k, String source) {
        if (v <= 0 || v > 1 << 20) {
            throw new BadInputException(source + ": array " + k + " (" + slots.get(k).name() + ") has a dimension of "
                    + v + "; expected a positive size");
        }
        return (int) v;
    }
}
