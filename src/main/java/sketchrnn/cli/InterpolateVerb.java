package sketchrnn.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sketchrnn.data.Sketch;
import sketchrnn.render.Panel;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SketchModel;

/** {@code sketchrnn interpolate}: a morph between two sketches through the latent space. */
@Command(name = "interpolate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Morph one sketch into another: encode both, interpolate between their codes (spherically,"
                + " or linearly with --linear) and draw each step. Both ends are included; the picture shows A and B beside them. Needs a full VAE"
                + " model.",
            "A and B: .json or .svg files, or data files with --from-index / --to-index (FILE#I also works)."},
        footer = {"", "Examples:",
            "  sketchrnn interpolate --model runs/sheep --from aaron_sheep.npz \\",
            "      --from-index 1 --to aaron_sheep.npz --to-index 7 --steps 10 \\",
            "      --out morph.png",
            "  sketchrnn interpolate --model runs/cat-pig --from cat.svg --to pig.svg \\",
            "      --linear --out morph.gif",
            "  sketchrnn interpolate --model runs/sheep --from a.json --to b.json \\",
            "      --out morph.json"})
public final class InterpolateVerb implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Option(names = "--from", required = true, paramLabel = "A", description = "The first sketch.")
    String from;

    @Option(names = "--from-index", paramLabel = "I", description = "Which sketch of A's file (default: 0).")
    Integer fromIndex;

    @Option(names = "--to", required = true, paramLabel = "B", description = "The last sketch.")
    String to;

    @Option(names = "--to-index", paramLabel = "I", description = "Which sketch of B's file (default: 0).")
    Integer toIndex;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "For .npz: train, valid or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--steps", defaultValue = "10", paramLabel = "N",
            description = "Sketches in the morph, both ends included, at least 2 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--linear", description = "Interpolate linearly instead of spherically (slerp).")
    boolean linear;

    @Option(names = "--temperature", defaultValue = "0.25", paramLabel = "T",
            description = "Sampling temperature in (0, 2]; low keeps the morph smooth (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Mixin
    SimplifyOption simplify;

    @Mixin
    DrawingOptions drawing;

    @Option(names = "--columns", defaultValue = "0", paramLabel = "C",
            description = "Columns of the picture; 0: the inputs and all steps in one row, up to 12 (default: ${DEFAULT-VALUE}).")
    int columns;

    @Mixin
    DrawingOutput output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        SamplingOptions o = drawing.at(temperature);
        if (steps < 2 || steps > 1000) {
            throw new sketchrnn.data.BadInputException("--steps must be in 2..1000, got " + steps);
        }
        Sketch readA = SketchArgument.read(from, split, fromIndex, "--from");
        Sketch readB = SketchArgument.read(to, split, toIndex, "--to");
        try (SketchModel m = model.load()) {
            m.requireEncoder("encode sketches"); // before any word about simplifying
            Sketch a = simplify.fit(readA, SketchArgument.label(from, fromIndex), m, spec.commandLine().getErr());
            Sketch b = simplify.fit(readB, SketchArgument.label(to, toIndex), m, spec.commandLine().getErr());
            List<float[]> codes = m.encodeAll(List.of(a, b));
            List<float[]> zs = SketchModel.interpolate(codes.get(0), codes.get(1), steps, !linear);
            List<Sketch> sketches = m.decode(zs, o);
            // the two inputs frame the morph, as reconstruct and analogy show theirs
            List<Panel> panels = new ArrayList<>();
            panels.add(Panel.of(a, "input A"));
            for (Sketch s : sketches) {
                panels.add(Panel.of(s));
            }
            panels.add(Panel.of(b, "input B"));
            output.write(panels, columns > 0 ? columns : Math.min(steps + 2, 12), sketches,
                    m.name() + ", " + (linear ? "linear" : "spherical") + ", " + o.describe(),
                    spec.commandLine().getOut());
        }
        return 0;
    }
}
