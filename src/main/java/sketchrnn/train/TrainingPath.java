package sketchrnn.train;

import sketchrnn.engine.FusedSketchRnn;
import sketchrnn.model.HParams;

/**
 * Which implementation computes training and evaluation passes: the fused engine (hand-derived, on the
 * CPU's cores) or the DJL model with autograd (the reference, and the route to GPUs). {@link #AUTO} takes
 * the fused engine where it runs the model ({@link FusedSketchRnn#supports}).
 */
public enum TrainingPath {
    AUTO, FUSED, DJL;

    /** The path to take for a model: FUSED or DJL; FUSED asked for a model it cannot run is refused. */
    public TrainingPath resolve(HParams hp) {
        return switch (this) {
            case DJL -> DJL;
            case FUSED -> {
                String why = FusedSketchRnn.unsupportedReason(hp);
                if (why != null) {
                    throw new sketchrnn.data.BadInputException("--engine fused: " + why + "; use --engine djl");
                }
                yield FUSED;
            }
            case AUTO -> FusedSketchRnn.supports(hp) ? FUSED : DJL;
        };
    }

    /** Threads of the fused engine: {@code -Dsketchrnn.threads}, else every core. */
    public static int engineThreads() {
        String p = System.getProperty("sketchrnn.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new sketchrnn.data.BadInputException("-Dsketchrnn.threads: expected a whole number, got '" + p + "'");
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
