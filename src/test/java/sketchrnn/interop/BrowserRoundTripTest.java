package sketchrnn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.data.BadInputException;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.ModelConfig;

/** Exporting to the browser format and reading back. */
class BrowserRoundTripTest {
    @TempDir
    Path dir;

    /** Import then export (as a user would: hyperparameters and weights) gives the same arrays, shapes and info. */
    @Test
    void reExportingAPublishedModelGivesIdenticalArrays() throws IOException {
        Path source = Shared.path("models/bird.gen.json");
        BrowserModel original = BrowserModelFile.read(source);

        Path copy = dir.resolve("bird.gen.json");
        BrowserModelFile.export(copy, original.config(), original.weights(), ExportInfo.of(original.info()));
        BrowserModel again = BrowserModelFile.read(copy);

        assertThat(again.arrays()).isEqualTo(original.arrays());
        assertThat(again.sizes()).isEqualTo(original.sizes());
        assertThat(again.info()).isEqualTo(original.info());
        // the same compact format, byte for byte: info, shapes and base64 text as in Google's file
        assertThat(Files.mismatch(copy, source)).isEqualTo(-1L);
    }

    @Test
    void writingAReadModelKeepsUnknownInfoFieldsAndLosses() throws IOException {
        Path file = dir.resolve("small.vae.json");
        BrowserModelFile.export(file, SyntheticModels.hparams(true).model(), SyntheticModels.quantisedWeights(true, 1),
                ExportInfo.of("small", 42.5, 77));
        JsonArray json = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
        JsonObject info = json.get(0).getAsJsonObject();
        info.addProperty("r_loss", -1.25);
        info.addProperty("kl_loss", 0.3);
        info.addProperty("training_size", 70000);
        info.addProperty("comment", "made by hand");
        Files.writeString(file, json.toString());

        BrowserModel read = BrowserModelFile.read(file);
        assertThat(read.info().otherFields()).containsEntry("comment", new JsonPrimitive("made by hand"));
        Path copy = dir.resolve("copy.vae.json");
        BrowserModelFile.write(copy, read);
        BrowserModel again = BrowserModelFile.read(copy);

        assertThat(again.info()).isEqualTo(read.info());
        assertThat(again.info().rLoss()).hasValue(-1.25);
        assertThat(again.info().klLoss()).hasValue(0.3);
        assertThat(again.info().trainingSize()).hasValue(70000);
        assertThat(again.arrays()).isEqualTo(read.arrays());
    }

