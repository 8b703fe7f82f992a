package sketchrnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package structure of src/main/java, read from the sources: dependencies point one way (no cycle
 * between packages), the README's table of who uses whom is the real one, and the PyTorch engine is reached
 * past DJL's API in one class only ({@code model.Libtorch}).
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/sketchrnn");
    private static final Pattern REFERENCE = Pattern.compile("\\bsketchrnn\\.([a-z]+)\\.[A-Za-z]");
    private static final Pattern ENGINE_SPECIFIC = Pattern.compile("\\bJniUtils\\b|getNDArrayInternal|ai\\.djl\\.pytorch\\.");

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertThat(uses).containsKeys("data", "model", "train", "sample", "checkpoint");
        assertThat(cycle(uses)).as("a cycle of package dependencies").isEmpty();
    }

    @Test
    void theCycleFinderFindsOne() {
        Map<String, Set<String>> g = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertThat(cycle(g)).containsExactly("a", "b", "c", "a");
        assertThat(cycle(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of())))).isEmpty();
    }

    @Test
    void theReadmeTableShowsWhoUsesWhom() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z]+)` \\|[^|]*\\|\\s*([^|]*?)\\s*\\|$");
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int header = lines.indexOf("| package | what | uses |");
        assertThat(header).as("README.md's package table header").isNotNegative();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            Matcher m = row.matcher(line.strip());
            assertThat(m.matches()).as("a row of the package table: %s", line).isTrue();
            Set<String> used = new TreeSet<>();
            Matcher names = Pattern.compile("`([a-z]+)`").matcher(m.group(2));
            while (names.find()) {
                used.add(names.group(1));
            }
            documented.put(m.group(1), used);
        }
        assertThat(documented).as("README.md's package table").isEqualTo(dependencies());
    }

    @Test
    void onlyLibtorchUsesThePyTorchEngineDirectly() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (f.endsWith(Path.of("model", "Libtorch.java"))) {
                    continue;
                }
                Matcher m = ENGINE_SPECIFIC.matcher(code(Files.readString(f)));
                while (m.find()) {
                    found.add(MAIN.relativize(f) + ": " + m.group());
                }
            }
        }
        assertThat(found).as("engine-specific calls outside model/Libtorch.java").isEmpty();
    }

    /** Package -> the packages its sources name (imports and qualified names), comments left out. */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String pkg = dir.getFileName().toString();
                Set<String> used = new TreeSet<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = REFERENCE.matcher(code(Files.readString(f)));
                        while (m.find()) {
                            used.add(m.group(1));
                        }
                    }
                }
                used.remove(pkg);
                uses.put(pkg, used);
            }
        }
        return uses;
    }

    /** The source without comments and string literals. */
    static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"").replaceAll("\"(\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    }

    /** A cycle of the graph as a path that ends where it starts, or empty. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>();                 // 1: on the path, 2: done
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(graph, start, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(Map<String, Set<String>> graph, String node, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> c = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            c.add(node);
            return c;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            List<String> found = visit(graph, next, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }
}
