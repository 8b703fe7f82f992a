package sketchrnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sketchrnn bench}: speed measurements, one subcommand per thing measured. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed: training steps (bench train), sampling (bench sample), the web studio"
                + " under load (bench serve).",
        subcommands = {BenchTrainVerb.class, BenchSampleVerb.class, BenchServeVerb.class})
public final class BenchVerb implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
