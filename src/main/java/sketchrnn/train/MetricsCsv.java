package sketchrnn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sketchrnn.model.LossMetrics;
import sketchrnn.model.Metric;
import sketchrnn.model.Metrics;

/**
 * The run's metrics as CSV ({@code metrics.csv}): one row per logged training step and per validation,
 * columns {@code split, step, lr}, one per metric ({@link LossMetrics#ALL}: {@code klw, cost, recon, offset,
 * pen, kl}), then {@code ms_per_step}. Rows are appended as training goes; on resume the rows after the
 * checkpoint's step are dropped so the curves stay those of one continuous run. Files are read by their
 * header, so a file written with other metric columns still reads (a column it lacks reads as NaN).
 */
public final class MetricsCsv {
    /** The header of a file of {@link LossMetrics#ALL}. */
    public static final String HEADER = header(LossMetrics.ALL);

    /** One row: the values by metric name. */
    public record Row(String split, long step, double lr, Map<String, Double> values, double msPerStep) {
        public Row {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** A row of metric values. */
        public static Row of(String split, long step, double lr, Metrics metrics, double msPerStep) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (Metric m : metrics.metrics()) {
                v.put(m.name(), metrics.get(m));
            }
            return new Row(split, step, lr, v, msPerStep);
        }

        /** The value of {@code metric}, NaN when the row has none. */
        public double get(Metric metric) {
            return values.getOrDefault(metric.name(), Double.NaN);
        }

        /** The same row with another time per step. */
        public Row withMsPerStep(double ms) {
            return new Row(split, step, lr, values, ms);
        }
    }

    private final Path file;
    private final List<Metric> columns;

    /** The CSV of a file with a column per metric of {@code columns}. */
    public MetricsCsv(Path file, List<Metric> columns) {
        this.file = file;
        this.columns = List.copyOf(columns);
    }

    /** The CSV of a sketch-rnn run ({@link LossMetrics#ALL}). */
    public MetricsCsv(Path file) {
        this(file, LossMetrics.ALL);
    }

    public Path file() {
        return file;
    }

    static String header(List<Metric> columns) {
        StringBuilder b = new StringBuilder("split,step,lr");
        columns.forEach(m -> b.append(',').append(m.name()));
        return b.append(",ms_per_step").toString();
    }

    String format(Row r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%.8g", r.split(), r.step(), r.lr()));
        for (Metric m : columns) {
            b.append(String.format(Locale.ROOT, m.kind() == Metric.Kind.SETTING ? ",%.6g" : ",%.6f", r.get(m)));
        }
        return b.append(String.format(Locale.ROOT, ",%.1f", r.msPerStep())).toString();
    }

    /** Starts the file anew, or keeps the rows up to {@code keepUpToStep} when resuming. */
    public void start(long keepUpToStep) {
        List<String> lines = new ArrayList<>();
        lines.add(header(columns));
        if (keepUpToStep > 0) {
            for (Row r : read()) {
                if (r.step() <= keepUpToStep) {
                    lines.add(format(r));
                }
            }
        }
        sketchrnn.data.AtomicFiles.writeString(file, String.join("\n", lines) + "\n");
    }

    public void append(Row row) {
        try {
            Files.writeString(file, format(row) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new sketchrnn.data.BadInputException("cannot append to " + file + ": " + sketchrnn.data.AtomicFiles.reason(e), e);
        }
    }

    /** Every row of the file (none when it does not exist), its columns named by the file's header. */
    public List<Row> read() {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try {
            String[] names = header(columns).split(",");
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("split,")) {
                    names = line.strip().split(",");
                    continue;
                }
                String[] fields = line.strip().split(",", -1);
                if (fields.length != names.length) {
                    continue;                        // a line torn by a kill during an append is dropped, not fatal
                }
                try {
                    rows.add(parse(names, fields));
                } catch (NumberFormatException e) {
                    continue;                        // likewise a damaged one
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    private static Row parse(String[] names, String[] f) {
        String split = null;
        long step = 0;
        double lr = Double.NaN;
        double ms = Double.NaN;
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < names.length && i < f.length; i++) {
            switch (names[i]) {
                case "split" -> split = f[i];
                case "step" -> step = Long.parseLong(f[i]);
                case "lr" -> lr = Double.parseDouble(f[i]);
                case "ms_per_step" -> ms = Double.parseDouble(f[i]);
                default -> values.put(names[i], Double.parseDouble(f[i]));
            }
        }
        return new Row(split, step, lr, values, ms);
    }
}
