package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The rule of {@link Ops#constant}, enforced: no call in the model package of an {@code NDArray} operation
 * whose backward pass reads its other operand ({@code mul, div, maximum, minimum, pow} and their in-place
 * forms) with a {@code Number} argument. DJL wraps the number in an array over Java memory that autograd
 * keeps after DJL closed it. The package's sources are compiled (attributed, not written) with the test's
 * class path and every method call resolved to the overload javac picks, so a variable of a numeric type is
 * caught as surely as a literal.
 */
class ScalarArithmeticRuleTest {
    private static final Set<String> KEPT_BY_AUTOGRAD = Set.of("mul", "muli", "div", "divi", "maximum", "minimum",
            "pow", "powi");

    @Test
    void noNumberArgumentReachesAnOperationWhoseGradientKeepsIt() throws IOException {
        Path dir = Path.of("src/main/java/sketchrnn/model");
        List<Path> sources;
        try (Stream<Path> s = Files.list(dir)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(sources).as("the model package's sources").isNotEmpty();
        List<String> violations = violations(sources);
        assertThat(violations).as("NDArray arithmetic with a Number (use Ops.constant)").isEmpty();
    }

    @Test
    void theCheckCatchesALiteralAndANumericVariable(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("Bad.java");
        Files.writeString(bad, """
                package sketchrnn.model;
                import ai.djl.ndarray.NDArray;
                final class Bad {
                    static NDArray f(NDArray a, NDArray b, double keep) {
                        return a.mul(2).div(keep).maximum(b).add(1).sub(b);
                    }
                }
                """);
        assertThat(violations(List.of(bad))).hasSize(2).allMatch(v -> v.contains("Bad.java"));
    }

    private static List<String> violations(List<Path> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> found = new ArrayList<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            List<String> options = List.of("-proc:none", "-classpath", System.getProperty("java.class.path"));
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics, options, null, units);
            Iterable<? extends CompilationUnitTree> trees = task.parse();
            task.analyze();
            Trees t = Trees.instance(task);
            for (CompilationUnitTree unit : trees) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethodInvocation(MethodInvocationTree call, Void v) {
                        Element e = t.getElement(new TreePath(getCurrentPath(), call.getMethodSelect()));
                        if (e instanceof ExecutableElement m && KEPT_BY_AUTOGRAD.contains(m.getSimpleName().toString())
                                && m.getEnclosingElement() instanceof TypeElement owner
                                && owner.getQualifiedName().toString().startsWith("ai.djl.ndarray.")
                                && m.getParameters().stream().anyMatch(p -> p.asType().toString().equals("java.lang.Number"))) {
                            long line = unit.getLineMap().getLineNumber(t.getSourcePositions().getStartPosition(unit, call));
                            found.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + " " + call);
                        }
                        return super.visitMethodInvocation(call, v);
                    }
                }.scan(unit, null);
            }
        }
        assertThat(diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(Object::toString).toList()).as("the sources compile").isEmpty();
        return found;
    }
}
