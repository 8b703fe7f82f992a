package sketchrnn.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;
import sketchrnn.model.CellKind;

/** Encoding, decoding, reconstruction, interpolation and analogies with a tiny full VAE loaded from a checkpoint. */
class SamplerLatentTest {
    @TempDir
    static java.nio.file.Path dir;

    static SketchModel vae;

    @BeforeAll
    static void load() {
        vae = SamplerModels.saved(dir, "vae.ckpt", SamplerModels.tiny(true, CellKind.LSTM).withMaxSeqLen(40), 21, 6);
        vae.network().parameters().get("enc_mu/w").muli(300); // a random encoder's codes are ~0: spread them
    }

    @AfterAll
    static void close() {
        vae.close();
    }

    @Test
    void batchedEncodingEqualsOneByOneDespitePadding() {
        List<Sketch> sketches = List.of(SamplerModels.house(), SamplerModels.zigzag(31), SamplerModels.zigzag(3));
        List<float[]> all = vae.encodeAll(sketches);
        assertThat(all).hasSize(3);
        for (int i = 0; i < 3; i++) {
            float[] one = vae.encode(sketches.get(i));
            assertThat(one).hasSize(4);
            for (int k = 0; k < 4; k++) {
                assertThat(all.get(i)[k]).isCloseTo(one[k], within(1e-5f));
            }
        }
        assertThat(all.get(0)).isNotEqualTo(all.get(1));
    }

    @Test
    void aSeededEncodingIsADrawAroundTheMean() {
        Sketch s = SamplerModels.house();
        float[] mu = vae.encode(s);
        float[] a = vae.encode(s, 7);
        assertThat(vae.encode(s, 7)).isEqualTo(a);
        assertThat(vae.encode(s, 8)).isNotEqualTo(a);
        assertThat(a).isNotEqualTo(mu);
    }