    /** A VAE exported from random arrays reads back with every name mapped, within half a quantisation step. */
    @Test
    void syntheticVaeRoundTripsAndMapsEveryName() {
        Map<String, float[]> weights = SyntheticModels.weights(true, 7, 3.0);
        Path file = dir.resolve("synthetic.vae.json");
        BrowserModelFile.export(file, SyntheticModels.hparams(true).model(), weights,
                ExportInfo.of("synthetic", 55.0, 77).withLosses(-0.5, 0.25).withTrainingSize(1234));

        BrowserModel read = BrowserModelFile.read(file);

        assertThat(read.conditional()).isTrue();
        assertThat(read.info().mode()).isEqualTo(new JsonPrimitive(BrowserInfo.VAE_MODE));
        assertThat(read.info().version()).hasValue(6);
        assertThat(read.info().name()).isEqualTo("synthetic");
        assertThat(read.info().maxSeqLen()).isEqualTo(77);
        assertThat(read.scaleFactor()).isEqualTo(55.0);
        assertThat(read.info().rLoss()).hasValue(-0.5);
        assertThat(read.info().klLoss()).hasValue(0.25);
        assertThat(read.info().trainingSize()).hasValue(1234);
        assertThat(read.tanhZ()).isFalse();
        assertThat(read.sizes()).isEqualTo(new BrowserSizes(8, 20, 6, 4));
        assertThat(read.sizes().decoderInputSize()).isEqualTo(9);

        assertThat(read.weights().keySet()).containsExactly("enc_fw/W_xh", "enc_fw/W_hh", "enc_fw/bias",
                "enc_bw/W_xh", "enc_bw/W_hh", "enc_bw/bias", "enc_mu/w", "enc_mu/b", "enc_sigma/w", "enc_sigma/b",
                "dec_init/w", "dec_init/b", "output/w", "output/b", "dec/W_xh", "dec/W_hh", "dec/bias");
        assertThat(read.shapes().get("enc_fw/W_xh")).containsExactly(5, 24);
        assertThat(read.shapes().get("enc_bw/W_hh")).containsExactly(6, 24);
        assertThat(read.shapes().get("enc_mu/w")).containsExactly(12, 4);
        assertThat(read.shapes().get("enc_sigma/b")).containsExactly(4);
        assertThat(read.shapes().get("dec_init/w")).containsExactly(4, 16);
        assertThat(read.shapes().get("dec_init/b")).containsExactly(16);
        assertThat(read.shapes().get("output/w")).containsExactly(8, 123);
        assertThat(read.shapes().get("dec/W_xh")).containsExactly(9, 32);
        assertThat(read.shapes().get("dec/W_hh")).containsExactly(8, 32);
        assertThat(read.shapes().get("dec/bias")).containsExactly(32);
        weights.forEach((name, values) -> {
            float[] back = read.weights().get(name);
            assertThat(back).as(name).hasSameSizeAs(values);
            for (int i = 0; i < values.length; i++) {
                assertThat((double) Math.abs(back[i] - values[i])).as("%s[%d]", name, i)
                        .isLessThanOrEqualTo(Int16Codec.MAX_ERROR + 1e-6);
            }
        });

        ModelConfig hp = read.config();
        assertThat(hp.conditional()).isTrue();
        assertThat(hp.encRnnSize()).isEqualTo(6);
        assertThat(hp.decRnnSize()).isEqualTo(8);
        assertThat(hp.zSize()).isEqualTo(4);
        assertThat(hp.numMixture()).isEqualTo(20);
        assertThat(hp.maxSeqLen()).isEqualTo(77);
        assertThat(hp.encModel().referenceName()).isEqualTo("lstm");
        assertThat(hp.decModel().referenceName()).isEqualTo("lstm");

        // a second trip changes nothing: the values are now on the grid
        Path again = dir.resolve("again.vae.json");
        BrowserModelFile.export(again, hp, read.weights(), ExportInfo.of(read.info()));
        assertThat(BrowserModelFile.read(again)).isEqualTo(read);
    }

    @Test
    void decoderOnlyExportWritesModeTwoAndVersionSix() throws IOException {
        Path file = dir.resolve("tiny.gen.json");
        BrowserModelFile.export(file, SyntheticModels.hparams(false).model(), SyntheticModels.quantisedWeights(false, 3),
                ExportInfo.of("tiny", 12.0, 77));

        JsonObject info = JsonParser.parseString(Files.readString(file)).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(info.get("mode").getAsInt()).isEqualTo(2);
        assertThat(info.get("version").getAsInt()).isEqualTo(6);
        assertThat(info.get("max_seq_len").getAsInt()).isEqualTo(77);
        assertThat(info.get("scale_factor").getAsDouble()).isEqualTo(12.0);
        assertThat(info.get("name").getAsString()).isEqualTo("tiny");
        assertThat(info.has("r_loss")).isFalse();
        BrowserModel read = BrowserModelFile.read(file);
        assertThat(read.weights().keySet()).containsExactly("output/w", "output/b", "dec/W_xh", "dec/W_hh", "dec/bias");
        assertThat(read.config().conditional()).isFalse();
    }

