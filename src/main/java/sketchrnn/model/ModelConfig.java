package sketchrnn.model;

import static sketchrnn.model.HParamChecks.size;

import java.util.Objects;

/**
 * The hyperparameters that define a sketch-rnn network (docs/model.md §10): its cells and sizes, whether it has
 * an encoder, the longest sketch it reads. They fix the parameters' names and shapes and what sampling draws;
 * a model keeps them whatever trains it ({@link TrainingConfig}). The reference code's defaults; immutable and
 * validated on construction, a refused value named by its reference name ({@code dec_rnn_size}).
 *
 * @param maxSeqLen          N_max: sketches with more points are dropped; batches are padded to it and the
 *                           reconstruction loss is divided by it (250 for Quick, Draw! data).
 * @param encRnnSize         units per direction of the bidirectional encoder (256; 512 for the large recipe).
 * @param decRnnSize         units of the decoder (512; 2048 with {@code hyper} for the paper's best results).
 * @param zSize              dimensions of the latent vector z (128).
 * @param numMixture         M, components of the mixture density output (20; published browser models use 20).
 * @param encModel           encoder cell ({@code lstm}; the reference recommends {@code layer_norm} for data sets
 *                           under 10 000 sketches).
 * @param decModel           decoder cell ({@code lstm}).
 * @param conditional        true for the full VAE (encoder + decoder); false for a decoder-only model (true).
 * @param hyperNumUnits      units of the small LSTM inside a {@code hyper} cell (256).
 * @param hyperEmbeddingSize size of the HyperLSTM's per-gate embeddings (32).
 */
public record ModelConfig(
        int maxSeqLen,
        int encRnnSize,
        int decRnnSize,
        int zSize,
        int numMixture,
        CellKind encModel,
        CellKind decModel,
        boolean conditional,
        int hyperNumUnits,
        int hyperEmbeddingSize) {

    /** The largest max_seq_len accepted (Quick, Draw! drawings have at most a few thousand points). */
    public static final int MAX_SEQ_LEN = 100_000;
    /** The largest layer width accepted (rnn sizes, z_size, HyperLSTM sizes). */
    private static final int MAX_WIDTH = 8192;

    public ModelConfig {
        // upper bounds too: a model file declaring max_seq_len 1e9 must not get as far as allocating it
        size("max_seq_len", maxSeqLen, MAX_SEQ_LEN);
        size("enc_rnn_size", encRnnSize, MAX_WIDTH);
        size("dec_rnn_size", decRnnSize, MAX_WIDTH);
        size("z_size", zSize, MAX_WIDTH);
        size("num_mixture", numMixture, 1024);
        Objects.requireNonNull(encModel, "enc_model");
        Objects.requireNonNull(decModel, "dec_model");
        size("hyper_num_units", hyperNumUnits, MAX_WIDTH);
        size("hyper_embedding_size", hyperEmbeddingSize, MAX_WIDTH);
    }

    /** The reference TensorFlow code's defaults (docs/model.md §10). */
    public static ModelConfig defaults() {
        return new ModelConfig(250, 256, 512, 128, 20, CellKind.LSTM, CellKind.LSTM, true, 256, 32);
    }

    public ModelConfig withCells(CellKind enc, CellKind dec) {
        return new ModelConfig(maxSeqLen, encRnnSize, decRnnSize, zSize, numMixture, enc, dec, conditional,
                hyperNumUnits, hyperEmbeddingSize);
    }

    /** This model with {@code enc_rnn_size}, {@code dec_rnn_size} and {@code z_size} changed. */
    public ModelConfig withSizes(int enc, int dec, int z) {
        return new ModelConfig(maxSeqLen, enc, dec, z, numMixture, encModel, decModel, conditional,
                hyperNumUnits, hyperEmbeddingSize);
    }

    public ModelConfig withConditional(boolean value) {
        return new ModelConfig(maxSeqLen, encRnnSize, decRnnSize, zSize, numMixture, encModel, decModel, value,
                hyperNumUnits, hyperEmbeddingSize);
    }

    public ModelConfig withMaxSeqLen(int value) {
        return new ModelConfig(value, encRnnSize, decRnnSize, zSize, numMixture, encModel, decModel, conditional,
                hyperNumUnits, hyperEmbeddingSize);
    }
}
