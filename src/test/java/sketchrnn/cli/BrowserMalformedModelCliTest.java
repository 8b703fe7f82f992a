package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.interop.BrowserLayout;
import sketchrnn.interop.BrowserModelFile;
import sketchrnn.interop.BrowserSizes;
import sketchrnn.interop.ExportInfo;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;

/** A malformed browser model given to a verb: exit code 2 and one line that names the file and the problem. */
class BrowserMalformedModelCliTest {
    private static final int H = 8;

    @TempDir
    Path dir;

    /** A valid small decoder-only file, as JSON to break. */
    private JsonArray valid() throws IOException {
        Path file = dir.resolve("valid.gen.json");
        HParams hp = HParams.defaults().withCells(CellKind.LSTM, CellKind.LSTM).withConditional(false).with("dec_rnn_size", "8")
                .with("num_mixture", "20").withMaxSeqLen(40);
        List<long[]> shapes = BrowserLayout.DECODER_ONLY.expectedShapes(new BrowserSizes(H, 20, 0, 0));
        Map<String, float[]> weights = new LinkedHashMap<>();
        Random random = new Random(1);
        for (int k = 0; k < shapes.size(); k++) {
            float[] v = new float[(int) (shapes.get(k)[0] * (shapes.get(k).length > 1 ? shapes.get(k)[1] : 1))];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
            weights.put(BrowserLayout.DECODER_ONLY.names().get(k), v);
        }
        BrowserModelFile.export(file, hp.model(), weights, ExportInfo.of("valid", 20.0, 40));
        return JsonParser.parseString(Files.readString(file)).getAsJsonArray();
    }

    private Path broken(String how) throws IOException {
        Path file = dir.resolve("broken.gen.json");
        JsonArray json = valid();
        Consumer<JsonArray> edit = switch (how) {
            case "truncated" -> null;
            case "arrays" -> j -> {
                j.get(1).getAsJsonArray().remove(4);
                j.get(2).getAsJsonArray().remove(4);
            };
            case "shapes" -> j -> j.get(1).getAsJsonArray().set(3, JsonParser.parseString("[8, 33]"));
            case "base64" -> j -> {
                String w = j.get(2).getAsJsonArray().get(4).getAsString();
                j.get(2).getAsJsonArray().set(4, new com.google.gson.JsonPrimitive(w.substring(0, w.length() - 4)));
            };
            case "no-scale" -> j -> j.get(0).getAsJsonObject().remove("scale_factor");
            case "negative-scale" -> j -> j.get(0).getAsJsonObject().addProperty("scale_factor", -3.5);
            default -> throw new IllegalArgumentException(how);
        };
        if (edit == null) {
            String text = json.toString();
            Files.writeString(file, text.substring(0, text.length() / 2));
        } else {
            edit.accept(json);
            Files.writeString(file, json.toString());
        }
        return file;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "trace|truncated|JSON ends early (truncated file?)",
        "info|truncated|JSON ends early (truncated file?)",
        "trace|arrays|has 4 shapes; expected 5 for a decoder-only file",
        "info|arrays|has 4 shapes; expected 5 for a decoder-only file",
        "trace|shapes|(dec/W_hh)",
        "info|shapes|(dec/W_hh)",
        "trace|base64|array 4 (dec/bias, shape [32]) decodes to 63 bytes, expected 64",
        "info|base64|array 4 (dec/bias, shape [32]) decodes to 63 bytes, expected 64",
        "trace|no-scale|info.scale_factor is missing",
        "info|no-scale|info.scale_factor is missing",
        "trace|negative-scale|info.scale_factor is -3.5; expected a positive number",
        "info|negative-scale|info.scale_factor is -3.5; expected a positive number",
        "eval|shapes|(dec/W_hh)",
    })
    void aMalformedModelExitsWith2AndOneLine(String verb, String how, String message) throws IOException {
        Path file = broken(how);
        Path sketch = dir.resolve("sketch.json");
        Files.writeString(sketch, "[[10, 5, 0], [3, -4, 1]]");
        CliRun run = switch (verb) {
            case "trace" -> CliRun.of("trace", "--model", file.toString(), "--input", sketch.toString());
            case "eval" -> CliRun.of("eval", "--model", file.toString(), "--data", "unused.npz");
            default -> CliRun.of("info", file.toString());
        };
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        String line = run.err().strip();
        assertThat(line).doesNotContain("\n").startsWith("error: " + file + ": ").contains(message);
    }
}