    @Test
    void refusesCellsTheBrowserRuntimeDoesNotImplement() {
        Path file = dir.resolve("x.vae.json");
        HParams vae = SyntheticModels.hparams(true);
        Map<String, float[]> weights = SyntheticModels.weights(true, 1, 1.0);
        assertThatThrownBy(() -> BrowserModelFile.export(file, vae.withCells(CellKind.LSTM, CellKind.LAYER_NORM).model(), weights,
                ExportInfo.of("x", 1, 10)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("dec_model=layer_norm").hasMessageContaining("plain LSTM only");
        assertThatThrownBy(() -> BrowserModelFile.export(file, vae.withCells(CellKind.HYPER, CellKind.LSTM).model(), weights,
                ExportInfo.of("x", 1, 10)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("enc_model=hyper").hasMessageContaining("plain LSTM only");
        assertThat(file).doesNotExist();
        // a decoder-only model has no encoder: its enc_model does not matter
        Path gen = dir.resolve("x.gen.json");
        BrowserModelFile.export(gen, SyntheticModels.hparams(false).withCells(CellKind.HYPER, CellKind.LSTM).model(),
                SyntheticModels.weights(false, 1, 1.0), ExportInfo.of("x", 1, 10));
        assertThat(gen).exists();
    }

    @Test
    void refusesAMixtureSizeTheRuntimesDoNotAssume() {
        HParams hp = SyntheticModels.hparams(false).with("num_mixture", "5");
        assertThatThrownBy(() -> BrowserModel.forExport(hp.model(), Map.of(), ExportInfo.of("x", 1, 10)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("num_mixture=5");
    }

    @Test
    void refusesWeightsThatDoNotFitTheHyperparameters() {
        Map<String, float[]> weights = SyntheticModels.weights(false, 1, 1.0);
        weights.put("dec/W_hh", new float[8 * 31]);
        assertThatThrownBy(() -> BrowserModel.forExport(SyntheticModels.hparams(false).model(), weights, ExportInfo.of("x", 1, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dec/W_hh");
        Map<String, float[]> missing = SyntheticModels.weights(false, 1, 1.0);
        missing.remove("output/b");
        missing.put("dec/gamma", new float[1]);
        assertThatThrownBy(() -> BrowserModel.forExport(SyntheticModels.hparams(false).model(), missing, ExportInfo.of("x", 1, 10)))
                .hasMessageContaining("missing [output/b]").hasMessageContaining("unexpected [dec/gamma]");
    }

    @Test
    void refusesNaNWeightsAndLeavesAnExistingFileAlone() throws IOException {
        Path file = dir.resolve("n.gen.json");
        Files.writeString(file, "previous");
        Map<String, float[]> weights = SyntheticModels.weights(false, 1, 1.0);
        weights.get("dec/bias")[3] = Float.NaN;
        assertThatThrownBy(() -> BrowserModelFile.export(file, SyntheticModels.hparams(false).model(), weights, ExportInfo.of("n", 1, 10)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("dec/bias").hasMessageContaining("value 3");
        assertThat(Files.readString(file)).isEqualTo("previous");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void refusesAFileNameOfTheOtherKind() {
        BrowserModel vae = BrowserModel.forExport(SyntheticModels.hparams(true).model(), SyntheticModels.weights(true, 1, 1.0),
                ExportInfo.of("v", 1, 10));
        BrowserModel gen = BrowserModel.forExport(SyntheticModels.hparams(false).model(), SyntheticModels.weights(false, 1, 1.0),
                ExportInfo.of("g", 1, 10));
        assertThatThrownBy(() -> BrowserModelFile.write(dir.resolve("v.gen.json"), vae))
                .isInstanceOf(BadInputException.class).hasMessageContaining(".vae.json");
        assertThatThrownBy(() -> BrowserModelFile.write(dir.resolve("g.vae.json"), gen))
                .isInstanceOf(BadInputException.class).hasMessageContaining(".gen.json");
    }

    @Test
    void versionBeforeSixMeansTanhOfZ() throws IOException {
        Path file = dir.resolve("old.vae.json");
        BrowserModelFile.export(file, SyntheticModels.hparams(true).model(), SyntheticModels.weights(true, 2, 1.0),
                ExportInfo.of("old", 3, 10));
        JsonArray json = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
        json.get(0).getAsJsonObject().addProperty("version", 5);
        json.get(0).getAsJsonObject().addProperty("mode", 1);
        Files.writeString(file, json.toString(), StandardCharsets.UTF_8);

        BrowserModel old = BrowserModelFile.read(file);
        assertThat(old.conditional()).isTrue();
        assertThat(old.tanhZ()).isTrue();
    }

    @Test
    void modeGenAsAStringMeansDecoderOnly() throws IOException {
        Path file = dir.resolve("s.gen.json");
        BrowserModelFile.export(file, SyntheticModels.hparams(false).model(), SyntheticModels.weights(false, 2, 1.0),
                ExportInfo.of("s", 3, 10));
        JsonArray json = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
        json.get(0).getAsJsonObject().addProperty("mode", "gen");
        Files.writeString(file, json.toString(), StandardCharsets.UTF_8);

        BrowserModel read = BrowserModelFile.read(file);
        assertThat(read.conditional()).isFalse();
        assertThat(read.info().mode()).isEqualTo(new JsonPrimitive("gen"));
    }
}
