package sketchrnn.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import sketchrnn.model.Metric;
import sketchrnn.model.Metrics;

/**
 * The training log: every {@code logEvery} steps one fixed-format line {@code step, lr}, every metric
 * with a log format ({@link Metric#logFormat}: {@code klw, cost, recon, kl}), {@code ms/step} (the mean of
 * the steps since the last line; a setting's latest value), a validation line after each validation (its
 * measured metrics), and on a terminal a progress line that updates in place between them. When the output
 * is not a terminal only the plain lines are printed. The same values go to {@code metrics.csv}.
 */
public final class TrainLog implements Trainer.Callback {
    private final PrintStream out;
    private final long logEvery;
    private final long maxSteps;
    private final boolean terminal;
    private final MetricsCsv csv;
    private final List<Metric> order;
    private Metrics sum = Metrics.empty();
    private Metrics latest = Metrics.empty();
    private double sumMs;
    private int count;
    private boolean progressShown;

    /** A log of the metrics of {@code order} (their order on the line), to {@code out} and {@code csv} (or null). */
    public TrainLog(PrintStream out, long logEvery, long maxSteps, boolean terminal, MetricsCsv csv, List<Metric> order) {
        this.order = List.copyOf(order);
        this.out = out;
        this.logEvery = logEvery;
        this.maxSteps = maxSteps;
        this.terminal = terminal;
        this.csv = csv;
    }

    /**
     * The logged metrics of {@code m} as {@code "name value"} pairs in the order of {@code order}
     * ({@code measuredOnly}: no settings).
     */
    static String labelled(List<Metric> order, Metrics m, boolean measuredOnly) {
        StringBuilder b = new StringBuilder();
        for (Metric k : order) {
            if (m.has(k) && k.logFormat() != null && (k.measured() || !measuredOnly)) {
                b.append("  ").append(k.name()).append(' ').append(String.format(Locale.ROOT, k.logFormat(), m.get(k)));
            }
        }
        return b.toString();
    }

    /** The fixed-format log line. */
    public static String line(List<Metric> order, long step, double lr, Metrics m, double msPerStep) {
        return String.format(Locale.ROOT, "step %7d  lr %.6f", step, lr) + labelled(order, m, false)
                + String.format(Locale.ROOT, "  ms/step %6.0f", msPerStep);
    }

    @Override
    public void onStep(Trainer.StepEvent e) {
        Metrics m = e.metrics();
        sum = sum.plus(m);
        latest = m;
        sumMs += e.millis();
        count++;
        if (e.step() % logEvery == 0) {
            Metrics mean = sum.over(count);
            for (Metric k : latest.metrics()) {
                if (!k.measured()) {
                    mean = mean.with(k, latest.get(k));                       // a setting: its value now
                }
            }
            clearProgress();
            out.println(line(order, e.step(), e.learningRate(), mean, sumMs / count));
            if (csv != null) {
                csv.append(MetricsCsv.Row.of("train", e.step(), e.learningRate(), mean, sumMs / count));
            }
            sum = Metrics.empty();
            sumMs = 0;
            count = 0;
        } else if (terminal) {
            String bar = maxSteps < Long.MAX_VALUE
                    ? String.format(Locale.ROOT, "%5.1f%% ", 100.0 * e.step() / maxSteps) : "";
            out.print(String.format(Locale.ROOT, "\r  %sstep %d  cost %.4f  %.0f ms/step   ", bar, e.step(),
                    m.objective(), e.millis()));
            out.flush();
            progressShown = true;
        }
    }

    @Override
    public void onValidation(long step, Metrics m, boolean best) {
        clearProgress();
        out.println(String.format(Locale.ROOT, "valid   %7d", step) + labelled(order, m, true) + (best ? "  (best so far)" : ""));
        if (csv != null) {
            csv.append(MetricsCsv.Row.of("valid", step, Double.NaN, m, Double.NaN));
        }
    }

    private void clearProgress() {
        if (progressShown) {
            out.print("\r" + " ".repeat(70) + "\r");
            progressShown = false;
        }
    }
}
