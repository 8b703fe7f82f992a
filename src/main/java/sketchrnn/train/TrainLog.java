package sketchrnn.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The training log: every {@code logEvery} steps one fixed-format line
 * {@code step, lr, klw, cost, recon, kl, ms/step} (the mean of the steps since the last line), a
 * validation line after each validation, and on a terminal a progress line that updates in place
 * between them. When the output is not a terminal only the plain lines are printed.
 */
public final class TrainLog implements Trainer.Callback {
    private final PrintStream out;
    private final long logEvery;
    private final long maxSteps;
    private final boolean terminal;
    private final MetricsCsv csv;
    private double sumCost;
    private double sumRecon;
    private double sumKl;
    private double sumOffset;
    private double sumPen;
    private double sumMs;
    private int count;
    private boolean progressShown;

    public TrainLog(PrintStream out, long logEvery, long maxSteps, boolean terminal, MetricsCsv csv) {
        this.out = out;
        this.logEvery = logEvery;
        this.maxSteps = maxSteps;
        this.terminal = terminal;
        this.csv = csv;
    }

    /** The fixed-format log line. */
    public static String line(long step, double lr, double klw, double cost, double recon, double kl, double msPerStep) {
        return String.format(Locale.ROOT, "step %7d  lr %.6f  klw %.4f  cost %8.4f  recon %8.4f  kl %7.4f  ms/step %6.0f",
                step, lr, klw, cost, recon, kl, msPerStep);
    }

    @Override
    public void onStep(Trainer.StepEvent e) {
        Map<String, Double> m = e.metrics();
        sumCost += m.getOrDefault("cost", Double.NaN);
        sumRecon += m.getOrDefault("recon", Double.NaN);
        sumKl += m.getOrDefault("kl", Double.NaN);
        sumOffset += m.getOrDefault("offset", Double.NaN);
        sumPen += m.getOrDefault("pen", Double.NaN);
        sumMs += e.millis();
        count++;
        if (e.step() % logEvery == 0) {
            double klw = m.getOrDefault("klw", Double.NaN);
            clearProgress();
            out.println(line(e.step(), e.learningRate(), klw, sumCost / count, sumRecon / count, sumKl / count, sumMs / count));
            if (csv != null) {
                csv.append(new MetricsCsv.Row("train", e.step(), e.learningRate(), klw, sumCost / count, sumRecon / count,
                        sumOffset / count, sumPen / count, sumKl / count, sumMs / count));
            }
            sumCost = sumRecon = sumKl = sumOffset = sumPen = sumMs = 0;
            count = 0;
        } else if (terminal) {
            String bar = maxSteps < Long.MAX_VALUE
                    ? String.format(Locale.ROOT, "%5.1f%% ", 100.0 * e.step() / maxSteps) : "";
            out.print(String.format(Locale.ROOT, "\r  %sstep %d  cost %.4f  %.0f ms/step   ", bar, e.step(),
                    m.getOrDefault("cost", Double.NaN), e.millis()));
            out.flush();
            progressShown = true;
        }
    }

    @Override
    public void onValidation(long step, Map<String, Double> m, boolean best) {
        clearProgress();
        out.println(String.format(Locale.ROOT, "valid   %7d  cost %8.4f  recon %8.4f  kl %7.4f%s", step,
                m.get("cost"), m.get("recon"), m.get("kl"), best ? "  (best so far)" : ""));
        if (csv != null) {
            csv.append(new MetricsCsv.Row("valid", step, Double.NaN, m.getOrDefault("klw", Double.NaN), m.get("cost"),
                    m.get("recon"), m.getOrDefault("offset", Double.NaN), m.getOrDefault("pen", Double.NaN),
                    m.get("kl"), Double.NaN));
        }
    }

    private void clearProgress() {
        if (progressShown) {
            out.print("\r" + " ".repeat(70) + "\r");
            progressShown = false;
        }
    }
}
