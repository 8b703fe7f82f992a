package sketchrnn.checkpoint;

import java.util.Map;

/**
 * Adam's state as a checkpoint keeps it: iterations and the first and second moments by parameter name
 * ({@code sketchrnn.train.Adam} writes and restores it).
 */
public record OptimizerState(long iterations, Map<String, float[]> m, Map<String, float[]> v) {
}
