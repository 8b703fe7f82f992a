package sketchrnn.cli;

import java.util.ArrayList;
import java.util.List;

/** Every verb of the CLI, in the order {@code sketchrnn --help} lists them. Add new verbs here. */
final class Verbs {
    private Verbs() {
    }

    static List<Object> all() {
        List<Object> verbs = new ArrayList<>();

        // data
        verbs.add(new InfoVerb());
        verbs.add(new PrepareVerb());
        verbs.add(new RenderVerb());

        // model and training
        verbs.add(TrainVerb.command());
        verbs.add(new EvalVerb());
        verbs.add(new PackVerb());

        // drawing with a model
        verbs.add(new SampleVerb());
        verbs.add(new ReconstructVerb());
        verbs.add(new InterpolateVerb());
        verbs.add(new AnalogyVerb());
        verbs.add(new CompleteVerb());
        verbs.add(new GridVerb());

        // browser models (interop)
        verbs.add(new TraceVerb());
        verbs.add(new ExportVerb());

        // web studio
        verbs.add(new ServeVerb());

        // speed
        verbs.add(new BenchVerb());

        return verbs;
    }
}
