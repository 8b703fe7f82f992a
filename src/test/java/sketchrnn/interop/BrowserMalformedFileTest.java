package sketchrnn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sketchrnn.Shared;
import sketchrnn.data.BadInputException;

/** Every malformed file is refused with one line that names the file and what was expected. */
class BrowserMalformedFileTest {
    @TempDir
    Path dir;

    /** A small valid file of the given kind, as JSON to edit. */
    private JsonArray valid(boolean conditional) throws IOException {
        Path file = dir.resolve(conditional ? "base.vae.json" : "base.gen.json");
        BrowserModelFile.export(file, SyntheticModels.hparams(conditional).model(), SyntheticModels.weights(conditional, 5, 2.0),
                ExportInfo.of("base", 20.0, 50));
        return JsonParser.parseString(Files.readString(file)).getAsJsonArray();
    }

    private Path edited(boolean conditional, Consumer<JsonArray> edit) throws IOException {
        JsonArray json = valid(conditional);
        edit.accept(json);
        return write(json.toString());
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static JsonObject info(JsonArray json) {
        return json.get(0).getAsJsonObject();
    }

    private static void setShape(JsonArray json, int k, long... dims) {
        JsonArray shape = new JsonArray();
        Arrays.stream(dims).forEach(shape::add);
        json.get(1).getAsJsonArray().set(k, shape);
    }

    /** Reading {@code file} fails with a one-line BadInputException naming it and containing every fragment. */
    private static void assertRefused(Path file, String... fragments) {
        Throwable t = catchThrowable(() -> BrowserModelFile.read(file));
        assertThat(t).isInstanceOf(BadInputException.class);
        assertThat(t.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        for (String f : fragments) {
            assertThat(t.getMessage()).contains(f);
        }
    }

    @Test
    void truncatedRealFile() throws IOException {
        byte[] bytes = Files.readAllBytes(Shared.path("models/bird.gen.json"));
        Path file = dir.resolve("bird.gen.json");
        for (int cut : new int[] {1, 30, 90, 120, bytes.length / 2, bytes.length - 2}) {
            Files.write(file, Arrays.copyOf(bytes, cut));
            assertRefused(file, "ends early", "truncated");
        }
    }

    @Test
    void invalidJson() throws IOException {
        assertRefused(write("[{\"mode\":2,,}]"), "not valid JSON");
        assertRefused(write("[{mode:2}, [], []]"), "not valid JSON");
        assertRefused(write("[{}, [], []] trailing"), "not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"mode\":2}", "[1, 2]", "[{}, [], [], []]", "\"model\"", ""})
    void notAThreeElementArray(String text) throws IOException {
        assertRefused(write(text), "expected a JSON array [info, shapes, weights]");
    }

    @Test
    void shapesOrWeightsNotArrays() throws IOException {
        assertRefused(edited(false, j -> j.set(1, new JsonPrimitive(3))), "element 1 (shapes) must be a JSON array");
        assertRefused(edited(false, j -> j.set(2, new JsonObject())), "element 2 (weights) must be a JSON array");
        assertRefused(edited(false, j -> j.set(0, new JsonArray())), "element 0 (info) must be a JSON object");
    }

    @Test
    void wrongNumberOfArraysForADecoderOnlyFile() throws IOException {
        assertRefused(edited(false, j -> {
            j.get(1).getAsJsonArray().remove(4);
            j.get(2).getAsJsonArray().remove(4);
        }), "has 4 shapes; expected 5 for a decoder-only file");
        assertRefused(edited(false, j -> j.get(2).getAsJsonArray().remove(4)), "has 4 weight arrays; expected 5");
        // a VAE file whose mode says decoder-only
        assertRefused(edited(true, j -> info(j).addProperty("mode", 2)), "has 17 shapes; expected 5 for a decoder-only file");
    }

    @Test
    void wrongNumberOfArraysForAVaeFile() throws IOException {
        assertRefused(edited(true, j -> {
            j.get(1).getAsJsonArray().remove(0);
            j.get(2).getAsJsonArray().remove(0);
        }), "has 16 shapes; expected 17 for a VAE file");
        // a decoder-only file without its mode reads as a VAE, and the message says why
        assertRefused(edited(false, j -> info(j).remove("mode")), "has 5 shapes; expected 17 for a VAE file",
                "info.mode is missing", "mode 2 or \"gen\"");
    }

    @Test
    void decoderShapesThatDisagree() throws IOException {
        assertRefused(edited(false, j -> setShape(j, 3, 8, 30)), "array 3 (dec/W_hh) has shape [8, 30]",
                "expected [8, 32]", "[H, 4H]", "H = 8");
        assertRefused(edited(false, j -> setShape(j, 4, 31)), "array 4 (dec/bias) has shape [31]", "expected [32]");
        assertRefused(edited(false, j -> setShape(j, 2, 6, 32)), "array 2 (dec/W_xh) has shape [6, 32]", "expected [5, 32]");
        assertRefused(edited(false, j -> setShape(j, 1, 122)), "array 1 (output/b) has shape [122]", "expected [123]");
        // output/w rows are H: the decoder's arrays then disagree with it
        assertRefused(edited(false, j -> setShape(j, 0, 7, 123)), "(dec/W_xh) has shape [5, 32]", "expected [5, 28]", "H = 7");
        assertRefused(edited(false, j -> setShape(j, 0, 8, 124)), "array 0 (output/w) has 124 columns", "3 + 6M");
        assertRefused(edited(false, j -> setShape(j, 0, 984)), "array 0 (output/w) has shape [984]", "a matrix");
    }

    @Test
    void vaeEncoderAndDecoderSizesThatDisagree() throws IOException {
        assertRefused(edited(true, j -> setShape(j, 4, 6, 28)), "array 4 (enc_bw/W_hh) has shape [6, 28]", "expected [6, 24]");
        assertRefused(edited(true, j -> setShape(j, 6, 13, 4)), "array 6 (enc_mu/w) has shape [13, 4]", "expected [12, 4]",
                "[2E, Z]");
        assertRefused(edited(true, j -> setShape(j, 9, 5)), "array 9 (enc_sigma/b) has shape [5]", "expected [4]");
        assertRefused(edited(true, j -> setShape(j, 11, 17)), "array 11 (dec_init/b) has shape [17]", "expected [16]");
        assertRefused(edited(true, j -> setShape(j, 14, 5, 32)), "array 14 (dec/W_xh) has shape [5, 32]",
                "expected [9, 32]", "[5+Z, 4H]", "Z = 4");
    }

    @Test
    void shapesThatAreNotDimensions() throws IOException {
        assertRefused(edited(false, j -> j.get(1).getAsJsonArray().set(4, JsonParser.parseString("[32, 1, 1]"))),
                "shape 4 (dec/bias) is [32,1,1]", "one or two positive integers");
        assertRefused(edited(false, j -> j.get(1).getAsJsonArray().set(4, JsonParser.parseString("[\"32\"]"))),
                "shape 4 (dec/bias)");
        assertRefused(edited(false, j -> j.get(1).getAsJsonArray().set(4, JsonParser.parseString("[0]"))),
                "shape 4 (dec/bias) is [0]");
        assertRefused(edited(false, j -> j.get(1).getAsJsonArray().set(4, JsonParser.parseString("[32.5]"))),
                "shape 4 (dec/bias) is [32.5]");
    }

    @Test
    void base64OfTheWrongLength() throws IOException {
        assertRefused(edited(false, j -> {
            String s = j.get(2).getAsJsonArray().get(4).getAsString();
            j.get(2).getAsJsonArray().set(4, new JsonPrimitive(s.substring(0, s.length() - 4)));
        }), "array 4 (dec/bias, shape [32])", "decodes to 63 bytes, expected 64");
        assertRefused(edited(false, j -> {
            String s = j.get(2).getAsJsonArray().get(1).getAsString();
            j.get(2).getAsJsonArray().set(1, new JsonPrimitive(s + "AAAA"));
        }), "array 1 (output/b, shape [123])", "expected 246");
    }

    @Test
    void textThatIsNotBase64() throws IOException {
        assertRefused(edited(false, j -> j.get(2).getAsJsonArray().set(3, new JsonPrimitive("not*base64!"))),
                "array 3 (dec/W_hh", "not valid base64");
        assertRefused(edited(false, j -> j.get(2).getAsJsonArray().set(3, new JsonPrimitive(12))),
                "array 3 (dec/W_hh", "expected a base64 string");
    }

    @Test
    void scaleFactorMissingOrNotPositive() throws IOException {
        assertRefused(edited(false, j -> info(j).remove("scale_factor")), "info.scale_factor is missing", "positive number");
        assertRefused(edited(false, j -> info(j).addProperty("scale_factor", 0)), "info.scale_factor is 0", "positive number");
        assertRefused(edited(false, j -> info(j).addProperty("scale_factor", -71.5)), "info.scale_factor is -71.5");
        assertRefused(edited(false, j -> info(j).addProperty("scale_factor", "71")), "info.scale_factor", "expected a number");
    }

    @Test
    void maxSeqLenMissingOrNotPositive() throws IOException {
        assertRefused(edited(false, j -> info(j).remove("max_seq_len")), "info.max_seq_len is missing", "positive integer");
        assertRefused(edited(false, j -> info(j).addProperty("max_seq_len", 0)), "info.max_seq_len is 0", "positive integer");
        assertRefused(edited(false, j -> info(j).addProperty("max_seq_len", -3)), "info.max_seq_len is -3");
        assertRefused(edited(false, j -> info(j).addProperty("max_seq_len", 12.5)), "info.max_seq_len is 12.5");
    }

    @Test
    void optionalFieldsOfTheWrongType() throws IOException {
        assertRefused(edited(false, j -> info(j).addProperty("r_loss", "low")), "info.r_loss", "expected a number");
        assertRefused(edited(false, j -> info(j).addProperty("training_size", -1)), "info.training_size is -1");
        assertRefused(edited(false, j -> info(j).addProperty("name", 3)), "info.name must be a string");
    }

    @Test
    void missingFile() {
        assertRefused(dir.resolve("absent.gen.json"), "no such file");
    }

    /** The edits above are refused because of the edit, not because the base file is bad. */
    @Test
    void theUneditedBaseFilesAreValid() throws IOException {
        assertThat(BrowserModelFile.read(edited(false, j -> { })).conditional()).isFalse();
        assertThat(BrowserModelFile.read(edited(true, j -> { })).conditional()).isTrue();
        // whitespace inside base64 is ignored, as the browser's atob does
        Path spaced = edited(false, j -> {
            String s = j.get(2).getAsJsonArray().get(4).getAsString();
            j.get(2).getAsJsonArray().set(4, new JsonPrimitive(s.substring(0, 8) + "\n" + s.substring(8)));
        });
        assertThat(BrowserModelFile.read(spaced).array("dec/bias").length()).isEqualTo(32);
    }
}
