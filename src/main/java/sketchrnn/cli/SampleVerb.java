package sketchrnn.cli;

import java.util.ArrayList;
import java.util.List;
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

/** {@code sketchrnn sample}: new sketches from a model, in one batch. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw new sketches with a model (a conditional model draws each from a random code"
                + " z ~ N(0, I)). Several sketches make a grid; a .json output holds them as stroke-3.",
            "The temperature T trades variety for tidiness: 0.1 tidy and typical, 1.0 the model's own"
                + " distribution. The seed is printed: pass it back with --seed to draw the same sketches."},
        footer = {"", "Examples:",
            "  sketchrnn sample --model ../shared/models/sheep.gen.json --count 16 \\",
            "      --out sheep.png",
            "  sketchrnn sample --model runs/sheep --count 9 --temperature 0.2 --seed 7 \\",
            "      --out sheep.svg",
            "  sketchrnn sample --model runs/sheep --greedy --out sheep.gif",
            "  sketchrnn sample --model runs/sheep --count 100 --out sheep.json"})
public final class SampleVerb implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N",
            description = "How many sketches (default: ${DEFAULT-VALUE}).")
    int count;

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
        if (count < 1 || count > 10_000) {
            throw new BadInputException("--count must be in 1..10000, got " + count);
        }
        SamplingOptions o = drawing.at(temperature);
        try (SketchModel m = model.load()) {
            List<Sketch> sketches = m.sample(count, o);
            List<Panel> panels = new ArrayList<>();
            for (Sketch s : sketches) {
                panels.add(Panel.of(s));
            }
            output.write(panels, columns, sketches, m.name() + ", " + o.describe(), spec.commandLine().getOut());
        }
        return 0;
    }
}
