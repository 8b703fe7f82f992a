package sketchrnn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;
import sketchrnn.render.Panel;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SketchModel;

/** {@code sketchrnn complete}: several endings of an unfinished sketch. */
@Command(name = "complete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finish an unfinished sketch: the model reads the given part, then draws COUNT different"
                + " endings. Each picture cell shows the given part in black and the ending in red; a .json"
                + " output holds each whole sketch (the given points, unchanged, then the ending).",
            "--keep N uses only the first N points of the input (to try it on a finished sketch). A full VAE"
                + " model conditions each ending on its own code z drawn from the encoder's distribution of the"
                + " given part (--z sample, as in training) or all of them on its mean (--z mean); a decoder-only"
                + " model works too."},
        footer = {"", "Examples:",
            "  sketchrnn complete --model ../shared/models/sheep.gen.json \\",
            "      --input half-sheep.svg --count 8 --out endings.png",
            "  sketchrnn complete --model runs/sheep --input aaron_sheep.npz --index 5 \\",
            "      --keep 12 --temperature 0.3 --seed 2 --out endings.gif",
            "  sketchrnn complete --model runs/sheep --input start.json --out endings.json"})
public final class CompleteVerb implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    InputSketchOptions input;

    @Mixin
    SimplifyOption simplify;

    @Option(names = "--keep", paramLabel = "N", description = "Use only the first N points of the input (as the"
            + " model reads it, after any simplification).")
    Integer keep;

    @Option(names = "--count", defaultValue = "8", paramLabel = "N",
            description = "How many endings (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--z", defaultValue = "mean", paramLabel = "sample|mean|prior",
            description = "The code of each ending (full VAE models): its own draw mu + sigma*eps from the encoder's"
                    + " distribution of the given part; that distribution's mean mu for all; or its own draw from the"
                    + " prior N(0, I), the given part steering only through the decoder's state (default:"
                    + " ${DEFAULT-VALUE}).")
    String z;

    @Option(names = "--temperature", defaultValue = "0.5", paramLabel = "T",
            description = "Sampling temperature in (0, 2] (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Mixin
    DrawingOptions drawing;

    @Option(names = "--columns", defaultValue = "0", paramLabel = "C",
            description = "Columns of the grid; 0 for as square as possible (default: ${DEFAULT-VALUE}).")
    int columns;

    @Mixin
    DrawingOutput output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        if (count < 1 || count > 1000) {
            throw new BadInputException("--count must be in 1..1000, got " + count);
        }
        SketchModel.EndingCode code = switch (z.toLowerCase(Locale.ROOT)) {
            case "sample" -> SketchModel.EndingCode.SAMPLE;
            case "mean" -> SketchModel.EndingCode.MEAN;
            case "prior" -> SketchModel.EndingCode.PRIOR;
            default -> throw new BadInputException("--z must be sample, mean or prior, got '" + z + "'");
        };
        SamplingOptions o = drawing.at(temperature);
        Sketch read = input.read();
        if (keep != null && keep < 1) {
            throw new BadInputException("--keep " + keep + " must be at least 1");
        }
        try (SketchModel m = model.load()) {
            Sketch prefix = simplify.fit(read, input.label(), m, spec.commandLine().getErr());
            if (keep != null) {
                if (keep > prefix.size()) {
                    throw new BadInputException("--keep " + keep + " is outside 1.." + prefix.size()
                            + " (the input's points)");
                }
                prefix = prefix.prefix(keep);
            }
            List<Sketch> endings = m.complete(prefix, count, o, code);
            List<Panel> panels = new ArrayList<>();
            List<Sketch> whole = new ArrayList<>();
            for (int i = 0; i < endings.size(); i++) {
                Panel p = Panel.completion(prefix, endings.get(i), null);
                panels.add(p);
                whole.add(p.sketch());
            }
            output.write(panels, columns, whole, m.name() + ", " + prefix.size() + " given points, " + o.describe(),
                    spec.commandLine().getOut());
        }
        return 0;
    }
}
