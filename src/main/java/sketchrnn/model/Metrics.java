package sketchrnn.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered set of metric values (a step's or an evaluation's), immutable, in the order they were added
 * (what shows them in a fixed order, the log line and the CSV, follows its own list of definitions).
 */
public final class Metrics {
    private static final Metrics EMPTY = new Metrics(new LinkedHashMap<>());
    private final Map<Metric, Double> values;

    private Metrics(Map<Metric, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Metrics empty() {
        return EMPTY;
    }

    /** These values and {@code metric}'s (replaced in place when present, else added last). */
    public Metrics with(Metric metric, double value) {
        Map<Metric, Double> m = new LinkedHashMap<>(values);
        m.put(metric, value);
        return new Metrics(m);
    }

    /** The value of {@code metric}, NaN when absent. */
    public double get(Metric metric) {
        Double v = values.get(metric);
        return v == null ? Double.NaN : v;
    }

    public boolean has(Metric metric) {
        return values.containsKey(metric);
    }

    /** The metrics present, in order. */
    public List<Metric> metrics() {
        return List.copyOf(values.keySet());
    }

    /** The value of the objective (the one {@link Metric.Kind#OBJECTIVE} metric), NaN when there is none. */
    public double objective() {
        for (Map.Entry<Metric, Double> e : values.entrySet()) {
            if (e.getKey().kind() == Metric.Kind.OBJECTIVE) {
                return e.getValue();
            }
        }
        return Double.NaN;
    }

    /** Every value times {@code factor}. */
    public Metrics times(double factor) {
        Map<Metric, Double> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, v * factor));
        return new Metrics(m);
    }

    /** Every value divided by {@code divisor} (means of sums). */
    public Metrics over(double divisor) {
        Map<Metric, Double> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, v / divisor));
        return new Metrics(m);
    }

    /** The sum of these values and {@code other}'s (a metric missing on one side counts as 0). */
    public Metrics plus(Metrics other) {
        Metrics sum = this;
        for (Map.Entry<Metric, Double> e : other.values.entrySet()) {
            sum = sum.with(e.getKey(), (has(e.getKey()) ? get(e.getKey()) : 0) + e.getValue());
        }
        return sum;
    }

    /**
     * The measured values under their saved names with a split's prefix ({@code "valid_"}:
     * {@code valid_cost, valid_recon_loss, ...}), as checkpoints keep them; {@code kinds} selects which.
     */
    public Map<String, Double> saved(String prefix, Metric.Kind... kinds) {
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (List.of(kinds).contains(k.kind())) {
                out.put(k.savedAs(prefix), v);
            }
        });
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metrics m && values.equals(m.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        values.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k.name()).append('=').append(v));
        return b.append('}').toString();
    }
}
