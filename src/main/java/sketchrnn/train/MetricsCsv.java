package sketchrnn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's metrics as CSV ({@code metrics.csv}): one row per logged training step and per validation,
 * columns {@code split, step, lr, klw, cost, recon, offset, pen, kl, ms_per_step}. Rows are appended as
 * training goes; on resume the rows after the checkpoint's step are dropped so the curves stay those
 * of one continuous run.
 */
public final class MetricsCsv {
    public static final String HEADER = "split,step,lr,klw,cost,recon,offset,pen,kl,ms_per_step";

    /** One row. */
    public record Row(String split, long step, double lr, double klw, double cost, double recon, double offset,
                      double pen, double kl, double msPerStep) {
        String format() {
            return String.format(Locale.ROOT, "%s,%d,%.8g,%.6g,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f",
                    split, step, lr, klw, cost, recon, offset, pen, kl, msPerStep);
        }

        static Row parse(String line) {
            String[] f = line.split(",");
            return new Row(f[0], Long.parseLong(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]),
                    d(f[8]), d(f[9]));
        }

        /** The row of a line, or null when the line is not a whole row (torn by a kill, damaged). */
        static Row tryParse(String line) {
            String[] f = line.split(",", -1);
            if (f.length != 10) {
                return null;
            }
            try {
                return parse(line);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static double d(String s) {
            return Double.parseDouble(s);
        }
    }

    private final Path file;

    public MetricsCsv(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Starts the file anew, or keeps the rows up to {@code keepUpToStep} when resuming. */
    public void start(long keepUpToStep) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        if (keepUpToStep > 0) {
            for (Row r : read()) {
                if (r.step() <= keepUpToStep) {
                    lines.add(r.format());
                }
            }
        }
        sketchrnn.data.AtomicFiles.writeString(file, String.join("\n", lines) + "\n");
    }

    public void append(Row row) {
        try {
            Files.writeString(file, row.format() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new sketchrnn.data.BadInputException("cannot append to " + file + ": " + sketchrnn.data.AtomicFiles.reason(e), e);
        }
    }

    /** Every row of the file (none when it does not exist). */
    public List<Row> read() {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("split,")) {
                    Row row = Row.tryParse(line);
                    if (row != null) { // a line torn by a kill during an append is dropped, not fatal
                        rows.add(row);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }
}
