package sketchrnn.cli;

import java.util.List;

/** Every verb of the CLI, in the order {@code sketchrnn --help} lists them. Add new verbs here. */
final class Verbs {
    private Verbs() {
    }

    static List<Object> all() {
        return List.of(
                // data (issue: foundation)
                new InfoVerb(),
                new PrepareVerb(),
                // model and training
                new TrainVerb(),
                new EvalVerb(),
                new BenchVerb()
                // drawing with a model
                // interop
                // web
        );
    }
}
