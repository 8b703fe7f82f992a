package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.SyntheticQuickDraw;
import sketchrnn.data.NpzSketchReader;
import sketchrnn.data.Polylines;
import sketchrnn.data.QuickDrawDrawing;
import sketchrnn.data.QuickDrawNdjsonReader;
import sketchrnn.data.QuickDrawSimplifier;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchSplits;

class PrepareVerbTest {
    @TempDir
    Path tmp;

    /** Every raw drawing of the shared folder, simplified, shuffled and split; nothing lost, nothing invented. */
    @Test
    void rawDirectoryBecomesATrainingSet() throws IOException {
        checkRawDirectory(Shared.path("data/quickdraw/raw"));
    }

    /** The same with a folder of synthetic raw drawings (three files), so that it runs without the shared data. */
    @Test
    void syntheticRawDirectoryBecomesATrainingSet() throws IOException {
        Path rawDir = Files.createDirectories(tmp.resolve("raw"));
        SyntheticQuickDraw.writeRaw(rawDir.resolve("apple.ndjson"), 1, 20, "apple");
        SyntheticQuickDraw.writeRaw(rawDir.resolve("cat.ndjson"), 2, 25, "cat");
        SyntheticQuickDraw.writeRaw(rawDir.resolve("bed-one.ndjson"), 3, 1, "bed");
        checkRawDirectory(rawDir);
    }

    private void checkRawDirectory(Path rawDir) throws IOException {
        Path out = tmp.resolve("quickdraw.npz");
        CliRun run = CliRun.of("prepare", "--input", rawDir.toString(), "--out", out.toString(), "--seed", "7");
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();

        // expected: our simplification of each raw drawing, as stroke-3, limited to 250 points
        List<Sketch> expected = new ArrayList<>();
        int tooLong = 0;
        int files = 0;
        try (var list = Files.list(rawDir)) {
            for (Path f : list.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                files++;
                for (QuickDrawDrawing d : new QuickDrawNdjsonReader(false).readAll(f).drawings()) {
                    Sketch s = QuickDrawSimplifier.simplify(d.strokes()).toSketch();
                    if (s.size() > 250) {
                        tooLong++;
                    } else {
                        expected.add(s);
                    }
                }
            }
        }
        SketchSplits splits = NpzSketchReader.read(out);
        List<Sketch> all = new ArrayList<>(splits.train());
        all.addAll(splits.valid());
        all.addAll(splits.test());
        assertThat(counts(all)).isEqualTo(counts(expected));
        int n = expected.size();
        assertThat(splits.valid()).hasSize((int) Math.round(n * 0.95) - (int) Math.round(n * 0.9));
        assertThat(splits.train()).hasSize((int) Math.round(n * 0.9));
        assertThat(run.out().strip()).isEqualTo(String.format("wrote %s: train %d, valid %d, test %d (from %d drawings "
                + "in %d files; dropped %d longer than 250 points or empty; skipped 0 bad)", out, splits.train().size(),
                splits.valid().size(), splits.test().size(), n + tooLong, files, tooLong));
        // the drawings are Quick, Draw! simplified drawings: integers within 0..255
        for (Sketch s : all) {
            Polylines p = Polylines.fromSketch(s);
            assertThat(p.isIntegral()).isTrue();
            assertThat(p.bounds().maxX()).isLessThanOrEqualTo(255);
            assertThat(p.bounds().maxY()).isLessThanOrEqualTo(255);
        }
    }

