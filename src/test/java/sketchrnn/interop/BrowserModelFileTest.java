package sketchrnn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sketchrnn.Shared;
import sketchrnn.model.ModelConfig;

/** Reading Google's published decoder-only models. */
class BrowserModelFileTest {

    @ParameterizedTest
    @CsvSource({"bird, 129, 71.3754", "monkey, 182, 66.1884", "rain, 124, 99.9924", "sheep, 156, 63.0983"})
    void readsEachPublishedModel(String name, int maxSeqLen, double scaleFactor) {
        BrowserModel model = BrowserModelFile.read(Shared.path("models/" + name + ".gen.json"));

        assertThat(model.info().name()).isEqualTo(name);
        assertThat(model.info().decoderOnly()).isTrue();
        assertThat(model.info().version()).hasValue(6);
        assertThat(model.info().maxSeqLen()).isEqualTo(maxSeqLen);
        assertThat(model.scaleFactor()).isEqualTo(scaleFactor);
        assertThat(model.info().rLoss()).isEmpty();
        assertThat(model.info().otherFields()).isEmpty();
        assertThat(model.conditional()).isFalse();
        assertThat(model.tanhZ()).isFalse();

        assertThat(model.sizes()).isEqualTo(new BrowserSizes(512, 20, 0, 0));
        assertThat(model.sizes().decoderInputSize()).isEqualTo(5);
        assertThat(model.weights().keySet())
                .containsExactly("output/w", "output/b", "dec/W_xh", "dec/W_hh", "dec/bias");
        assertThat(model.shapes().get("output/w")).containsExactly(512, 123);
        assertThat(model.shapes().get("output/b")).containsExactly(123);
        assertThat(model.shapes().get("dec/W_xh")).containsExactly(5, 2048);
        assertThat(model.shapes().get("dec/W_hh")).containsExactly(512, 2048);
        assertThat(model.shapes().get("dec/bias")).containsExactly(2048);

        ModelConfig hp = model.config();
        assertThat(hp.conditional()).isFalse();
        assertThat(hp.decModel().referenceName()).isEqualTo("lstm");
        assertThat(hp.encModel().referenceName()).isEqualTo("lstm");
        assertThat(hp.decRnnSize()).isEqualTo(512);
        assertThat(hp.numMixture()).isEqualTo(20);
        assertThat(hp.maxSeqLen()).isEqualTo(maxSeqLen);
    }

    /** The first and the last value, decoded by hand from the file's text, are what the reader gives. */
    @Test
    void decodesLittleEndianInt16ScaledToTen() throws IOException {
        Path file = Shared.path("models/bird.gen.json");
        JsonArray weights = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                .getAsJsonArray().get(2).getAsJsonArray();
        BrowserModel model = BrowserModelFile.read(file);

        String outputW = weights.get(0).getAsString();
        byte[] head = Base64.getDecoder().decode(outputW.substring(0, 4)); // "cgBJ": 0x72 0x00 0x49
        short first = (short) ((head[0] & 0xff) | (head[1] << 8));
        assertThat(first).isEqualTo((short) 114);
        assertThat(model.array("output/w").get(0)).isEqualTo((float) (114 * 10.0 / 32767));

        String bias = weights.get(4).getAsString();
        byte[] tail = Base64.getDecoder().decode(bias.substring(bias.length() - 8));
        short last = (short) ((tail[tail.length - 2] & 0xff) | (tail[tail.length - 1] << 8));
        NamedArray decBias = model.array("dec/bias");
        assertThat(decBias.get(decBias.length() - 1)).isEqualTo((float) (last * 10.0 / 32767));
    }

    /** The arrays are laid out row-major: row r of output/w starts at r * 123. */
    @Test
    void weightsAreRowMajorInTheirShape() throws IOException {
        Path file = Shared.path("models/sheep.gen.json");
        BrowserModel model = BrowserModelFile.read(file);
        JsonArray weights = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                .getAsJsonArray().get(2).getAsJsonArray();
        byte[] raw = Base64.getDecoder().decode(weights.get(0).getAsString());
        int r = 7;
        int c = 100;
        int index = r * 123 + c;
        short q = (short) ((raw[2 * index] & 0xff) | (raw[2 * index + 1] << 8));
        assertThat(model.array("output/w").get(index)).isEqualTo(Int16Codec.dequantize(q));
        assertThat(model.array("output/w").length()).isEqualTo(512 * 123);
    }
}
