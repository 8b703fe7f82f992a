package sketchrnn.interop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;

/** Small models of consistent shapes with random weights, for round trips and malformed-file tests. */
final class SyntheticModels {
    static final int H = 8;
    static final int E = 6;
    static final int Z = 4;

    private SyntheticModels() {
    }

    /** Hyperparameters of a small browser-compatible model (plain LSTM, 20 mixtures). */
    static HParams hparams(boolean conditional) {
        return HParams.defaults().withCells(CellKind.LSTM, CellKind.LSTM).withConditional(conditional).withSizes(E, H, Z)
                .with("num_mixture", "20").withMaxSeqLen(77);
    }

    /** The sizes of {@link #hparams}. */
    static BrowserSizes sizes(boolean conditional) {
        return conditional ? new BrowserSizes(H, 20, E, Z) : new BrowserSizes(H, 20, 0, 0);
    }

    /** Random weights in [-range, range] for every array of the layout, by project name. */
    static Map<String, float[]> weights(boolean conditional, long seed, double range) {
        BrowserLayout layout = BrowserLayout.of(conditional);
        List<long[]> shapes = layout.expectedShapes(sizes(conditional));
        Random random = new Random(seed);
        Map<String, float[]> map = new LinkedHashMap<>();
        for (int k = 0; k < shapes.size(); k++) {
            float[] v = new float[(int) NamedArray.size(shapes.get(k))];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((random.nextDouble() * 2 - 1) * range);
            }
            map.put(layout.names().get(k), v);
        }
        return map;
    }

    /** Weights that are already on the int16 grid, so that they survive a write exactly. */
    static Map<String, float[]> quantisedWeights(boolean conditional, long seed) {
        Map<String, float[]> map = weights(conditional, seed, 12.0);
        map.values().forEach(v -> {
            for (int i = 0; i < v.length; i++) {
                v[i] = Int16Codec.dequantize(Int16Codec.quantize(v[i]));
            }
        });
        return map;
    }
}
