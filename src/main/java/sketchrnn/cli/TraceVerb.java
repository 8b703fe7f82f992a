package sketchrnn.cli;

import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sketchrnn.data.AtomicFiles;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchFiles;
import sketchrnn.interop.MixtureTrace;
import sketchrnn.sample.PackagedModels;
import sketchrnn.sample.SketchModel;

/**
 * {@code sketchrnn trace}: the mixture parameters a model predicts at every step when fed a sketch, as one JSON
 * object in the layout of the browser runtime's reference traces ({@link MixtureTrace}).
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Feed a sketch through a model and print, as one JSON object, the mixture parameters it "
                + "predicts at every step: {\"model\", \"scale_factor\", \"temperature\", \"steps\": [{\"pi\", \"muX\", "
                + "\"muY\", \"sigmaX\", \"sigmaY\", \"corr\", \"pen\"}, ...]}, the layout of the traces of the "
                + "official browser runtime (@magenta/sketch getPDF(state, T, T)).",
            "Step 0 is fed the start token, step i point i-1 of the sketch. The sketch is in the data's units "
                + "(divided by the model's scale factor); mu and sigma are in model units; sigma is multiplied by "
                + "sqrt(T), pen and pi logits divided by T. A conditional model is fed z = mu of the sketch's own "
                + "encoding (printed as \"z\"). Computes in float64 unless --float32."},
        footer = {"", "Examples:",
            "  sketchrnn trace --input aaron_sheep.npz --index 0      # the embedded model",
            "  sketchrnn trace --model ../shared/models/sheep.gen.json \\",
            "      --input ../shared/data/aaron_sheep.npz --split test --index 0",
            "  sketchrnn trace --model bird.gen.json --input my-bird.json --temperature 0.5",
            "  sketchrnn trace --model runs/sheep --input aaron_sheep.npz#3 --out t.json"})
public final class TraceVerb implements Callable<Integer> {
    @Option(names = "--model", defaultValue = PackagedModels.NAME, paramLabel = "MODEL",
            description = "A browser model (.gen.json / .vae.json), a run folder (its best.ckpt), a checkpoint, or "
                    + "default, the embedded model (default: ${DEFAULT-VALUE}).")
    Path model;

    @Mixin
    InputSketchOptions input;

    @Option(names = "--temperature", defaultValue = "1.0", paramLabel = "T",
            description = "Temperature T > 0 (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--float32", description = "Compute in float32 as sampling does (default: float64, which "
            + "reproduces the runtime's own float32 results more closely).")
    boolean float32;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON to FILE instead of printing it.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @Override
    public Integer call() {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new BadInputException("--temperature " + temperature + " must be a positive number");
        }
        Sketch sketch = input.read();
        try (SketchModel m = ModelFiles.load(model, float32 ? DataType.FLOAT32 : DataType.FLOAT64)) {
            String json = GSON.toJson(MixtureTrace.of(m.network(), m.scaleFactor(), m.name(), sketch, temperature).toJson());
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                w.println(json);
                w.flush();
            } else {
                AtomicFiles.writeString(out, json + "\n");
                spec.commandLine().getErr().println("wrote " + out + ": " + (sketch.size() + 1) + " steps of " + m.name());
            }
        }
        return 0;
    }

    /** Sketch {@code index} of a file (of {@code split} for a .npz). */
    static Sketch sketchOf(Path file, String split, int index) {
        List<Sketch> sketches = SketchFiles.load(file, split);
        if (index < 0 || index >= sketches.size()) {
            String where = SketchFiles.kind(file) == SketchFiles.Kind.NPZ ? "the " + split + " split of " + file : file.toString();
            throw new BadInputException(sketches.isEmpty() ? where + " has no sketches"
                    : "--index " + index + " is outside 0.." + (sketches.size() - 1) + ", " + where);
        }
        return sketches.get(index);
    }
}
