package sketchrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.model.LossMetrics;
import sketchrnn.model.Metric;
import sketchrnn.model.Metrics;

/** The metrics' one definition: CSV columns, log lines and checkpoint names derived from it, old files still read. */
class MetricsCsvTest {
    /** A metrics.csv as the code before the metric definitions wrote it (fixed columns). */
    private static final String OLD = """
            split,step,lr,klw,cost,recon,offset,pen,kl,ms_per_step
            train,10,0.0010000000,0.0100000,1.234567,1.100000,0.900000,0.200000,0.300000,12.5
            valid,20,NaN,1.00000,1.500000,1.400000,1.200000,0.200000,0.350000,NaN
            """;

    @Test
    void aFileWrittenByTheFormerCodeReadsAndResumesByteForByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, OLD);
        MetricsCsv csv = new MetricsCsv(file);
        List<MetricsCsv.Row> rows = csv.read();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(LossMetrics.COST)).isEqualTo(1.234567);
        assertThat(rows.get(0).get(LossMetrics.KLW)).isEqualTo(0.01);
        assertThat(rows.get(0).msPerStep()).isEqualTo(12.5);
        assertThat(rows.get(1).get(LossMetrics.KL)).isEqualTo(0.35);
        assertThat(rows.get(1).lr()).isNaN();
        assertThat(MetricsCsv.HEADER).isEqualTo("split,step,lr,klw,cost,recon,offset,pen,kl,ms_per_step");
        csv.start(20);                                                          // a resume rewrites the kept rows
        assertThat(Files.readString(file)).isEqualTo(OLD);
    }

    @Test
    void aColumnTheFileLacksReadsAsNaNAndExtraColumnsAreKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, "split,step,lr,cost,extra,ms_per_step\ntrain,5,0.001,2.5,7,3.0\n");
        MetricsCsv.Row r = new MetricsCsv(file).read().get(0);
        assertThat(r.get(LossMetrics.COST)).isEqualTo(2.5);
        assertThat(r.get(LossMetrics.RECON)).isNaN();
        assertThat(r.values()).containsEntry("extra", 7.0);
    }

    @Test
    void logLinesCsvColumnsAndSavedNamesComeFromTheDefinitions() {
        Metrics m = LossMetrics.of(1.5, 1.25, 1.0, 0.25, 0.5).with(LossMetrics.KLW, 0.2);
        assertThat(TrainLog.line(LossMetrics.ALL, 120, 0.001, m, 42)).isEqualTo(     // definition order, not insertion order
                "step     120  lr 0.001000  klw 0.2000  cost   1.5000  recon   1.2500  kl  0.5000  ms/step     42");
        assertThat(m.saved("valid_", Metric.Kind.OBJECTIVE, Metric.Kind.TERM)).containsExactly(
                org.assertj.core.api.Assertions.entry("valid_cost", 1.5),
                org.assertj.core.api.Assertions.entry("valid_recon_loss", 1.25),
                org.assertj.core.api.Assertions.entry("valid_offset_loss", 1.0),
                org.assertj.core.api.Assertions.entry("valid_pen_loss", 0.25),
                org.assertj.core.api.Assertions.entry("valid_kl_loss", 0.5));
        assertThat(TrainingRun.validMetrics(m)).containsOnlyKeys("valid_cost", "valid_recon_loss", "valid_offset_loss",
                "valid_pen_loss", "valid_kl_loss");
        assertThat(m.objective()).isEqualTo(1.5);
    }

    @Test
    void anEvaluationPrintsItsTermsAsBefore() {
        Evaluation.Result r = new Evaluation.Result(LossMetrics.of(9, 1.25, 1.0, 0.25, 0.5), 4);
        assertThat(r.terms().has(LossMetrics.COST)).isTrue();
        Evaluation.Result terms = new Evaluation.Result(Evaluation.Result.termsOf(r.terms()), 4);
        assertThat(terms.toJson()).isEqualTo(
                "{\"recon_loss\": 1.250000, \"offset_loss\": 1.000000, \"pen_loss\": 0.250000, \"kl_loss\": 0.500000, \"count\": 4}");
        assertThat(terms.cost(0.5, 0.2)).isEqualTo(1.25 + 0.5 * 0.5);
        assertThat(terms.validation(0.5, 0.2).get(LossMetrics.COST)).isEqualTo(1.5);
        assertThat(TrainingRun.validMetrics(terms.validation(0.5, 0.2)).keySet()).containsExactly("valid_cost",
                "valid_recon_loss", "valid_offset_loss", "valid_pen_loss", "valid_kl_loss");
    }
}
