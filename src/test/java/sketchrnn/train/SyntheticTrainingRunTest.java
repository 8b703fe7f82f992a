package sketchrnn.train;

import java.nio.file.Path;
import sketchrnn.SyntheticDrawings;

/**
 * {@link TrainingRunTest}'s checks (learning, checkpoints, resume, the NaN guard, refusals) on a data set the test
 * makes itself: 160 / 32 / 32 {@link SyntheticDrawings} written as an int16 {@code .npz}. They run on every clone;
 * {@link TrainingRunTest} repeats them on real sheep when {@code ../shared} is present.
 */
class SyntheticTrainingRunTest extends TrainingRunTest {
    @Override
    Path writeData(Path dir) {
        return SyntheticDrawings.writeNpz(dir.resolve("polygons-small.npz"), 11, 160, 32, 32);
    }
}
