package sketchrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.HashMap;
import java.util.Map;

/**
 * The model's parameters as one pass sees them: an alias (a view sharing storage and gradient) of every
 * parameter, attached to the pass's scope. DJL attaches the result of an operation to the manager of its
 * first operand, so computing on the model's own arrays would leave results in the model's manager, one
 * leak per step; computing on these aliases keeps every intermediate in the scope.
 */
final class Weights {
    private final Map<String, NDArray> aliases = new HashMap<>();

    Weights(Map<String, NDArray> parameters, NDManager scope) {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            NDArray alias = p.reshape(p.getShape()); // a view: gradients flow back to the parameter
            alias.attach(scope);
            aliases.put(e.getKey(), alias);
        }
    }

    /** The alias of a parameter, by its full name. */
    NDArray get(String name) {
        NDArray a = aliases.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return a;
    }

    /** Keeps the aliases alive past an enclosing {@link NDScope}; they still close with their scope. */
    void keep() {
        aliases.values().forEach(NDScope::unregister);
    }
}
