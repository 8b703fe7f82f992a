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

    /**
     * The statistics of sketches seen one at a time, without holding them (a 131 MB {@code .bin} took 4.4 GB
     * when its sketches were kept): the point counts, and the pooled mean and variance of dx and dy by
     * Welford's update (the same factor as {@link ScaleFactor#of} to about 1e-12).
     */
    public static final class Accumulator {
        private int[] sizes = new int[1024];
        private int count;
        private long values;
        private double mean;
        private double m2;

        public void add(Sketch s) {
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, sizes.length * 2);
            }
            sizes[count++] = s.size();
            for (int i = 0; i < s.size(); i++) {
                update(s.dx(i));
                update(s.dy(i));
            }
        }

        private void update(double v) {
            values++;
            double d = v - mean;
            mean += d / values;
            m2 += d * (v - mean);
        }

        public SketchStats result() {
            int[] sorted = Arrays.copyOf(sizes, count);
            Arrays.sort(sorted);
            double factor = values == 0 ? 1 : Math.sqrt(m2 / values);
            if (!(factor > 0)) {
                factor = 1;
            }
            if (count == 0) {
                return new SketchStats(0, 0, 0, 0, 0, factor);
            }
            double median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
            return new SketchStats(count, sorted[0], median, sorted[count - 1], Arrays.stream(sorted).asLongStream().sum(),
                    factor);
        }
    }
}
