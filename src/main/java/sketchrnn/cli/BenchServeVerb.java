package sketchrnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sketchrnn.web.ServeBenchmark;
import sketchrnn.web.StudioLimits;
import sketchrnn.web.StudioModels;

/** {@code sketchrnn bench serve}: latency of the web studio's completions under concurrent clients. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Start the studio on 127.0.0.1 (a free port), send --requests completion requests from"
                + " --clients concurrent clients, each asking for --count endings of the same drawing, and print"
                + " p50/p95 latency and errors as one JSON line.",
        footer = {"", "Examples:",
            "  sketchrnn bench serve --models runs/sheep",
            "  sketchrnn bench serve --requests 400 --clients 32 --count 4 \\",
            "      --models sheep.gen.json"})
public final class BenchServeVerb implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "200", paramLabel = "N",
            description = "Timed requests in all (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--clients", defaultValue = "16", paramLabel = "N",
            description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--count", defaultValue = "8", paramLabel = "N",
            description = "Endings per request (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--temperature", defaultValue = "0.4", paramLabel = "T",
            description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "N",
            description = "Untimed requests first, one at a time (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--time-limit", defaultValue = "30", paramLabel = "SECONDS",
            description = "The server's time limit per request (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--native-threads", paramLabel = "N",
            description = "PyTorch threads per computation (default: the engine's, all cores; 1 is often"
                    + " fastest when several computations run at once).")
    Integer nativeThreads;

    @Option(names = "--threads", paramLabel = "N",
            description = "The server's compute threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--models", arity = "1..*", paramLabel = "PATH",
            description = "The model to load (the first one is used); default: the packaged default model.")
    List<Path> models = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServeBenchmark.Options o = new ServeBenchmark.Options(requests, clients, count, temperature, warmup);
        try (StudioModels loaded = ServeVerb.loadModels(models, models.isEmpty())) {
            ServeVerb.setNativeThreads(nativeThreads);
            StudioLimits limits = ServeVerb.limits(timeLimit, threads);
            ServeBenchmark.Result r = ServeBenchmark.run(loaded, limits, o);
            String json = r.toJson();
            spec.commandLine().getOut().println(json.substring(0, json.length() - 1) + ", \"compute_threads\": "
                    + limits.computeThreads() + ", \"native_threads\": \"" + (nativeThreads == null ? "default" : nativeThreads)
                    + "\"}");
            spec.commandLine().getOut().flush();
            return r.errors() == 0 ? 0 : 1;
        }
    }
}
