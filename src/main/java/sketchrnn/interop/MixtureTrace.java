package sketchrnn.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;
import sketchrnn.data.Stroke5;
import sketchrnn.model.DecoderState;
import sketchrnn.model.DecoderStep;
import sketchrnn.model.MixtureDensityHead;
import sketchrnn.model.SketchRnn;

/**
 * What a model predicts at every step when fed a sketch with teacher forcing: the mixture parameters of the next
 * point, laid out as the reference traces of the published browser runtime ({@code tools/oracle/trace.js}, which
 * calls {@code @magenta/sketch}'s {@code getPDF(state, T, T)}), so that the two can be compared value for value.
 *
 * <p>Step 0 is the prediction after the start token {@code S0 = (0, 0, 1, 0, 0)}; step {@code i} the prediction
 * after point {@code i-1} of the sketch as stroke-5, so there are {@code n + 1} steps for {@code n} points. The
 * sketch is in the data's units and its offsets are divided by the scale factor (in double, then rounded to
 * float, as the runtime does with pixel factor 1). At temperature T: {@code pi} and {@code pen} are the softmax of
 * their logits divided by T, {@code sigmaX}/{@code sigmaY} are {@code exp(log sigma) * sqrt(T)} in model units,
 * {@code corr} is {@code tanh}, {@code muX}/{@code muY} are in model units. A conditional model is fed
 * {@code z = mu}, the mean of its encoding of the same sketch (deterministic), printed as {@code z}.
 *
 * @param model       the model's name
 * @param scaleFactor model units to data units
 * @param temperature T
 * @param steps       one entry per step
 * @param z           the latent vector fed to a conditional model, empty for a decoder-only one
 */
public record MixtureTrace(String model, double scaleFactor, double temperature, List<Step> steps, double[] z) {

    /** The names of a step's fields, in the order the runtime's trace writes them. */
    public static final List<String> FIELDS = List.of("pi", "muX", "muY", "sigmaX", "sigmaY", "corr", "pen");

    /**
     * The mixture parameters of one step: M values per field, 3 for {@code pen}.
     *
     * @param values by field name ({@link #FIELDS}), in that order
     */
    public record Step(Map<String, double[]> values) {
        public Step {
            if (!values.keySet().equals(new java.util.HashSet<>(FIELDS))) {
                throw new IllegalArgumentException("a step has the fields " + FIELDS + ", got " + values.keySet());
            }
            Map<String, double[]> copy = new LinkedHashMap<>();
            for (String f : FIELDS) {
                copy.put(f, values.get(f).clone());
            }
            values = java.util.Collections.unmodifiableMap(copy);
        }

        /** The values of one field (a copy). */
        public double[] get(String field) {
            double[] v = values.get(field);
            if (v == null) {
                throw new IllegalArgumentException("no field " + field + "; the fields are " + FIELDS);
            }
            return v.clone();
        }
    }

    public MixtureTrace {
        Objects.requireNonNull(model, "model");
        steps = List.copyOf(steps);
        z = z.clone();
    }

    @Override
    public double[] z() {
        return z.clone();
    }

