package sketchrnn.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import sketchrnn.data.BadInputException;
import sketchrnn.model.CellKind;
import sketchrnn.model.ModelConfig;

/**
 * A sketch-rnn model in the published browser format (docs/model.md §12), read from a file or made for export: its
 * info, and its arrays under the project's parameter names (see {@link BrowserLayout}). Always consistent: the
 * arrays are those of the layout, in its order, with the shapes the sizes imply.
 *
 * @param info   the info fields
 * @param layout decoder-only or VAE
 * @param sizes  H, M (and E, Z for a VAE)
 * @param arrays the arrays in file order
 */
public record BrowserModel(BrowserInfo info, BrowserLayout layout, BrowserSizes sizes, List<NamedArray> arrays) {

    /** The mixture size both browser runtimes hard-code. */
    public static final int RUNTIME_NUM_MIXTURE = 20;

    public BrowserModel {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(sizes, "sizes");
        arrays = List.copyOf(arrays);
        if (info.decoderOnly() == layout.conditional()) {
            throw new IllegalArgumentException("info.mode " + info.modeText() + " does not describe a " + layout + " model");
        }
        if (sizes.conditional() != layout.conditional()) {
            throw new IllegalArgumentException("sizes " + sizes + " do not fit a " + layout + " model");
        }
        List<String> names = layout.names();
        List<long[]> shapes = layout.expectedShapes(sizes);
        if (arrays.size() != names.size()) {
            throw new IllegalArgumentException(layout + " needs " + names.size() + " arrays, got " + arrays.size());
        }
        for (int k = 0; k < names.size(); k++) {
            NamedArray a = arrays.get(k);
            if (!a.name().equals(names.get(k)) || !Arrays.equals(a.shape(), shapes.get(k))) {
                throw new IllegalArgumentException("array " + k + " is " + a + ", expected " + names.get(k)
                        + Arrays.toString(shapes.get(k)));
            }
        }
    }

    /**
     * A model to export, from a trained model's hyperparameters and weights (docs/model.md §12, the project's names).
     *
     * @param model   the model's hyperparameters: cells must be {@code lstm}, {@code num_mixture} 20; {@code
     *                conditional} chooses the layout
     * @param weights every array the layout names, each with {@code product(shape)} values, row-major
     * @param export  name, scale factor, max_seq_len, losses
     * @throws BadInputException        when the model cannot be expressed in the browser format (its cells or
     *                                  its mixture size)
     * @throws IllegalArgumentException when the weights are not those of the hyperparameters
     */
    public static BrowserModel forExport(ModelConfig model, Map<String, float[]> weights, ExportInfo export) {
        requireBrowserCell("dec_model", model.decModel());
        if (model.conditional()) {
            requireBrowserCell("enc_model", model.encModel());
        }
        if (model.numMixture() != RUNTIME_NUM_MIXTURE) {
            throw new BadInputException("cannot export a model with num_mixture=" + model.numMixture()
                    + " to the browser format: the browser runtimes assume " + RUNTIME_NUM_MIXTURE + " mixture components");
        }
        BrowserLayout layout = BrowserLayout.of(model.conditional());
        BrowserSizes sizes = model.conditional()
                ? new BrowserSizes(model.decRnnSize(), model.numMixture(), model.encRnnSize(), model.zSize())
                : new BrowserSizes(model.decRnnSize(), model.numMixture(), 0, 0);
        List<String> names = layout.names();
        Set<String> unexpected = new LinkedHashSet<>(weights.keySet());
        names.forEach(unexpected::remove);
        List<String> missing = names.stream().filter(n -> !weights.containsKey(n)).toList();
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("the weights of a " + layout + " model are " + names + "; missing "
                    + missing + ", unexpected " + unexpected);
        }
        List<long[]> shapes = layout.expectedShapes(sizes);
        List<NamedArray> arrays = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            float[] values = weights.get(names.get(k));
            if (values.length != NamedArray.size(shapes.get(k))) {
                throw new IllegalArgumentException(names.get(k) + " has " + values.length + " values, expected "
                        + layout.formula(k) + " = " + Arrays.toString(shapes.get(k)) + " for " + sizes.describe());
            }
            arrays.add(new NamedArray(names.get(k), shapes.get(k), values));
        }
        return new BrowserModel(BrowserInfo.forExport(!model.conditional(), export), layout, sizes, arrays);
    }

    private static void requireBrowserCell(String key, CellKind cell) {
        if (cell != CellKind.LSTM) {
            throw new BadInputException("cannot export a model with " + key + "=" + cell
                    + " to the browser format: the browser runtime implements the plain LSTM only (" + key + "=lstm)");
        }
    }

    /** True for a full VAE, false for a decoder-only model. */
    public boolean conditional() {
        return layout.conditional();
    }

    /** Model units to data units: the runtime divides input offsets by it and multiplies sampled ones. */
    public double scaleFactor() {
        return info.scaleFactor();
    }

    /** True when the VAE applies tanh to z before the initial-state layer (files older than version 6). */
    public boolean tanhZ() {
        return conditional() && info.tanhZ();
    }

    /**
     * The model this file describes: plain LSTM cells, {@code conditional} per layout, the sizes of the arrays,
     * and max_seq_len from the info. A decoder-only model has no encoder: its enc_rnn_size and z_size keep the
     * defaults and mean nothing.
     */
    public ModelConfig config() {
        ModelConfig d = ModelConfig.defaults();
        return new ModelConfig(info.maxSeqLen(), conditional() ? sizes.encRnnSize() : d.encRnnSize(), sizes.decRnnSize(),
                conditional() ? sizes.zSize() : d.zSize(), sizes.numMixture(), CellKind.LSTM, CellKind.LSTM,
                conditional(), d.hyperNumUnits(), d.hyperEmbeddingSize());
    }

    /** The array with this project name. */
    public NamedArray array(String name) {
        for (NamedArray a : arrays) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("a " + layout + " model has no array '" + name + "'; it has " + layout.names());
    }

    /** Every array's values (copies) by project name, in file order. */
    public Map<String, float[]> weights() {
        Map<String, float[]> map = new LinkedHashMap<>();
        arrays.forEach(a -> map.put(a.name(), a.values()));
        return map;
    }

    /** Every array's shape by project name, in file order. */
    public Map<String, long[]> shapes() {
        Map<String, long[]> map = new LinkedHashMap<>();
        arrays.forEach(a -> map.put(a.name(), a.shape()));
        return map;
    }
}
