package sketchrnn.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How {@code --help} lays text out. Picocli wraps with Java's line {@code BreakIterator}, which also breaks after a
 * dot inside a word ({@code usage-web.} / {@code md}, {@code (.} / {@code json)}, {@code --out t.} / {@code json}) and
 * wraps the example commands of the footers. Here text wraps at spaces only, at {@value #WIDTH} columns, and footer
 * lines that start with a space (the examples) are printed as written, other footer lines wrapped: each is written to fit, which {@code HelpTextTest} checks.
 */
final class HelpLayout {
    /** The width help is laid out for (a terminal's). */
    static final int WIDTH = 80;
    /** The widest option-name column; longer names put their description on the next line. */
    private static final int MAX_NAME_COLUMN = 24;

    private HelpLayout() {
    }

    /** Installs the layout on a command and all its subcommands. */
    static void install(CommandLine cl) {
        cl.setUsageHelpWidth(WIDTH);
        var sections = cl.getHelpSectionMap();
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> paragraphs(help.commandSpec().usageMessage().description(), ""));
        sections.put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> table(help.commandSpec().positionalParameters()));
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> table(help.commandSpec().options()));
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            StringBuilder sb = new StringBuilder();
            for (String line : help.commandSpec().usageMessage().footer()) {
                if (line.startsWith(" ") || line.isEmpty()) {
                    sb.append(line).append('\n'); // an example (or a blank line): as written
                } else {
                    sb.append(paragraphs(new String[] {line}, ""));
                }
            }
            return sb.toString();
        });
        cl.setHelpSectionMap(sections);
        for (CommandLine sub : cl.getSubcommands().values()) {
            install(sub);
        }
    }

    private static String paragraphs(String[] lines, String indent) {
        StringBuilder sb = new StringBuilder();
        for (String p : lines) {
            for (String line : wrap(p, WIDTH - indent.length())) {
                sb.append(indent).append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static String table(List<? extends ArgSpec> args) {
        List<String[]> rows = new ArrayList<>();
        for (ArgSpec a : args) {
            if (a.hidden()) {
                continue;
            }
            rows.add(new String[] {names(a), String.join(" ", a.renderedDescription())});
        }
        int column = 0;
        for (String[] r : rows) {
            if (r[0].length() <= MAX_NAME_COLUMN) {
                column = Math.max(column, r[0].length());
            }
        }
        column += 2;
        StringBuilder sb = new StringBuilder();
        String pad = " ".repeat(column + 2);
        for (String[] r : rows) {
            List<String> text = wrap(r[1], WIDTH - column - 2);
            String first = r[0].length() + 2 <= column ? String.format("%-" + column + "s", r[0]) : null;
            if (first == null) {
                sb.append(r[0]).append('\n');
            }
            for (int i = 0; i < text.size(); i++) {
                sb.append(i == 0 && first != null ? first : pad).append(text.get(i)).append('\n');
            }
            if (text.isEmpty() && first != null) {
                sb.append(first.stripTrailing()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String names(ArgSpec a) {
        if (a instanceof PositionalParamSpec p) {
            return "      " + p.paramLabel();
        }
        OptionSpec o = (OptionSpec) a;
        String shortName = null;
        List<String> longNames = new ArrayList<>();
        for (String n : o.names()) {
            if (n.length() == 2 && shortName == null) {
                shortName = n;
            } else {
                longNames.add(n);
            }
        }
        String label = o.typeInfo().isBoolean() || o.arity().max() == 0 ? "" : "=" + o.paramLabel();
        String names = String.join(", ", longNames) + (longNames.isEmpty() ? "" : label);
        return "  " + (shortName != null ? shortName + (longNames.isEmpty() ? label : ", ") : "    ") + names;
    }

    /** Greedy word wrap at spaces only; a word longer than the width stands alone on its line. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
