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

/** {@code sketchrnn reconstruct}: encode a sketch, decode its code at several temperatures. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode a sketch to its latent code (the encoder's mean) and draw it back, COUNT times"
                + " at each temperature, as in the paper's reconstructions. Repeat --input for several"
                + " sketches. The picture has a row per sketch and temperature, each starting with the input;"
                + " a .json output holds the reconstructions (sketch by sketch, temperature by temperature)."
                + " Needs a full VAE model."},
        footer = {"", "Examples:",
            "  sketchrnn reconstruct --model runs/sheep --input aaron_sheep.npz \\",
            "      --index 3 --out sheep-recon.png",
            "  sketchrnn reconstruct --model runs/sheep --input my-sheep.svg \\",
            "      --temperatures 0.1,0.5,1.0 --count 5 --seed 1 --out recon.svg",
            "  sketchrnn reconstruct --input aaron_sheep.npz#0 --input aaron_sheep.npz#1 \\",
            "      --temperatures 0.2 --count 2 --seed 4 --out two-sheep.png"})
public final class ReconstructVerb implements Callable<Integer> {
    static final int MAX_INPUTS = 16;

    @Mixin
    ModelOption model;

    @Option(names = "--input", required = true, paramLabel = "SKETCH",
            description = "The sketch: a .json or .svg file, or a data file (.npz, .ndjson, .bin) with --index;"
                    + " FILE#I also picks sketch I. Repeat it for several sketches (at most " + MAX_INPUTS + ").")
    List<String> inputs;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
            description = "For .npz: train, valid or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--index", paramLabel = "I",
            description = "Which sketch of a file named without #I (default: 0).")
    Integer index;

    @Mixin
    SimplifyOption simplify;

    @Option(names = "--temperatures", split = ",", defaultValue = "0.1,0.5,1.0", paramLabel = "T,T,...",
            description = "Temperatures, one row each (default: ${DEFAULT-VALUE}).")
    List<Double> temperatures;

    @Option(names = "--count", defaultValue = "4", paramLabel = "N",
            description = "Reconstructions per temperature (default: ${DEFAULT-VALUE}).")
    int count;

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
        if (temperatures.isEmpty() || temperatures.size() > 20) {
            throw new BadInputException("--temperatures needs 1 to 20 values, got " + temperatures.size());
        }
        List<SamplingOptions> options = new ArrayList<>();
        for (double t : temperatures) {
            options.add(drawing.at(t)); // validates every temperature before any work
        }
        if (inputs.size() > MAX_INPUTS) {
            throw new BadInputException("--input is given " + inputs.size() + " times; at most " + MAX_INPUTS);
        }
        List<Sketch> read = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String in : inputs) {
            read.add(SketchArgument.read(in, split, index, "--input"));
            labels.add(SketchArgument.label(in, index));
        }
        try (SketchModel m = model.load()) {
            m.requireEncoder("encode sketches"); // before any word about simplifying
            List<Panel> panels = new ArrayList<>();
            List<Sketch> all = new ArrayList<>();
            for (int k = 0; k < read.size(); k++) {
                Sketch sketch = simplify.fit(read.get(k), labels.get(k), m, spec.commandLine().getErr());
                for (SamplingOptions o : options) {
                    List<Sketch> recon = m.reconstruct(sketch, count, o);
                    panels.add(Panel.of(sketch, read.size() == 1 ? "input" : inputCaption(labels.get(k), k)));
                    for (Sketch r : recon) {
                        panels.add(Panel.of(r, o.greedy() ? "greedy" : "T " + temperatureText(o.temperature())));
                    }
                    all.addAll(recon);
                }
            }
            String what = read.size() == 1 ? labels.get(0) : read.size() + " sketches";
            output.write(panels, count + 1, all, m.name() + ", " + what + ", seed " + options.get(0).seed(),
                    spec.commandLine().getOut());
        }
        return 0;
    }

    /** "input #I" for a sketch picked from a file, else "input K" (1-based): short enough for a picture cell. */
    static String inputCaption(String label, int k) {
        int hash = label.lastIndexOf('#');
        return hash >= 0 ? "input " + label.substring(hash) : "input " + (k + 1);
    }

    static String temperatureText(double t) {
        String s = Double.toString(t);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