    @Test
    void sameSeedSameFileOtherSeedOtherOrder() throws IOException {
        String in = SyntheticQuickDraw.writeSimplified(tmp.resolve("monkey-1000.ndjson"), 5, 1000, "monkey").toString();
        Path a = tmp.resolve("a.npz");
        Path b = tmp.resolve("b.npz");
        Path c = tmp.resolve("c.npz");
        assertThat(CliRun.of("prepare", "--input", in, "--out", a.toString(), "--seed", "5").code()).isZero();
        assertThat(CliRun.of("prepare", "--input", in, "--out", b.toString(), "--seed", "5").code()).isZero();
        assertThat(CliRun.of("prepare", "--input", in, "--out", c.toString(), "--seed", "6").code()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(NpzSketchReader.read(c).train()).isNotEqualTo(NpzSketchReader.read(a).train());
        assertThat(counts(NpzSketchReader.read(c).train())).isNotEqualTo(counts(NpzSketchReader.read(a).train()));
    }

    @Test
    void maxPointsDropsLongDrawingsAndSplitFractionsAreHonoured() {
        Path in = SyntheticQuickDraw.writeSimplified(tmp.resolve("monkey-1000.ndjson"), 5, 1000, "monkey");
        List<QuickDrawDrawing> monkeys = new QuickDrawNdjsonReader(false).readAll(in).drawings();
        long longer = monkeys.stream().filter(d -> d.strokes().pointCount() > 60).count();
        assertThat(longer).isBetween(1L, 999L);
        Path out = tmp.resolve("short.npz");
        CliRun run = CliRun.of("prepare", "--input", in.toString(), "--out", out.toString(), "--max-points", "60",
                "--split", "0.5,0.25,0.25");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("dropped " + longer + " longer than 60 points");
        SketchSplits s = NpzSketchReader.read(out);
        int kept = (int) (1000 - longer);
        assertThat(s.train().size() + s.valid().size() + s.test().size()).isEqualTo(kept);
        assertThat(s.train()).hasSize((int) Math.round(kept * 0.5));
        assertThat(s.train()).allSatisfy(x -> assertThat(x.size()).isLessThanOrEqualTo(60));
    }

    @Test
    void binaryInputIsTakenAsItIs() {
        Path out = tmp.resolve("bed.npz");
        CliRun run = CliRun.of("prepare", "--input", SyntheticQuickDraw.writeBed(tmp.resolve("bed-one.simplified.bin")).toString(),
                "--out", out.toString(), "--split", "1,0,0");
        assertThat(run.code()).isZero();
        assertThat(NpzSketchReader.read(out).train()).hasSize(1);
        assertThat(NpzSketchReader.read(out).train().get(0).size()).isEqualTo(25);
    }

    @Test
    void badLinesStopTheRunOrAreSkippedAndCounted() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.write(dir.resolve("mixed.ndjson"), List.of(
                "{\"key_id\":\"1\",\"drawing\":[[[0,10,20],[0,5,0]]]}",
                "{\"key_id\":\"2\",\"drawing\":[[[0,10],[0,0]]",
                "{\"key_id\":\"3\",\"drawing\":[[[0.5,10.25,30],[0,5,1],[0,16,40]]]}"));
        Path out = tmp.resolve("mixed.npz");
        CliRun strict = CliRun.of("prepare", "--input", dir.toString(), "--out", out.toString());
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err().strip()).startsWith("error: mixed.ndjson:2: not valid JSON").doesNotContain("\n");
        assertThat(out).doesNotExist();

        CliRun skipping = CliRun.of("prepare", "--input", dir.toString(), "--out", out.toString(), "--skip-bad",
                "--split", "1,0,0");
        assertThat(skipping.code()).isZero();
        assertThat(skipping.out()).contains("train 2, valid 0, test 0").contains("skipped 1 bad");
        // the raw drawing (fractional coordinates, times) was simplified: its larger side is now 255
        List<Integer> sides = new ArrayList<>();
        for (Sketch s : NpzSketchReader.read(out).train()) {
            sides.add((int) Polylines.fromSketch(s).bounds().largerSide());
        }
        assertThat(sides).contains(255, 20);
    }

    @Test
    void optionErrorsExitWithCode2() {
        String in = SyntheticQuickDraw.writeSimplified(tmp.resolve("cat.ndjson"), 6, 20, "cat").toString();
        String out = tmp.resolve("x.npz").toString();
        CliRun split = CliRun.of("prepare", "--input", in, "--out", out, "--split", "0.9,0.2,0.1");
        assertThat(split.code()).isEqualTo(2);
        assertThat(split.err().strip()).isEqualTo("error: --split fractions must sum to 1, they sum to 1.2");
        CliRun words = CliRun.of("prepare", "--input", in, "--out", out, "--split", "most,some,few");
        assertThat(words.code()).isEqualTo(2);
        assertThat(words.err()).contains("--split expects three numbers like 0.9,0.05,0.05");
        CliRun notNpz = CliRun.of("prepare", "--input", in, "--out", tmp.resolve("x.zip").toString());
        assertThat(notNpz.code()).isEqualTo(2);
        assertThat(notNpz.err()).contains("--out must name a .npz file");
        CliRun noInput = CliRun.of("prepare", "--out", out);
        assertThat(noInput.code()).isEqualTo(2);
        assertThat(noInput.err()).contains("Missing required option: '--input=FILE|DIR'");
        CliRun missing = CliRun.of("prepare", "--input", tmp.resolve("none.ndjson").toString(), "--out", out);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(Path.of(out)).doesNotExist();
    }

    /** Sketches as a multiset (order-free). */
    private static Map<Sketch, Integer> counts(List<Sketch> sketches) {
        Map<Sketch, Integer> m = new HashMap<>();
        for (Sketch s : sketches) {
            m.merge(s, 1, Integer::sum);
        }
        return m;
    }
}
