package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The model's parameters as one pass sees them: an alias (a view sharing storage and gradient) of each
 * parameter, attached to the pass's scope. DJL attaches the result of an operation to the manager of its
 * first operand, so computing on the model's own arrays would leave results in the model's manager, one
 * leak per step; computing on these aliases keeps every intermediate in the scope.
 *
 * <p>Aliases are made on first use. Components fetch their weights before their time loop (never inside
 * a step, whose intermediates are closed when it ends).
 */
final class Weights {
    private final Map<String, NDArray> parameters;
    private final NDManager scope;
    private final Map<String, NDArray> aliases = new HashMap<>();

    Weights(Map<String, NDArray> parameters, NDManager scope) {
        this.parameters = parameters;
        this.scope = scope;
    }

    /** The alias of a parameter, by its full name. */
    NDArray get(String name) {
        return aliases.computeIfAbsent(name, n -> {
            NDArray p = parameters.get(n);
            if (p == null) {
                throw new IllegalArgumentException("no parameter named " + n);
            }
            NDArray alias = p.reshape(p.getShape()); // a view: gradients flow back to the parameter
            alias.attach(scope);
            return alias;
        });
    }
}
