package sketchrnn.data;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of a group of sketches, as {@code sketchrnn info} prints it.
 *
 * @param count        number of sketches
 * @param minPoints    fewest points of a sketch (0 when there are none)
 * @param medianPoints median number of points (the mean of the two middle ones for an even count)
 * @param maxPoints    most points of a sketch
 * @param totalPoints  all points together
 * @param scaleFactor  the {@link ScaleFactor} of the group
 */
public record SketchStats(int count, int minPoints, double medianPoints, int maxPoints, long totalPoints,
        double scaleFactor) {

    /** The statistics of these sketches. */
    public static SketchStats of(List<Sketch> sketches) {
        int[] sizes = sketches.stream().mapToInt(Sketch::size).sorted().toArray();
        if (sizes.length == 0) {
            return new SketchStats(0, 0, 0, 0, 0, ScaleFactor.of(sketches));
        }
        int n = sizes.length;
        double median = n % 2 == 1 ? sizes[n / 2] : (sizes[n / 2 - 1] + sizes[n / 2]) / 2.0;
        return new SketchStats(n, sizes[0], median, sizes[n - 1], Arrays.stream(sizes).asLongStream().sum(),
                ScaleFactor.of(sketches));
    }
}
