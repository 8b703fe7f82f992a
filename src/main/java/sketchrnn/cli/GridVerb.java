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
import sketchrnn.sample.Latents;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SketchModel;

/** {@code sketchrnn grid}: a 2-D sheet of decodings between the codes of four sketches. */
@Command(name = "grid", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A sheet of N x N drawings between four sketches at the corners (top left, top right,"
                + " bottom left, bottom right): their codes are interpolated along both axes (spherically, or"
                + " bilinearly with --linear) and every code is drawn, in one batch. The picture shows each input beside its"
                + " corner. Needs a full VAE model.",
            "Corners: .json or .svg files, or FILE#I for sketch I of a data file (.npz: of --split)."},
        footer = {"", "Examples:",
            "  sketchrnn grid --model runs/sheep --steps 5 --out sheet.png --corners \\",
            "      sheep.npz#0,sheep.npz#1,sheep.npz#2,sheep.npz#3",
            "  sketchrnn grid --model runs/cat-pig --steps 7 --linear --cell-size 120 \\",
            "      --corners cat.svg,pig.svg,pig2.svg,cat2.svg --out sheet.svg"})
public final class GridVerb implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Option(names = "--corners", required = true, split = ",", paramLabel = "A,B,C,D",
            description = "Four sketches: top left, top right, bottom left, bottom right.")
    List<String> corners;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "For .npz: train, valid or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = {"--steps", "--size"}, defaultValue = "5", paramLabel = "N",
            description = "Drawings per side, 2 to 30, as interpolate's --steps (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--linear", description = "Bilinear instead of spherical interpolation.")
    boolean linear;

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
        if (corners.size() != 4) {
            throw new BadInputException("--corners needs 4 sketches (top left, top right, bottom left, bottom right),"
                    + " got " + corners.size());
        }
        if (size < 2 || size > 30) {
            throw new BadInputException("--steps must be in 2..30, got " + size);
        }
        SamplingOptions o = drawing.at(temperature);
        List<Sketch> read = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            read.add(SketchArgument.read(corners.get(i), split, null, "--corners (" + (i + 1) + ")"));
        }
        try (SketchModel m = model.load()) {
            m.requireEncoder("encode sketches"); // before any word about simplifying
            List<Sketch> sketches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sketches.add(simplify.fit(read.get(i), SketchArgument.label(corners.get(i), null), m,
                        spec.commandLine().getErr()));
            }
            List<float[]> z = m.encodeAll(sketches);
            List<float[]> sheet = Latents.sheet(z.get(0), z.get(1), z.get(2), z.get(3), size, !linear);
            List<Sketch> drawn = m.decode(sheet, o);
            // the four inputs beside the corners they define, as reconstruct and analogy show theirs
            List<Panel> inputs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inputs.add(Panel.of(sketches.get(i), "input " + (char) ('A' + i)));
            }
            Panel blank = DrawingOutput.BLANK;
            List<Panel> panels = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                panels.add(r == 0 ? inputs.get(0) : r == size - 1 ? inputs.get(2) : blank);
                for (int c = 0; c < size; c++) {
                    panels.add(Panel.of(drawn.get(r * size + c)));
                }
                panels.add(r == 0 ? inputs.get(1) : r == size - 1 ? inputs.get(3) : blank);
            }
            output.write(panels, size + 2, drawn, m.name() + ", " + size + " x " + size + ", "
                    + (linear ? "bilinear" : "spherical") + ", " + o.describe(), spec.commandLine().getOut());
        }
        return 0;
    }
}
