package sketchrnn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
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

/** {@code sketchrnn analogy}: latent arithmetic, z(C) + z(B) - z(A). */
@Command(name = "analogy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latent arithmetic, as the paper's cat head + full pig - pig head = full cat: draw the code"
                + " z(C) + z(B) - z(A), what is to C what B is to A. The picture shows A, B, C, then the"
                + " result(s); a .json output holds the result(s). Needs a full VAE model (best trained on"
                + " several classes).",
            "Sketches: .json or .svg files, or FILE#I for sketch I of a data file (.npz: of --split)."},
        footer = {"", "Examples:",
            "  sketchrnn analogy --model runs/cat-pig --a pig-head.svg --b pig.svg \\",
            "      --c cat-head.svg --out cat.png",
            "  sketchrnn analogy --model runs/cat-pig --a pig.npz#4 --b pig.npz#9 \\",
            "      --c cat.npz#2 --count 4 --seed 3 --out analogy.svg"})
public final class AnalogyVerb implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Option(names = "--a", required = true, paramLabel = "A", description = "What is taken away (the pig head).")
    String a;

    @Option(names = "--b", required = true, paramLabel = "B", description = "What is added (the full pig).")
    String b;

    @Option(names = "--c", required = true, paramLabel = "C", description = "What it is applied to (the cat head).")
    String c;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "For .npz: train, valid or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N",
            description = "Drawings of the result (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--temperature", defaultValue = "0.25", paramLabel = "T",
            description = "Sampling temperature in (0, 2] (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Mixin
    SimplifyOption simplify;

    @Mixin
    DrawingOptions drawing;

    @Mixin
    DrawingOutput output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        if (count < 1 || count > 100) {
            throw new BadInputException("--count must be in 1..100, got " + count);
        }
        SamplingOptions o = drawing.at(temperature);
        Sketch ra = SketchArgument.read(a, split, null, "--a");
        Sketch rb = SketchArgument.read(b, split, null, "--b");
        Sketch rc = SketchArgument.read(c, split, null, "--c");
        try (SketchModel m = model.load()) {
            m.requireEncoder("do latent arithmetic"); // before any word about simplifying
            PrintWriter err = spec.commandLine().getErr();
            Sketch sa = simplify.fit(ra, SketchArgument.label(a, null), m, err);
            Sketch sb = simplify.fit(rb, SketchArgument.label(b, null), m, err);
            Sketch sc = simplify.fit(rc, SketchArgument.label(c, null), m, err);
            float[] z = m.analogy(sa, sb, sc);
            List<Sketch> results = m.decode(Collections.nCopies(count, z), o);
            List<Panel> panels = new ArrayList<>(List.of(Panel.of(sa, "A"), Panel.of(sb, "B"), Panel.of(sc, "C")));
            for (Sketch r : results) {
                panels.add(Panel.of(r, "C + B - A"));
            }
            output.write(panels, 3 + count, results, m.name() + ", " + o.describe(), spec.commandLine().getOut());
        }
        return 0;
    }
}