    /**
     * Feeds a sketch through a model and records the mixture parameters after every step.
     *
     * @param network     the model (any cell; the browser runtime only has {@code lstm})
     * @param scaleFactor the model's scale factor: input offsets are divided by it
     * @param name        the model's name, as written in the trace
     * @param sketch      stroke-3 in the data's units
     * @param temperature T, positive
     * @throws BadInputException when T is not a positive number, or a conditional model is given an empty sketch
     */
    public static MixtureTrace of(SketchRnn network, double scaleFactor, String name, Sketch sketch, double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new BadInputException("temperature " + temperature + " is not a positive number");
        }
        if (!(scaleFactor > 0) || !Double.isFinite(scaleFactor)) {
            throw new BadInputException("scale factor " + scaleFactor + " is not a positive number");
        }
        int n = sketch.size();
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {(float) (sketch.dx(i) / scaleFactor), (float) (sketch.dy(i) / scaleFactor),
                sketch.penLifted(i) ? 1f : 0f};
        }
        Sketch normalised = Sketch.of(rows);
        MixtureDensityHead head = network.mixtureDensityHead();
        NDManager base = network.parameters().values().iterator().next().getManager();
        List<Step> steps = new ArrayList<>(n + 1);
        double[] zValues = new double[0];
        try (NDManager scope = base.newSubManager()) {
            NDArray z = null;
            if (network.hparams().model().conditional()) {
                if (n == 0) {
                    throw new BadInputException("a conditional model needs a sketch of at least one point to encode");
                }
                z = network.encode(Stroke5.batch(List.of(normalised), n), scope).mu();     // (1, Nz)
                zValues = z.toType(DataType.FLOAT64, false).toDoubleArray();
            }
            DecoderState state = network.initialState(z, 1, scope);
            float[] input = {0, 0, 1, 0, 0};                                                  // S0
            for (int i = 0; i <= n; i++) {
                try (NDManager stepScope = scope.newSubManager()) {
                    DecoderStep step = network.decodeStep(stepScope.create(input, new Shape(1, 5)), z, state, stepScope);
                    MixtureDensityHead.Mixture m = head.mixture(step.y(), temperature);
                    Map<String, double[]> values = new LinkedHashMap<>();
                    values.put("pi", doubles(m.pi()));
                    values.put("muX", doubles(m.muX()));
                    values.put("muY", doubles(m.muY()));
                    values.put("sigmaX", doubles(m.sigmaX()));
                    values.put("sigmaY", doubles(m.sigmaY()));
                    values.put("corr", doubles(m.rho()));
                    values.put("pen", doubles(m.pen()));
                    steps.add(new Step(values));
                    NDArray next = step.state().state();
                    next.attach(scope);                                                       // outlives the step
                    state.state().close();
                    state = new DecoderState(next);
                }
                if (i < n) {
                    boolean lift = normalised.penLifted(i);
                    input = new float[] {normalised.dx(i), normalised.dy(i), lift ? 0 : 1, lift ? 1 : 0, 0};
                }
            }
        }
        return new MixtureTrace(name, scaleFactor, temperature, steps, zValues);
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** The trace as one JSON object, the layout of the runtime's trace (plus {@code z} for a conditional model). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.addProperty("scale_factor", scaleFactor);
        o.addProperty("temperature", temperature);
        JsonArray s = new JsonArray();
        for (Step step : steps) {
            JsonObject j = new JsonObject();
            for (String f : FIELDS) {
                j.add(f, array(step.values().get(f)));
            }
            s.add(j);
        }
        o.add("steps", s);
        if (z.length > 0) {
            o.add("z", array(z));
        }
        return o;
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray(values.length);
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /**
     * Reads a trace in the runtime's layout (a reference trace, or {@code trace.js}'s output); extra fields are
     * ignored.
     *
     * @param source what to call the text in messages
     * @throws BadInputException when the text is not such a trace
     */
    public static MixtureTrace parse(String json, String source) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            List<Step> steps = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("steps")) {
                Map<String, double[]> values = new LinkedHashMap<>();
                for (String f : FIELDS) {
                    JsonArray a = e.getAsJsonObject().getAsJsonArray(f);
                    double[] v = new double[a.size()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = a.get(k).getAsDouble();
                    }
                    values.put(f, v);
                }
                steps.add(new Step(values));
            }
            double[] z = new double[0];
            if (o.has("z")) {
                JsonArray a = o.getAsJsonArray("z");
                z = new double[a.size()];
                for (int k = 0; k < z.length; k++) {
                    z[k] = a.get(k).getAsDouble();
                }
            }
            return new MixtureTrace(o.get("model").getAsString(), o.get("scale_factor").getAsDouble(),
                    o.get("temperature").getAsDouble(), steps, z);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                 | ClassCastException | IllegalArgumentException e) {
            throw new BadInputException(source + ": not a mixture trace {model, scale_factor, temperature, steps} ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * The largest absolute difference from another trace, per field ({@link #FIELDS} order).
     *
     * @throws IllegalArgumentException when the traces do not have the same steps and sizes
     */
    public Map<String, Double> maxAbsDifference(MixtureTrace other) {
        if (other.steps.size() != steps.size()) {
            throw new IllegalArgumentException("traces of " + steps.size() + " and " + other.steps.size() + " steps");
        }
        Map<String, Double> worst = new LinkedHashMap<>();
        FIELDS.forEach(f -> worst.put(f, 0.0));
        for (int i = 0; i < steps.size(); i++) {
            for (String f : FIELDS) {
                double[] a = steps.get(i).values().get(f);
                double[] b = other.steps.get(i).values().get(f);
                if (a.length != b.length) {
                    throw new IllegalArgumentException("step " + i + " " + f + ": " + a.length + " and " + b.length + " values");
                }
                for (int k = 0; k < a.length; k++) {
                    double d = Math.abs(a[k] - b[k]);
                    worst.merge(f, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d, Math::max);
                }
            }
        }
        return worst;
    }
}
