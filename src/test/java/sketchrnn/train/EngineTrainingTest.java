package sketchrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sketchrnn.Shared;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.data.NpzSketchReader;
import sketchrnn.data.NpzSketchWriter;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchSplits;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.LossMetrics;

/**
 * Training on both paths, the fused engine and the DJL autograd model, on data the test makes itself: the
 * loss falls, a resumed run equals an uninterrupted one exactly, the NaN guard restores, checkpoints move
 * from one path to the other, and the same seed gives the same loss curve on both paths. The last check
 * also runs on a small real subset of the sheep when ../shared is present.
 */
class EngineTrainingTest {
    /** Tiny layer_norm encoder and lstm decoder (both cells of the engine), recurrent dropout on. */
    static final HParams TINY = HParams.defaults().withSizes(16, 32, 8).withCells(CellKind.LAYER_NORM, CellKind.LSTM)
            .with("num_mixture", "5").withBatchSize(16).withMaxSeqLen(60).with("learning_rate", "0.005");

    @TempDir
    static Path folder;
    static Path synthetic;

    /** 160 / 32 / 32 random-walk sketches of 10 to 60 points in strokes, as a data file. */
    @BeforeAll
    static void writeSynthetic() {
        Random rng = new Random(11);
        synthetic = folder.resolve("walks.npz");
        NpzSketchWriter.write(synthetic, new SketchSplits("walks", walks(rng, 160), walks(rng, 32), walks(rng, 32)));
    }

