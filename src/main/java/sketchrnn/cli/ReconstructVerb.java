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
                + " at each temperature, as in the paper's reconstructions. The picture has a row per"
                + " temperature, each starting with the input; a .json output holds the reconstructions"
                + " (temperature by temperature). Needs a full VAE model."},
        footer = {"", "Examples:",
            "  sketchrnn reconstruct --model runs/sheep --input aaron_sheep.npz \\",
            "      --index 3 --out sheep-recon.png",
            "  sketchrnn reconstruct --model runs/sheep --input my-sheep.svg \\",
            "      --temperatures 0.1,0.5,1.0 --count 5 --seed 1 --out recon.svg"})
public final class ReconstructVerb implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Mixin
    InputSketchOptions input;

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
        Sketch read = input.read();
        try (SketchModel m = model.load()) {
            m.requireEncoder("encode sketches"); // before any word about simplifying
            Sketch sketch = simplify.fit(read, input.label(), m, spec.commandLine().getErr());
            List<Panel> panels = new ArrayList<>();
            List<Sketch> all = new ArrayList<>();
            for (SamplingOptions o : options) {
                List<Sketch> recon = m.reconstruct(sketch, count, o);
                panels.add(Panel.of(sketch, "input"));
                for (Sketch r : recon) {
                    panels.add(Panel.of(r, o.greedy() ? "greedy" : "T " + temperatureText(o.temperature())));
                }
                all.addAll(recon);
            }
            output.write(panels, count + 1, all, m.name() + ", " + input.label() + ", seed " + options.get(0).seed(),
                    spec.commandLine().getOut());
        }
        return 0;
    }

    static String temperatureText(double t) {
        String s = Double.toString(t);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
