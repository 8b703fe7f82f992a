package sketchrnn.model;

import static sketchrnn.model.Ops.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import sketchrnn.data.Batch;

/**
 * The encoder of docs/model.md §4 (paper section 3.1, Eq. 1-2): a bidirectional RNN over the real points
 * {@code S_1..S_N} of each sketch, then the latent distribution:
 * <pre>
 *   h = [encode→(S) ; encode←(S_reverse)]                                   (Eq. 1)
 *   mu = h·W_mu + b_mu,   sigma_hat = h·W_sigma + b_sigma                   (Eq. 2)
 * </pre>
 * True lengths are honoured: padding never reaches the final states. The forward direction's final state
 * is its state after step {@code len-1}; the backward direction reads each sketch reversed within its own
 * length ({@code S_len .. S_1}), so its final state is also the one after step {@code len-1}. Steps past
 * the longest sketch of the batch are not run at all. A sketch of length 0 encodes as the zero state.
 *
 * <p>Parameters: the two cells under {@code enc_fw/} and {@code enc_bw/} ({@code enc_model}, input 5),
 * {@code enc_mu/w (2E, Nz)}, {@code enc_mu/b (Nz)}, {@code enc_sigma/w (2E, Nz)}, {@code enc_sigma/b (Nz)}.
 */
final class BidirectionalEncoder {
    private final RecurrentCell forward;
    private final RecurrentCell backward;
    private final int units;
    private final int zSize;

    /** The encoder of {@code model}, with recurrent dropout of keep probability {@code keep} in training. */
    BidirectionalEncoder(ModelConfig model, double keep) {
        forward = RecurrentCell.of(model.encModel(), "enc_fw/", 5, model.encRnnSize(), keep, model);
        backward = RecurrentCell.of(model.encModel(), "enc_bw/", 5, model.encRnnSize(), keep, model);
        units = model.encRnnSize();
        zSize = model.zSize();
    }

    List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(forward.parameters());
        specs.addAll(backward.parameters());
        specs.add(ParameterSpec.matrix("enc_mu/w", 2L * units, zSize, new Init.Gaussian(0.001)));
        specs.add(ParameterSpec.vector("enc_mu/b", zSize, Init.zeros()));
        specs.add(ParameterSpec.matrix("enc_sigma/w", 2L * units, zSize, new Init.Gaussian(0.001)));
        specs.add(ParameterSpec.vector("enc_sigma/b", zSize, Init.zeros()));
        return specs;
    }

    /** mu and sigma_hat of every sketch of the batch (Eq. 1-2); recurrent dropout from {@code dropout} unless null. */
    Encoded encode(Weights w, Batch batch, Noise dropout, NDManager scope, DataType dtype) {
        int size = batch.size();
        int steps = 0;                                                                  // the longest sketch
        for (int len : batch.lengths()) {
            steps = Math.max(steps, len);
        }
        NDArray h;
        if (steps == 0) {
            h = scope.zeros(new Shape(size, 2L * units), dtype);
        } else {
            Shape inputShape = new Shape(steps, size, 5);
            NDArray last = Ops.tensor(scope, lastStep(batch, steps), new Shape(steps, size, 1), dtype); // (T, B, 1)
            NDArray hFw = finalOutput(forward, w, Ops.tensor(scope, forwardInputs(batch, steps), inputShape, dtype),
                    last, dropout, scope);                                             // (B, E)
            NDArray hBw = finalOutput(backward, w, Ops.tensor(scope, reversedInputs(batch, steps), inputShape, dtype),
                    last, dropout, scope);                                             // (B, E)
            h = hFw.concat(hBw, 1);                                                     // (B, 2E)
        }
        NDArray mu = linear(h, w.get("enc_mu/w").transpose(), w.get("enc_mu/b"));        // (B, Nz)
        NDArray sigmaHat = linear(h, w.get("enc_sigma/w").transpose(), w.get("enc_sigma/b")); // (B, Nz)
        return new Encoded(mu, sigmaHat);
    }

    /** The output of each sketch after its own last step: the stacked outputs picked by a one-hot mask. */
    private static NDArray finalOutput(RecurrentCell cell, Weights w, NDArray x, NDArray last, Noise dropout,
            NDManager scope) {
        long steps = x.getShape().get(0);
        int size = (int) x.getShape().get(1);
        RecurrentCell.Run run = cell.start(w, x, null, dropout, scope);
        NDArray outputs = cell.unroll(run, cell.zeroState(size, scope, x.getDataType()), steps); // (T, B, E)
        return outputs.mul(last).sum(new int[] {0});                                    // (B, E)
    }

    /** (T, B, 5) time-major: step t of sketch b is its point S_{t+1}. */
    static float[] forwardInputs(Batch batch, int steps) {
        int size = batch.size();
        float[] x = new float[steps * size * 5];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < size; b++) {
                batch.copyRow(b, t + 1, x, (t * size + b) * 5);
            }
        }
        return x;
    }

    /** (T, B, 5) time-major: step t of sketch b is its point S_{len-t} (zeros past its length). */
    static float[] reversedInputs(Batch batch, int steps) {
        int size = batch.size();
        float[] x = new float[steps * size * 5];
        for (int b = 0; b < size; b++) {
            int len = batch.lengths()[b];
            for (int t = 0; t < len; t++) {
                batch.copyRow(b, len - t, x, (t * size + b) * 5);
            }
        }
        return x;
    }

    /** (T, B, 1): 1 at step len-1 of each sketch, else 0. */
    static float[] lastStep(Batch batch, int steps) {
        int size = batch.size();
        float[] m = new float[steps * size];
        for (int b = 0; b < size; b++) {
            int len = batch.lengths()[b];
            if (len > 0) {
                m[(len - 1) * size + b] = 1f;
            }
        }
        return m;
    }
}
