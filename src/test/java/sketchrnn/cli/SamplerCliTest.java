package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.SyntheticDrawings;
import sketchrnn.data.JsonSketchFile;
import sketchrnn.data.Sketch;
import sketchrnn.model.CellKind;
import sketchrnn.sample.SamplerModels;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SketchModel;

/** The drawing verbs end to end, as a user runs them, on tiny models saved as checkpoints. */
class SamplerCliTest {
    @TempDir
    static Path dir;

    static String vae;
    static String gen;
    static String house;

    @BeforeAll
    static void models() {
        SamplerModels.checkpoint(SamplerModels.tiny(true, CellKind.LSTM).withMaxSeqLen(250), 1, 20).write(dir.resolve("vae.ckpt"));
        SamplerModels.checkpoint(SamplerModels.tiny(false, CellKind.LSTM).withMaxSeqLen(40), 2, 20).write(dir.resolve("gen.ckpt"));
        vae = dir.resolve("vae.ckpt").toString();
        gen = dir.resolve("gen.ckpt").toString();
        JsonSketchFile.write(dir.resolve("house.json"), SamplerModels.house());
        house = dir.resolve("house.json").toString();
    }

    @Test
    void sampleRepeatsWithThePrintedSeedAndDrawsAGrid() throws IOException {
        Path a = dir.resolve("a.json");
        CliRun first = CliRun.of("sample", "--model", vae, "--count", "5", "--out", a.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Matcher seed = Pattern.compile("seed (\\d+)").matcher(first.out());
        assertThat(seed.find()).as(first.out()).isTrue();
        assertThat(first.out()).startsWith("wrote " + a + ": JSON, 5 sketches (tiny, temperature 0.5, seed ");
        assertThat(JsonSketchFile.read(a)).hasSize(5);
        Path b = dir.resolve("b.json");
        CliRun again = CliRun.of("sample", "--model", vae, "--count", "5", "--seed", seed.group(1), "--out", b.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.readString(b)).isEqualTo(Files.readString(a));

        Path png = dir.resolve("grid.png");
        CliRun grid = CliRun.of("sample", "--model", gen, "--count", "4", "--temperature", "0.3", "--seed", "3",
                "--sigma-scaling", "reference", "--cell-size", "100", "--out", png.toString());
        assertThat(grid.code()).as(grid.err()).isZero();
        assertThat(grid.out()).contains("PNG, 4 sketches").contains("temperature 0.3, seed 3, reference sigma scaling");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(img.getHeight()).isEqualTo(200);

        CliRun greedy = CliRun.of("sample", "--model", gen, "--greedy", "--out", dir.resolve("g.svg").toString());
        assertThat(greedy.code()).as(greedy.err()).isZero();
        assertThat(greedy.out()).contains("SVG, 1 sketch (tiny, greedy)");
    }

    @Test
    void reconstructAndCompleteAGivenSketch() throws IOException {
        Path r = dir.resolve("r.json");
        CliRun recon = CliRun.of("reconstruct", "--model", vae, "--input", house, "--temperatures", "0.1,1.0",
                "--count", "3", "--seed", "4", "--out", r.toString());
        assertThat(recon.code()).as(recon.err()).isZero();
        assertThat(JsonSketchFile.read(r)).hasSize(6);
        CliRun picture = CliRun.of("reconstruct", "--model", vae, "--input", house, "--temperatures", "0.1,1.0",
                "--count", "3", "--out", dir.resolve("r.svg").toString());
        assertThat(picture.out()).contains("SVG, 8 sketches");
        assertThat(Files.readString(dir.resolve("r.svg"))).contains(">input<").contains(">T 0.1<").contains(">T 1<");
        String sheep = SyntheticDrawings.sheepSized().toString();
        CliRun several = CliRun.of("reconstruct", "--model", vae, "--input", house, "--input", sheep + "#1",
                "--temperatures", "0.2", "--count", "2", "--seed", "4", "--out", dir.resolve("r2.svg").toString());
        assertThat(several.code()).as(several.err()).isZero();
        assertThat(several.out()).contains("SVG, 6 sketches");
        String svg = Files.readString(dir.resolve("r2.svg"));
        assertThat(svg).contains(">input 1<").contains(">input #1<").doesNotContain(">input<");

        Path c = dir.resolve("c.json");
        CliRun complete = CliRun.of("complete", "--model", vae, "--input", house, "--count", "3", "--seed", "1",
                "--out", c.toString());
        assertThat(complete.code()).as(complete.err()).isZero();
        assertThat(complete.out()).contains("JSON, 3 sketches").contains("8 given points");
        List<Sketch> whole = JsonSketchFile.read(c);
        assertThat(whole).hasSize(3).allSatisfy(s -> assertThat(s.prefix(8)).isEqualTo(SamplerModels.house()));
        // --z mean is the default (every ending conditioned on mu); --z sample: each its own draw (the API's EndingCode)
        Path cs = dir.resolve("cs.json");
        Path cm = dir.resolve("cm.json");
        assertThat(CliRun.of("complete", "--model", vae, "--input", house, "--count", "3", "--seed", "1", "--z",
                "sample", "--out", cs.toString()).code()).isZero();
        assertThat(CliRun.of("complete", "--model", vae, "--input", house, "--count", "3", "--seed", "1", "--z",
                "mean", "--out", cm.toString()).code()).isZero();
        assertThat(JsonSketchFile.read(cm)).isEqualTo(whole);
        try (SketchModel m = SketchModel.load(Path.of(vae))) {
            SamplingOptions o = SamplingOptions.defaults().withSeed(1);
            List<Sketch> fromSample = m.complete(SamplerModels.house(), 3, o, SketchModel.EndingCode.SAMPLE);
            List<Sketch> read = JsonSketchFile.read(cs);
            for (int k = 0; k < 3; k++) {
                assertThat(read.get(k).size()).as("ending %d", k).isEqualTo(8 + fromSample.get(k).size());
            }
        }

        CliRun kept = CliRun.of("complete", "--model", gen, "--input", house, "--keep", "4", "--count", "2",
                "--out", dir.resolve("c.png").toString());
        assertThat(kept.code()).as(kept.err()).isZero();
        assertThat(kept.out()).contains("PNG, 2 sketches").contains("4 given points");
    }

    @Test
    void interpolateAnalogyAndGridOnSheep() {
        String sheep = SyntheticDrawings.sheepSized().toString();
        Path m = dir.resolve("morph.json");
        CliRun morph = CliRun.of("interpolate", "--model", vae, "--from", sheep, "--from-index", "1", "--to", sheep,
                "--to-index", "2", "--steps", "5", "--seed", "2", "--out", m.toString());
        assertThat(morph.code()).as(morph.err()).isZero();
        assertThat(morph.out()).contains("JSON, 5 sketches").contains("spherical");
        assertThat(JsonSketchFile.read(m)).hasSize(5);

        CliRun analogy = CliRun.of("analogy", "--model", vae, "--a", sheep + "#1", "--b", sheep + "#2",
                "--c", house, "--count", "2", "--out", dir.resolve("analogy.svg").toString());
        assertThat(analogy.code()).as(analogy.err()).isZero();
        assertThat(analogy.out()).contains("SVG, 5 sketches");

        CliRun grid = CliRun.of("grid", "--model", vae, "--corners", sheep + "#0," + sheep + "#1," + house + "," + sheep
                + "#3", "--size", "3", "--linear", "--out", dir.resolve("sheet.gif").toString());
        assertThat(grid.code()).as(grid.err()).isZero();
        assertThat(grid.out()).contains("GIF, 13 sketches").contains("3 x 3, bilinear"); // 9 drawn, the 4 inputs
    }

    @Test
    void badInputExitsWithCode2AndOneLine() throws IOException {
        JsonSketchFile.write(dir.resolve("dot.json"), Sketch.of(new float[][] {{1, 2, 1}}));
        float[][] rows = new float[41][];
        for (int i = 0; i < 41; i++) {
            rows[i] = new float[] {5, i % 2 == 0 ? 3 : -3, 0};
        }
        JsonSketchFile.write(dir.resolve("long.json"), Sketch.of(rows));
        Files.writeString(dir.resolve("notes.ckpt"), "not a model");
        String out = dir.resolve("x.png").toString();
        assertBad(CliRun.of("sample", "--model", vae, "--temperature", "3", "--out", out), "temperature 3.0 is outside (0, 2]");
        assertBad(CliRun.of("sample", "--model", vae, "--temperature", "0", "--out", out), "is outside (0, 2]");
        assertBad(CliRun.of("sample", "--model", dir.resolve("notes.ckpt").toString(), "--out", out), "notes.ckpt");
        assertBad(CliRun.of("sample", "--model", dir.resolve("none.ckpt").toString(), "--out", out), "none.ckpt");
        assertBad(CliRun.of("sample", "--model", vae, "--out", dir.resolve("x.txt").toString()), ".svg, .png, .gif or .json");
        assertBad(CliRun.of("reconstruct", "--model", vae, "--input", dir.resolve("dot.json").toString(), "--out", out),
                "has only one point");
        assertBad(CliRun.of("complete", "--model", gen, "--input", dir.resolve("long.json").toString(), "--simplify",
                "never", "--out", out), "long.json has 41 points; model tiny reads at most 40");
        assertBad(CliRun.of("reconstruct", "--model", gen, "--input", house, "--out", out),
                "is a decoder-only model: it has no encoder, so it cannot encode sketches");
        assertBad(CliRun.of("interpolate", "--model", vae, "--from", house, "--to", house, "--steps", "1", "--out", out),
                "--steps must be in 2..1000");
        assertBad(CliRun.of("grid", "--model", vae, "--corners", house + "," + house, "--out", out), "needs 4 sketches");
        assertBad(CliRun.of("complete", "--model", vae, "--input", house + "#3", "--out", out), "index 3 is outside 0..0");
        assertBad(CliRun.of("sample", "--model", vae, "--sigma-scaling", "tf", "--out", out), "paper or reference");
        assertBad(CliRun.of("complete", "--model", vae, "--input", house, "--z", "mu", "--out", out),
                "--z must be sample, mean or prior, got 'mu'");
    }

    @Test
    void benchSamplePrintsOneJsonLine() {
        CliRun run = CliRun.of("bench", "sample", "--model", gen, "--count", "3", "--max-length", "12", "--repeat", "2");
        assertThat(run.code()).as(run.err()).isZero();
        JsonObject o = JsonParser.parseString(run.out().strip()).getAsJsonObject();
        assertThat(o.get("bench").getAsString()).isEqualTo("sample");
        JsonObject batch = o.getAsJsonObject("batch");
        JsonObject single = o.getAsJsonObject("one_at_a_time");
        assertThat(batch.get("steps").getAsLong()).isEqualTo(single.get("steps").getAsLong()).isBetween(3L, 39L);
        assertThat(single.get("decoder_calls").getAsLong()).isGreaterThanOrEqualTo(batch.get("decoder_calls").getAsLong());
        assertThat(o.get("batch_speedup_per_sketch").getAsDouble()).isPositive();
    }

    private static void assertBad(CliRun run, String message) {
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: ").contains(message).doesNotContain("\n");
    }
}
