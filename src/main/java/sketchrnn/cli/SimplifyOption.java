package sketchrnn.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;
import sketchrnn.data.BadInputException;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchSimplifier;
import sketchrnn.sample.SketchModel;

/**
 * The {@code --simplify} option of the verbs that feed a model drawings read from files: a drawing longer than the
 * model reads is simplified as the model's training data was ({@link SketchSimplifier}), and the verb says so.
 */
final class SimplifyOption {
    @Option(names = "--simplify", defaultValue = "auto", paramLabel = "auto|always|never",
            description = "Simplify drawings read from files as the training data was (RDP, tolerance 2/255 of the"
                    + " drawing's size): auto when longer than the model reads (max_seq_len), always, or never"
                    + " (default: ${DEFAULT-VALUE}).")
    String simplify;

    SketchSimplifier.Mode mode() {
        return SketchSimplifier.Mode.parse(simplify, "--simplify");
    }

    /**
     * The sketch as the model will read it: simplified when needed (or asked), with a line on {@code err} saying
     * what was done; a clear error when it still does not fit.
     *
     * @param label names the sketch in messages ("half-sheep.svg")
     */
    Sketch fit(Sketch sketch, String label, SketchModel model, PrintWriter err) {
        int max = model.hparams().model().maxSeqLen();
        SketchSimplifier.Result r = SketchSimplifier.fit(sketch, max, mode());
        if (r.simplified()) {
            err.println(label + ": " + r.describe() + (sketch.size() > max ? "; model " + model.name()
                    + " reads at most " + max : ""));
            err.flush();
        }
        Sketch s = r.sketch();
        if (s.size() > max) {
            throw new BadInputException(label + " has " + r.before() + " points" + (r.simplified()
                    ? ", still " + s.size() + " after simplification" : "") + "; model " + model.name() + " reads at most "
                    + max + " (max_seq_len): " + (r.simplified() ? "shorten it" : "use --simplify auto or shorten it"));
        }
        return s;
    }
}