    @Test
    void interpolationIncludesBothCodesAndDecodesThemAsThemselves() {
        float[] a = vae.encode(SamplerModels.house());
        float[] b = vae.encode(SamplerModels.zigzag(12));
        for (boolean spherical : new boolean[] {true, false}) {
            List<float[]> zs = SketchModel.interpolate(a, b, 6, spherical);
            assertThat(zs).hasSize(6);
            assertThat(zs.get(0)).isEqualTo(a);
            assertThat(zs.get(5)).isEqualTo(b);
            SamplingOptions greedy = SamplingOptions.defaults().withGreedy(true);
            List<Sketch> morph = vae.decode(List.of(zs.get(0), zs.get(5)), greedy);
            List<Sketch> ends = vae.decode(List.of(a, b), greedy);
            assertThat(morph).isEqualTo(ends);
            // Within the whole morph (a batch of 6, whose native kernels may round differently) as well.
            List<Sketch> all = vae.decode(zs, greedy);
            assertClose(all.get(0), ends.get(0));
            assertClose(all.get(5), ends.get(1));
            assertThat(all.get(2)).isNotEqualTo(all.get(0));
        }
        assertThatThrownBy(() -> SketchModel.interpolate(a, b, 1, true)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at least 2 steps");
    }

    @Test
    void sphericalInterpolationKeepsTheNormWhereLinearCutsTheCorner() {
        float[] x = {1, 0, 0};
        float[] y = {0, 1, 0};
        float[] slerp = SketchModel.interpolate(x, y, 3, true).get(1);
        float[] lerp = SketchModel.interpolate(x, y, 3, false).get(1);
        assertThat(Math.hypot(slerp[0], slerp[1])).isCloseTo(1.0, within(1e-6));
        assertThat(slerp[0]).isCloseTo(slerp[1], within(1e-6f));
        assertThat(lerp).containsExactly(0.5f, 0.5f, 0f);
        float[] same = SketchModel.interpolate(x, x, 4, true).get(2);
        assertThat(same).containsExactly(1f, 0f, 0f);
    }

    @Test
    void aGridHasItsCornersWhereTheySaid() {
        float[][] c = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        List<float[]> sheet = Latents.sheet(c[0], c[1], c[2], c[3], 4, true);
        assertThat(sheet).hasSize(16);
        assertThat(sheet.get(0)).isEqualTo(c[0]);
        assertThat(sheet.get(3)).isEqualTo(c[1]);
        assertThat(sheet.get(12)).isEqualTo(c[2]);
        assertThat(sheet.get(15)).isEqualTo(c[3]);
        List<float[]> bilinear = Latents.sheet(c[0], c[1], c[2], c[3], 3, false);
        assertThat(bilinear.get(4)).containsExactly(0f, 0f);
        assertThat(bilinear.get(1)).containsExactly(0.5f, 0.5f);
    }

    @Test
    void analogyIsTheSumOfTheCodes() {
        Sketch a = SamplerModels.house();
        Sketch b = SamplerModels.zigzag(9);
        Sketch c = SamplerModels.zigzag(17);
        float[] z = vae.analogy(a, b, c);
        float[] za = vae.encode(a);
        float[] zb = vae.encode(b);
        float[] zc = vae.encode(c);
        for (int k = 0; k < z.length; k++) {
            assertThat(z[k]).isCloseTo(zc[k] + zb[k] - za[k], within(1e-5f));
        }
    }

    @Test
    void reconstructionDecodesTheCodeOfTheInput() {
        Sketch s = SamplerModels.house();
        SamplingOptions o = SamplingOptions.defaults().withSeed(4);
        List<Sketch> r = vae.reconstruct(s, 3, o);
        assertThat(r).hasSize(3).isEqualTo(vae.reconstruct(s, 3, o));
        float[] z = vae.encode(s);
        assertThat(r).isEqualTo(vae.decode(List.of(z, z, z), o));
        SamplingOptions greedy = o.withGreedy(true);
        assertThat(vae.reconstruct(s, 2, greedy)).isEqualTo(vae.decode(List.of(z, z), greedy));
    }

    @Test
    void inputsAreDividedByTheScaleFactor(@TempDir java.nio.file.Path other) {
        try (SketchModel unit = SamplerModels.saved(other, "unit.ckpt", SamplerModels.tiny(true, CellKind.LSTM).withMaxSeqLen(40),
                21, 1)) {
            unit.network().parameters().get("enc_mu/w").muli(300);
            Sketch s = SamplerModels.house();
            float[] scaled = vae.encode(s);
            float[] direct = unit.encode(s.scaled(1f / 6, 1f / 6));
            for (int k = 0; k < scaled.length; k++) {
                assertThat(scaled[k]).isCloseTo(direct[k], within(1e-4f));
            }
        }
    }

    @Test
    void badSketchesAreRefusedWithOneClearLine() {
        Sketch empty = Sketch.ofFlat(new float[0]);
        Sketch one = Sketch.of(new float[][] {{3, 4, 1}});
        Sketch longer = SamplerModels.zigzag(41);
        SamplingOptions o = SamplingOptions.defaults();
        assertBad(() -> vae.encode(empty), "has no points: a sketch needs at least 2 points");
        assertBad(() -> vae.encode(one), "has only one point");
        assertBad(() -> vae.encode(longer), "has 41 points, more than the 40 that model tiny reads (max_seq_len)");
        assertBad(() -> vae.complete(one, 2, o), "the unfinished sketch has only one point");
        assertBad(() -> vae.encodeAll(List.of(SamplerModels.house(), longer)), "sketch 1 has 41 points");
        assertBad(() -> vae.decode(List.of(new float[3]), o), "latent vector 0 has 3 values; model tiny uses 4");
        assertBad(() -> vae.reconstruct(SamplerModels.house(), 0, o), "must be in 1..");
    }

    @Test
    void aDecoderOnlyModelRefusesLatentOperations(@TempDir java.nio.file.Path other) {
        try (SketchModel gen = SamplerModels.saved(other, "gen.ckpt", SamplerModels.tiny(false, CellKind.LSTM), 2, 5)) {
            Sketch s = SamplerModels.house();
            SamplingOptions o = SamplingOptions.defaults();
            String msg = "is a decoder-only model: it has no encoder, so it cannot";
            assertBad(() -> gen.encode(s), msg + " encode sketches");
            assertBad(() -> gen.encode(s, 3), msg);
            assertBad(() -> gen.encodeAll(List.of(s)), msg);
            assertBad(() -> gen.decode(List.of(new float[4]), o), msg + " decode latent vectors");
            assertBad(() -> gen.reconstruct(s, 2, o), msg);
            assertBad(() -> gen.analogy(s, s, s), msg + " do latent arithmetic");
            assertThat(gen.sample(2, o)).hasSize(2);
            assertThat(gen.complete(s, 2, o)).hasSize(2);
        }
    }

    private static void assertClose(Sketch a, Sketch b) {
        assertThat(a.size()).isEqualTo(b.size());
        float[] x = a.toFlat();
        float[] y = b.toFlat();
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isCloseTo(y[i], within(1e-3f));
        }
    }

    private static void assertBad(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOf(BadInputException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