    /** Sketches that can be learned: strokes of steady direction with small wobble, lifts between them. */
    static List<Sketch> walks(Random rng, int count) {
        List<Sketch> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int n = 10 + rng.nextInt(51);
            float[] flat = new float[3 * n];
            double angle = rng.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < n; i++) {
                boolean lift = i == n - 1 || rng.nextInt(12) == 0;
                angle += 0.3 * rng.nextGaussian();
                flat[3 * i] = Math.round(8 * Math.cos(angle));
                flat[3 * i + 1] = Math.round(8 * Math.sin(angle));
                flat[3 * i + 2] = lift ? 1 : 0;
            }
            out.add(Sketch.ofFlat(flat));
        }
        return out;
    }

    private static TrainingRun.Result train(Path data, Path dir, HParams hp, long steps, boolean resume, TrainingPath path,
            ByteArrayOutputStream out) {
        return TrainingRun.run(new TrainingRun.Options(resume ? List.of() : List.of(data), dir, hp, steps, null, 7,
                resume, 20, 10, path), new PrintStream(out, true, StandardCharsets.UTF_8), false);
    }

    private static List<MetricsCsv.Row> rows(Path dir, String split) {
        return new MetricsCsv(dir.resolve("metrics.csv")).read().stream().filter(r -> r.split().equals(split)).toList();
    }

    private static List<MetricsCsv.Row> withoutTimes(List<MetricsCsv.Row> rows) {
        return rows.stream().map(r -> r.withMsPerStep(0)).toList();
    }

    @ParameterizedTest
    @EnumSource(value = TrainingPath.class, names = {"FUSED", "DJL"})
    void lossFallsAndTheLogNamesThePath(TrainingPath path, @TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingRun.Result r = train(synthetic, dir, TINY, 100, false, path, out);
        assertThat(r.outcome()).isEqualTo(Trainer.Outcome.MAX_STEPS);
        List<MetricsCsv.Row> train = rows(dir, "train");
        assertThat(train.get(train.size() - 1).get(LossMetrics.RECON)).as("recon after 100 steps vs the first 10")
                .isLessThan(train.get(0).get(LossMetrics.RECON) * 0.8);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(path == TrainingPath.FUSED ? "fused engine" : "DJL autograd");
    }

    @Test
    void bf16ProductsLearnAsFp32Does(@TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeTrue(sketchrnn.kernels.Gemm.bf16Available(),
                () -> "native bf16 products unavailable here: " + sketchrnn.kernels.Gemm.bf16UnavailableReason());
        train(synthetic, dir.resolve("fp32"), TINY, 100, false, TrainingPath.FUSED, new ByteArrayOutputStream());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            sketchrnn.kernels.Gemm.useBf16(true);
            train(synthetic, dir.resolve("bf16"), TINY, 100, false, TrainingPath.FUSED, out);
        } finally {
            sketchrnn.kernels.Gemm.useBf16(false);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("bf16");
        List<MetricsCsv.Row> fp32 = rows(dir.resolve("fp32"), "train"), bf16 = rows(dir.resolve("bf16"), "train");
        double start = bf16.get(0).get(LossMetrics.RECON), end = bf16.get(bf16.size() - 1).get(LossMetrics.RECON);
        double fp32End = fp32.get(fp32.size() - 1).get(LossMetrics.RECON);
        assertThat(end).as("bf16: recon after 100 steps vs the first 10").isLessThan(start * 0.8);
        // same seed, same batches: the products' rounding moves the curve by a little of what it fell
        assertThat(Math.abs(end - fp32End)).as("bf16 vs fp32 recon after 100 steps").isLessThan(0.1 * Math.abs(start - fp32End));
        assertThat(bf16.get(0).get(LossMetrics.RECON)).as("first 10 steps").isCloseTo(fp32.get(0).get(LossMetrics.RECON),
                org.assertj.core.api.Assertions.within(0.02 * Math.abs(start)));
    }

    @ParameterizedTest
    @EnumSource(value = TrainingPath.class, names = {"FUSED", "DJL"})
    void resumedRunEqualsAnUninterruptedOne(TrainingPath path, @TempDir Path dir) {
        Path straight = dir.resolve("straight");
        Path split = dir.resolve("split");
        train(synthetic, straight, TINY, 40, false, path, new ByteArrayOutputStream());
        train(synthetic, split, TINY, 20, false, path, new ByteArrayOutputStream());
        train(synthetic, split, TINY, 40, true, path, new ByteArrayOutputStream());
        assertThat(withoutTimes(rows(split, "train"))).isEqualTo(withoutTimes(rows(straight, "train")));
        assertThat(withoutTimes(rows(split, "valid"))).isEqualTo(withoutTimes(rows(straight, "valid")));
        assertThat(Checkpoint.read(split.resolve("last.ckpt")).weights()).usingRecursiveComparison()
                .isEqualTo(Checkpoint.read(straight.resolve("last.ckpt")).weights());
    }

    @ParameterizedTest
    @EnumSource(value = TrainingPath.class, names = {"FUSED", "DJL"})
    void nanGuardStopsAndRestoresTheLastGoodCheckpoint(TrainingPath path, @TempDir Path dir) throws Exception {
        train(synthetic, dir, TINY, 20, false, path, new ByteArrayOutputStream());
        Checkpoint good = Checkpoint.read(dir.resolve("last.ckpt"));
        Checkpoint wild = new Checkpoint(good.hparams().with("learning_rate", "1e30").with("min_learning_rate", "1e30")
                .with("grad_clip", "1e30"), good.step(), good.bestValidCost(), good.scaleFactor(), good.data(), good.seed(),
                good.metrics(), good.shapes(), good.weights(), good.optimizer());
        wild.write(dir.resolve("last.ckpt"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingRun.Result r = train(synthetic, dir, TINY, 200, true, path, out);
        assertThat(r.outcome()).isEqualTo(Trainer.Outcome.NON_FINITE);
        assertThat(r.step()).isEqualTo(20);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("restored the last good checkpoint (step 20");
        assertThat(Checkpoint.read(dir.resolve("last.ckpt")).weights()).usingRecursiveComparison().isEqualTo(good.weights());
        assertThat(Files.readString(dir.resolve("train.log"))).contains("NaN or infinite");
    }

    @Test
    void checkpointsMoveBetweenThePaths(@TempDir Path dir) {
        // 20 steps on the engine, then 10 more on the DJL path from its checkpoint, and back again
        Path run = dir.resolve("run");
        train(synthetic, run, TINY, 20, false, TrainingPath.FUSED, new ByteArrayOutputStream());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        train(synthetic, run, TINY, 30, true, TrainingPath.DJL, out);
        train(synthetic, run, TINY, 40, true, TrainingPath.FUSED, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("DJL autograd").contains("fused engine");
        Checkpoint c = Checkpoint.read(run.resolve("last.ckpt"));
        assertThat(c.step()).isEqualTo(40);
        assertThat(c.optimizer().iterations()).isEqualTo(40);
        // and the mixed run follows the engine-only run closely (the same function on both paths, apart from
        // the dropout masks' generator)
        Path fused = dir.resolve("fused");
        train(synthetic, fused, TINY, 40, false, TrainingPath.FUSED, new ByteArrayOutputStream());
        double mixed = rows(run, "valid").get(1).get(LossMetrics.RECON);
        double alone = rows(fused, "valid").get(1).get(LossMetrics.RECON);
        assertThat(mixed).isCloseTo(alone, org.assertj.core.data.Offset.offset(0.15 * Math.abs(alone) + 0.05));
    }

    @Test
    void sameSeedGivesTheSameLossCurveOnBothPaths(@TempDir Path dir) {
        assertSameCurves(synthetic, dir);
    }

    @Test
    void sameSeedGivesTheSameLossCurveOnARealSubset(@TempDir Path dir) {
        SketchSplits sheep = NpzSketchReader.read(Shared.path("data/aaron_sheep.npz"));
        Path subset = dir.resolve("sheep-small.npz");
        NpzSketchWriter.write(subset, new SketchSplits("sheep-small", shortest(sheep.train(), 160),
                shortest(sheep.valid(), 32), shortest(sheep.test(), 32)));
        assertSameCurves(subset, dir);
    }

    private static List<Sketch> shortest(List<Sketch> sketches, int n) {
        return sketches.stream().filter(s -> s.size() <= 60).limit(n).collect(Collectors.toList());
    }

    /**
     * 50 steps without recurrent dropout (the two paths draw masks from different generators; z's noise is
     * shared): every logged training cost within 1% of the other path's, the validation rows within 2%.
     */
    private static void assertSameCurves(Path data, Path dir) {
        HParams hp = TINY.withRecurrentDropout(false);
        Path fused = dir.resolve("fused");
        Path djl = dir.resolve("djl");
        train(data, fused, hp, 50, false, TrainingPath.FUSED, new ByteArrayOutputStream());
        train(data, djl, hp, 50, false, TrainingPath.DJL, new ByteArrayOutputStream());
        List<MetricsCsv.Row> a = rows(fused, "train");
        List<MetricsCsv.Row> b = rows(djl, "train");
        assertThat(a).hasSameSizeAs(b).hasSize(5);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).get(LossMetrics.COST)).as("training cost at step %d", a.get(i).step())
                    .isCloseTo(b.get(i).get(LossMetrics.COST), org.assertj.core.data.Offset.offset(0.01 * Math.abs(b.get(i).get(LossMetrics.COST)) + 1e-3));
        }
        List<MetricsCsv.Row> va = rows(fused, "valid");
        List<MetricsCsv.Row> vb = rows(djl, "valid");
        for (int i = 0; i < va.size(); i++) {
            assertThat(va.get(i).get(LossMetrics.RECON)).as("validation recon at step %d", va.get(i).step())
                    .isCloseTo(vb.get(i).get(LossMetrics.RECON), org.assertj.core.data.Offset.offset(0.02 * Math.abs(vb.get(i).get(LossMetrics.RECON)) + 1e-3));
        }
    }
}
