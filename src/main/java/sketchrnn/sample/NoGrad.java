package sketchrnn.sample;

import sketchrnn.model.Libtorch;

/**
 * Turns the engine's autograd recording off for the calling thread while drawing, and back to what it was
 * afterwards. PyTorch's grad mode is per thread: the engine switches it off on the thread that starts it,
 * but every other thread (a web server's workers, an executor) starts with it on, and would record a
 * backward graph of every sampling step through the model's parameters (which require gradients), for
 * nothing.
 */
final class NoGrad implements AutoCloseable {
    private final boolean was;

    private NoGrad() {
        was = Libtorch.gradMode();
        if (was) {
            Libtorch.setGradMode(false);
        }
    }

    /** Recording off until {@link #close()}. */
    static NoGrad start() {
        return new NoGrad();
    }

    @Override
    public void close() {
        if (was) {
            Libtorch.setGradMode(true);
        }
    }
}
