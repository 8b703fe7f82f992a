package sketchrnn.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sketchrnn.data.BadInputException;

/**
 * The {@code sketchrnn} command: one subcommand per verb. Errors a user can fix (bad input, bad
 * options, missing files) print one line and exit with code 2; the stack trace only with
 * {@code --debug}.
 */
@Command(name = "sketchrnn", mixinStandardHelpOptions = true, version = "sketchrnn 0.1.0",
        description = "Generative vector drawings with sketch-rnn (Ha & Eck, 2017) on the JVM.",
        subcommandsRepeatable = false, sortOptions = false)
public final class Main implements Runnable {
    /** Exit code for input the user can fix. */
    public static final int BAD_INPUT = 2;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with every verb registered, in the order {@code --help} lists them. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object verb : Verbs.all()) {
            cl.addSubcommand(verb);
        }
        cl.setExecutionExceptionHandler(Main::handleError);
        // --matmul turns the kernels' bf16 products on for the whole JVM: off again after each command, so that
        // the next one (in tests, or a program that runs several) starts from fp32
        cl.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                sketchrnn.kernels.Gemm.useBf16(false);
            }
        });
        HelpLayout.install(cl);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::verbList);
        return cl;
    }

    /** The list of verbs in {@code --help}: one line each, the first sentence of the verb's description. */
    private static String verbList(CommandLine.Help help) {
        StringBuilder sb = new StringBuilder();
        int width = help.subcommands().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (var e : help.subcommands().entrySet()) {
            String[] desc = e.getValue().commandSpec().usageMessage().description();
            String first = desc.length == 0 ? "" : desc[0];
            int dot = first.indexOf(". ");
            int colon = first.indexOf(": ");
            int cut = dot < 0 ? colon : colon < 0 ? dot : Math.min(dot, colon);
            if (cut > 0) {
                first = first.substring(0, cut);
            }
            if (first.endsWith(".")) {
                first = first.substring(0, first.length() - 1);
            }
            int room = 78 - width - 4;
            if (first.length() > room) {
                int space = first.lastIndexOf(' ', room - 1);
                first = first.substring(0, space > 0 ? space : room - 1) + "…";
            }
            sb.append("  ").append(String.format("%-" + width + "s", e.getKey())).append("  ").append(first).append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private static int handleError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = parsed.hasMatchedOption("--debug")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        Throwable user = userError(e);
        if (user != null) {
            err.println("error: " + user.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return BAD_INPUT;
        }
        err.println("internal error: " + e);
        if (debug) {
            e.printStackTrace(err);
        } else {
            err.println("(run again with --debug for the stack trace)");
        }
        err.flush();
        return 1;
    }

    /** The cause that a user can act on, or null for an internal error. */
    static Throwable userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof CommandLine.ParameterException
                    || t instanceof NoSuchFileException) {
                return t instanceof NoSuchFileException ? new BadInputException("no such file: " + t.getMessage()) : t;
            }
            if (t instanceof UncheckedIOException && t.getCause() instanceof NoSuchFileException n) {
                return new BadInputException("no such file: " + n.getMessage());
            }
        }
        return null;
    }
}
