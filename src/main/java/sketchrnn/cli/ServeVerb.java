package sketchrnn.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sketchrnn.data.BadInputException;
import sketchrnn.sample.PackagedModels;
import sketchrnn.web.DefaultModels;
import sketchrnn.web.ModelFiles;
import sketchrnn.web.StudioLimits;
import sketchrnn.web.StudioModels;
import sketchrnn.web.StudioServer;

/** {@code sketchrnn serve}: the web studio, a page where a person draws and the models answer. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the web studio: a page to finish your drawings with a model, a gallery of new"
                + " sketches and morphs between two drawings, with its JSON API (docs/usage-web.md).",
            "Listens on the loopback address unless --host says otherwise. Stop with Ctrl+C."},
        footer = {"", "Examples:",
            "  sketchrnn serve                            (the embedded model)",
            "  sketchrnn serve --models runs/sheep        (the embedded model and runs/sheep)",
            "  sketchrnn serve --port 9000 --models models/",
            "  sketchrnn serve --no-default-model --models sheep.gen.json runs/cat/best.ckpt",
            "  sketchrnn serve --host 0.0.0.0             (reachable from other machines)"})
public final class ServeVerb implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--models", arity = "1..*", paramLabel = "PATH",
            description = "Models to serve besides the embedded one: .ckpt, .gen.json or .vae.json files, training"
                    + " run folders, or folders of them. Each is served under its file name (sheep.gen.json), a run"
                    + " folder under its name; the embedded model is named default.")
    List<Path> models = new ArrayList<>();

    @Option(names = "--no-default-model",
            description = "Serve only the --models, not the embedded model (or place it by naming default in --models).")
    boolean noDefaultModel;

    @Option(names = "--time-limit", defaultValue = "30", paramLabel = "SECONDS",
            description = "Longest a request may take, queueing included; slower ones get 503 (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--native-threads", paramLabel = "N",
            description = "PyTorch threads per computation (default: the engine's, all cores; 1 is often"
                    + " fastest when several computations run at once).")
    Integer nativeThreads;

    @Option(names = "--threads", paramLabel = "N",
            description = "Model computations run at once (default: the number of cores).")
    Integer threads;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StudioLimits limits = limits(timeLimit, threads);
        boolean loopback = isLoopback(host);
        try (StudioModels served = loadModels(models, !noDefaultModel)) {
            setNativeThreads(nativeThreads);
            try (StudioServer server = StudioServer.start(host, port, served, limits, new PrintStream(System.err, true))) {
                Thread hook = new Thread(this::stop, "studio-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                if (!loopback) {
                    err.println("warning: listening on " + host + ": anyone who can reach this machine can use the"
                            + " studio and its models; there is no authentication");
                    err.flush();
                }
                out.println("serving " + served.size() + " model" + (served.size() == 1 ? "" : "s") + " ("
                        + String.join(", ", served.ids()) + ") at " + server.uri());
                for (String id : served.ids()) {
                    out.println("  " + id + ": " + served.units(id));
                }
                out.println("open " + server.uri() + " in a browser; Ctrl+C stops the server");
                out.flush();
                stop.await();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the hook is what woke us
                }
            }
        }
        out.println("stopped");
        out.flush();
        return 0;
    }

    /** Stops a running {@code serve} (Ctrl+C does this through a shutdown hook). */
    void stop() {
        stop.countDown();
    }

    static StudioLimits limits(double timeLimitSeconds, Integer threads) {
        if (!(timeLimitSeconds > 0 && timeLimitSeconds <= 3600)) {
            throw new BadInputException("--time-limit " + timeLimitSeconds + " is outside (0, 3600] seconds");
        }
        int n = threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
        if (n < 1 || n > 64) {
            throw new BadInputException("--threads " + n + " is outside 1..64");
        }
        return StudioLimits.DEFAULTS.withTimeLimit(Duration.ofMillis(Math.round(timeLimitSeconds * 1000)))
                .withComputeThreads(n);
    }

    /**
     * The packaged default model(s) first (unless {@code withDefault} is false, or {@code default} is among the
     * paths, which places it), then the models of {@code --models}; none at all is a user error.
     */
    static StudioModels loadModels(List<Path> paths, boolean withDefault) {
        boolean named = paths.stream().anyMatch(PackagedModels::isDefaultName);
        boolean packaged = !DefaultModels.names().isEmpty();
        if (named && !packaged) {
            throw new BadInputException("--models default: this build has no embedded model packaged");
        }
        List<ModelFiles.Entry> entries = new ArrayList<>();
        if (withDefault && !named && packaged) {
            entries.add(new ModelFiles.Entry(PackagedModels.NAME, Path.of(PackagedModels.NAME)));
        }
        entries.addAll(ModelFiles.expand(paths));
        if (entries.isEmpty()) {
            throw new BadInputException("no models to serve: " + (packaged ? "--no-default-model leaves none"
                    : "this build has no default model packaged") + "; give one with --models (a .ckpt, a training run"
                    + " folder, a .gen.json or .vae.json, or a folder of them)");
        }
        return StudioModels.load(entries);
    }

    /** Sets PyTorch's intra-op threads (the engine is started: models are loaded); null leaves them. */
    static void setNativeThreads(Integer n) {
        if (n == null) {
            return;
        }
        if (n < 1 || n > 256) {
            throw new BadInputException("--native-threads must be in 1..256, got " + n);
        }
        sketchrnn.model.Libtorch.setThreads(n);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new BadInputException("--host " + host + ": unknown host");
        }
    }
}
