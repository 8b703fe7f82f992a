package sketchrnn.sample;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import sketchrnn.data.Batch;
import sketchrnn.data.Sketch;
import sketchrnn.data.Stroke5;
import sketchrnn.model.Encoded;
import sketchrnn.model.SketchRnn;

/**
 * Encodes sketches (model units, already checked) to their latent distributions, in batches of at most
 * {@link #MAX_BATCH}, each padded only to its own longest sketch (the encoder honours true lengths, so the
 * padding changes nothing but the cost).
 */
final class Encoding {
    /** The most sketches encoded in one batch. */
    static final int MAX_BATCH = 256;

    private Encoding() {
    }

    /** For each sketch, {@code {mu, sigma}} with {@code sigma = exp(sigma_hat / 2)}. */
    static List<float[][]> meanAndSigma(SketchRnn net, List<Sketch> sketches) {
        int nz = net.hparams().model().zSize();
        List<float[][]> out = new ArrayList<>(sketches.size());
        for (int from = 0; from < sketches.size(); from += MAX_BATCH) {
            List<Sketch> chunk = sketches.subList(from, Math.min(sketches.size(), from + MAX_BATCH));
            int longest = chunk.stream().mapToInt(Sketch::size).max().orElse(1);
            Batch batch = Stroke5.batch(chunk, longest);
            try (NoGrad inference = NoGrad.start(); NDManager scope = NDManager.newBaseManager()) {
                Encoded e = net.encode(batch, scope);
                float[] mu = e.mu().toFloatArray();                                    // (B, Nz)
                float[] sigma = e.sigma().toFloatArray();                              // (B, Nz)
                for (int i = 0; i < chunk.size(); i++) {
                    float[] m = new float[nz];
                    float[] s = new float[nz];
                    System.arraycopy(mu, i * nz, m, 0, nz);
                    System.arraycopy(sigma, i * nz, s, 0, nz);
                    out.add(new float[][] {m, s});
                }
            }
        }
        return out;
    }
}
