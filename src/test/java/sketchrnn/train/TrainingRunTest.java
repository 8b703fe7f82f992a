package sketchrnn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.data.BadInputException;
import sketchrnn.data.NpzSketchReader;
import sketchrnn.data.NpzSketchWriter;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.SketchSplits;
import sketchrnn.data.TrainingData;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.LossMetrics;
import sketchrnn.model.SketchRnn;

/**
 * Training end to end on a small real subset of the sheep: learning, checkpoints, resume, the NaN guard. Skips
 * without {@code ../shared}; {@link SyntheticTrainingRunTest} runs the same checks on synthetic drawings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingRunTest {
    /** A tiny configuration that still learns something in a few seconds. */
    static final HParams TINY = HParams.defaults().withSizes(16, 32, 8).withCells(CellKind.LAYER_NORM, CellKind.LSTM)
            .with("num_mixture", "5").withBatchSize(16).withMaxSeqLen(60).with("learning_rate", "0.005")
            .with("hyper_num_units", "8").with("hyper_embedding_size", "4");

    Path subset;

    @BeforeAll
    void writeSubset(@TempDir Path dir) {
        subset = writeData(dir);
    }

    /** The data the checks train on, written into {@code dir}: 160 / 32 / 32 sheep of at most 60 points. */
    Path writeData(Path dir) {
        SketchSplits sheep = NpzSketchReader.read(Shared.path("data/aaron_sheep.npz"));
        Path file = dir.resolve("sheep-small.npz");
        NpzSketchWriter.write(file, new SketchSplits("sheep-small", shortest(sheep.train(), 160),
                shortest(sheep.valid(), 32), shortest(sheep.test(), 32)));
        return file;
    }

    private static List<Sketch> shortest(List<Sketch> sketches, int n) {
        return sketches.stream().filter(s -> s.size() <= 60).limit(n).collect(Collectors.toList());
    }

    private TrainingRun.Result train(Path dir, HParams hp, long steps, boolean resume, ByteArrayOutputStream out) {
        return TrainingRun.run(new TrainingRun.Options(resume ? List.of() : List.of(subset), dir, hp, steps, null, 7,
                resume, 20, 10), new PrintStream(out, true, StandardCharsets.UTF_8), false);
    }

    private static List<MetricsCsv.Row> rows(Path dir, String split) {
        return new MetricsCsv(dir.resolve("metrics.csv")).read().stream().filter(r -> r.split().equals(split)).toList();
    }

    @Test
    void lossFallsWellBelowItsStart(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingRun.Result r = train(dir, TINY, 120, false, out);
        assertThat(r.outcome()).isEqualTo(Trainer.Outcome.MAX_STEPS);
        List<MetricsCsv.Row> train = rows(dir, "train");
        double first = train.get(0).get(LossMetrics.RECON);
        double last = train.get(train.size() - 1).get(LossMetrics.RECON);
        assertThat(last).as("recon loss after 120 steps vs the first 10").isLessThan(first * 0.75);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern(
                "step +120  lr [0-9.]+  klw [0-9.]+  cost +[-0-9.]+  recon +[-0-9.]+  kl +[-0-9.]+  ms/step +[0-9]+");
        assertThat(dir.resolve("best.ckpt")).exists();
        assertThat(dir.resolve("loss.png")).exists();
        assertThat(dir.resolve("train.log")).exists();
        Checkpoint c = Checkpoint.read(dir.resolve("last.ckpt"));
        assertThat(c.step()).isEqualTo(120);
        assertThat(c.hparams().model().decRnnSize()).isEqualTo(32);
        assertThat(c.data()).singleElement().asString().endsWith(subset.getFileName().toString());
        assertThat(c.scaleFactor()).isPositive();
        assertThat(c.optimizer().iterations()).isEqualTo(120);
        assertThat(c.bestValidCost()).isFinite();
    }

    @Test
    void checkpointRoundTripGivesIdenticalOutputs(@TempDir Path dir) {
        train(dir, TINY, 20, false, new ByteArrayOutputStream());
        Checkpoint c = Checkpoint.read(dir.resolve("last.ckpt"));
        TrainingData data = TrainingData.of(List.of(SketchFiles.loadSplits(subset)), c.hparams().model().maxSeqLen(), c.scaleFactor());
        Path copy = dir.resolve("copy.ckpt");
        c.write(copy);
        Checkpoint again = Checkpoint.read(copy);
        try (SketchRnn a = ModelState.restore(c); SketchRnn b = ModelState.restore(again)) {
            Evaluation.Result ra = Evaluation.evaluate(a, data.test(), 16, c.hparams().model().maxSeqLen(), 3);
            Evaluation.Result rb = Evaluation.evaluate(b, data.test(), 16, c.hparams().model().maxSeqLen(), 3);
            assertThat(rb).isEqualTo(ra);
            assertThat(ra.count()).isEqualTo(data.test().size());
        }
    }

    @Test
    void resumedRunEqualsAnUninterruptedOne(@TempDir Path dir) {
        Path straight = dir.resolve("straight");
        Path split = dir.resolve("split");
        train(straight, TINY, 60, false, new ByteArrayOutputStream());
        train(split, TINY, 30, false, new ByteArrayOutputStream());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        train(split, TINY, 60, true, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("resuming run");
        // Same steps, schedule positions, batches and noise: the same losses to the last printed digit, train
        // and validation rows alike, and the same final weights.
        assertThat(withoutTimes(rows(split, "train"))).isEqualTo(withoutTimes(rows(straight, "train")));
        assertThat(withoutTimes(rows(split, "valid"))).isEqualTo(withoutTimes(rows(straight, "valid")));
        assertThat(Checkpoint.read(split.resolve("last.ckpt")).weights()).usingRecursiveComparison()
                .isEqualTo(Checkpoint.read(straight.resolve("last.ckpt")).weights());
    }

    private static List<MetricsCsv.Row> withoutTimes(List<MetricsCsv.Row> rows) {
        return rows.stream().map(r -> r.withMsPerStep(0)).toList();
    }

    @Test
    void nanGuardStopsAndRestoresTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        train(dir, TINY, 20, false, new ByteArrayOutputStream());
        Checkpoint good = Checkpoint.read(dir.resolve("last.ckpt"));
        // an absurd learning rate makes the weights overflow within a few steps
        Checkpoint wild = new Checkpoint(good.hparams().with("learning_rate", "1e30").with("min_learning_rate", "1e30")
                .with("grad_clip", "1e30"), good.step(), good.bestValidCost(), good.scaleFactor(), good.data(), good.seed(),
                good.metrics(), good.shapes(), good.weights(), good.optimizer());
        wild.write(dir.resolve("last.ckpt"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingRun.Result r = train(dir, TINY, 200, true, out);
        assertThat(r.outcome()).isEqualTo(Trainer.Outcome.NON_FINITE);
        assertThat(r.step()).isEqualTo(20);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("NaN or infinite").contains("restored the last good checkpoint (step 20");
        Checkpoint after = Checkpoint.read(dir.resolve("last.ckpt"));
        assertThat(after.weights()).usingRecursiveComparison().isEqualTo(good.weights());
        assertThat(Files.readString(dir.resolve("train.log"))).contains("NaN or infinite");
    }

    @Test
    void refusesToOverwriteARunAndToResumeNothing(@TempDir Path dir) {
        train(dir, TINY, 10, false, new ByteArrayOutputStream());
        assertThatThrownBy(() -> train(dir, TINY, 10, false, new ByteArrayOutputStream()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--resume");
        assertThatThrownBy(() -> train(dir.resolve("nothing"), TINY, 10, true, new ByteArrayOutputStream()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("nothing to resume");
    }
}
